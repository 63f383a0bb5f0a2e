// PUT /console/api/ops/apps/{appId}: an operator disables or enables an app, changes its rate limits (merged over
// its current overrides) or its price tolerance. The change and its audit entries are one transaction.
import { clearAppCache } from '../shared/apps/cache';
import { describeApp, updateApp } from '../shared/apps/registry';
import { opsAppOf } from '../shared/console/ops-apps';
import { opsAuditPuts } from '../shared/console/ops-audit';
import { operatorApi } from '../shared/console/ops-http';
import { opsAppUpdateRequestSchema } from '../shared/console/ops-schemas';
import { parseBody } from '../shared/console/request';
import { ApiError } from '../shared/http/errors';
import { MESSAGES } from '../shared/http/messages';

const notFound = (appId: string) =>
  new ApiError('NOT_FOUND', { message: MESSAGES.appNotFound, reason: `no app ${appId}` });

export const handler = operatorApi('console-ops-apps-update', async (req) => {
  const body = parseBody(req, opsAppUpdateRequestSchema);
  const appId = req.pathParameters.appId ?? '';
  const app = /^[A-Za-z0-9_-]{1,64}$/.test(appId) ? await describeApp(appId) : undefined;
  if (!app) throw notFound(appId);
  await updateApp(
    appId,
    {
      ...(body.status ? { status: body.status } : {}),
      ...(body.limits ? { limits: { ...app.limits, ...body.limits } } : {}),
      ...(body.priceTolerancePercent !== undefined ? { priceTolerancePercent: body.priceTolerancePercent } : {}),
    },
    { also: opsAuditPuts(req, 'ops.app.update', { appId, orgId: app.orgId, detail: { ...body } }) },
  );
  clearAppCache(); // this instance answers with what it just wrote
  const updated = await describeApp(appId);
  if (!updated) throw notFound(appId);
  return { data: opsAppOf(updated) };
});
