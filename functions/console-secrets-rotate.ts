// POST /console/api/apps/{appId}/secrets: a new secret, shown in this response only. The previous one keeps working
// for `graceHours` (0: not at all; null: until revoked).
import { rotateSecret } from '../shared/apps/registry';
import { ownedApp, viewAfterWrite } from '../shared/console/apps';
import { auditPut } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { auditOf, parseBody } from '../shared/console/request';
import { rotateSecretRequestSchema } from '../shared/console/schemas';

const HOUR_MS = 3_600_000;

export const handler = consoleApi('console-secrets-rotate', async (req) => {
  const appId = req.pathParameters.appId ?? '';
  await ownedApp(req.caller, appId);
  const { graceHours } = parseBody(req, rotateSecretRequestSchema, ['graceHours']);
  const { appSecret } = await rotateSecret(appId, graceHours === null ? null : graceHours * HOUR_MS, {
    orgId: req.caller.orgId,
    also: [auditPut(auditOf(req, 'secret.rotate', appId, { graceHours }))],
  });
  return { data: { app: await viewAfterWrite(req.caller, appId), appSecret } };
});
