// POST /console/api/apps: a new app of the caller's organisation. Its secret is in this response and nowhere else.
import { viewOf } from '../shared/apps/app';
import { createApp, newAppId } from '../shared/apps/registry';
import { toConsoleApp } from '../shared/console/apps';
import { auditPut } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { auditOf, parseBody } from '../shared/console/request';
import { createAppRequestSchema } from '../shared/console/schemas';
import { assertWebhookUrl } from '../shared/console/settings';

export const handler = consoleApi('console-apps-create', async (req) => {
  const input = parseBody(req, createAppRequestSchema, ['name']);
  if (input.webhookUrl !== undefined) assertWebhookUrl(input.webhookUrl);
  const appId = newAppId();
  const name = input.name.trim();
  // The app, the organisation's link to it and the audit entry commit together.
  const { app } = await createApp(
    { ...input, name, appId, orgId: req.caller.orgId },
    { also: [auditPut(auditOf(req, 'app.create', appId, { name }))] },
  );
  return { status: 201, data: { app: toConsoleApp(viewOf(app)), appSecret: app.secrets[0]!.secret } };
});
