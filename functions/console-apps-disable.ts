// POST /console/api/apps/{appId}/disable: the app's signed requests are refused (40103) from now on.
import { updateApp } from '../shared/apps/registry';
import { ownedApp, viewAfterWrite } from '../shared/console/apps';
import { auditPut } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { auditOf } from '../shared/console/request';

export const handler = consoleApi('console-apps-disable', async (req) => {
  const appId = req.pathParameters.appId ?? '';
  await ownedApp(req.caller, appId);
  await updateApp(
    appId,
    { status: 'DISABLED' },
    { orgId: req.caller.orgId, also: [auditPut(auditOf(req, 'app.disable', appId))] },
  );
  return { data: await viewAfterWrite(req.caller, appId) };
});
