// DELETE /console/api/apps/{appId}/secrets/previous: the previous secret stops working now.
import { revokePreviousSecret } from '../shared/apps/registry';
import { ownedApp, viewAfterWrite } from '../shared/console/apps';
import { auditPut } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { auditOf } from '../shared/console/request';

export const handler = consoleApi('console-secrets-revoke', async (req) => {
  const appId = req.pathParameters.appId ?? '';
  await ownedApp(req.caller, appId);
  await revokePreviousSecret(appId, {
    orgId: req.caller.orgId,
    also: [auditPut(auditOf(req, 'secret.revoke_previous', appId))],
  });
  return { data: await viewAfterWrite(req.caller, appId) };
});
