// POST /console/api/apps/{appId}/enable: the app's signed requests are accepted again.
import { updateApp } from '../shared/apps/registry';
import { ownedApp, viewAfterWrite } from '../shared/console/apps';
import { auditPut } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { auditOf } from '../shared/console/request';

export const handler = consoleApi('console-apps-enable', async (req) => {
  const appId = req.pathParameters.appId ?? '';
  await ownedApp(req.caller, appId);
  await updateApp(
    appId,
    { status: 'ACTIVE' },
    { orgId: req.caller.orgId, also: [auditPut(auditOf(req, 'app.enable', appId))] },
  );
  return { data: await viewAfterWrite(req.caller, appId) };
});
