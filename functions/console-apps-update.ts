// PUT /console/api/apps/{appId}: name, IP whitelist and webhook URL (null removes it).
import { updateApp } from '../shared/apps/registry';
import { ownedApp, viewAfterWrite } from '../shared/console/apps';
import { auditPut } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { auditOf, parseBody } from '../shared/console/request';
import { updateAppRequestSchema } from '../shared/console/schemas';
import { assertWebhookUrl } from '../shared/console/settings';
import { validationError } from '../shared/http/errors';
import { MESSAGES } from '../shared/http/messages';

export const handler = consoleApi('console-apps-update', async (req) => {
  const appId = req.pathParameters.appId ?? '';
  await ownedApp(req.caller, appId);
  const changes = parseBody(req, updateAppRequestSchema);
  if (Object.keys(changes).length === 0)
    throw validationError([{ field: 'body', message: MESSAGES.nothingToChange }], false);
  if (typeof changes.webhookUrl === 'string') assertWebhookUrl(changes.webhookUrl);
  const settled = { ...changes, ...(changes.name !== undefined ? { name: changes.name.trim() } : {}) };
  await updateApp(appId, settled, {
    orgId: req.caller.orgId,
    also: [auditPut(auditOf(req, 'app.update', appId, { fields: Object.keys(settled) }))],
  });
  return { data: await viewAfterWrite(req.caller, appId) };
});
