// GET /console/api/ops/queue: intents waiting for a person, oldest first, across all apps (platform, organisation
// and age filters), with the count per platform and who holds each claim.
import { operatorApi } from '../shared/console/ops-http';
import { loadQueue } from '../shared/console/ops-queue';
import { opsQueueQuerySchema } from '../shared/console/ops-schemas';
import { parseQuery } from '../shared/console/request';

export const handler = operatorApi('console-ops-queue', async (req) => ({
  data: await loadQueue(parseQuery(req, opsQueueQuerySchema), req.operator),
}));
