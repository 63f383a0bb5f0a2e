// GET /console/api/apps/{appId}/deliveries: the app's latest webhook deliveries, newest first.
import { ownedApp } from '../shared/console/apps';
import { consoleApi } from '../shared/console/http';
import { parseQuery } from '../shared/console/request';
import { deliveriesQuerySchema } from '../shared/console/schemas';
import { listDeliveries } from '../shared/webhooks/deliveries';

const DEFAULT_LIMIT = 20;

export const handler = consoleApi('console-deliveries-list', async (req) => {
  const { appId } = await ownedApp(req.caller, req.pathParameters.appId ?? '');
  const { limit } = parseQuery(req, deliveriesQuerySchema);
  return { data: { items: await listDeliveries(appId, limit ? Number(limit) : DEFAULT_LIMIT) } };
});
