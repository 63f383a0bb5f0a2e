// GET /console/api/ops/stuck?minutes=: intents the watchdog reports (SUBMITTED or PROCESSING unchanged for longer
// than the limit, default 60 minutes), every app, oldest first.
import { operatorApi } from '../shared/console/ops-http';
import { stuckQuerySchema } from '../shared/console/ops-schemas';
import { loadStuck, STUCK_MINUTES } from '../shared/console/ops-stuck';
import { parseQuery } from '../shared/console/request';

export const handler = operatorApi('console-ops-stuck', async (req) => {
  const { minutes } = parseQuery(req, stuckQuerySchema);
  return { data: await loadStuck(minutes === undefined ? STUCK_MINUTES : Number(minutes)) };
});
