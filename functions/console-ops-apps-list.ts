// GET /console/api/ops/apps: every app with its organisation, status, effective rate limits and price tolerance.
import { listApps } from '../shared/apps/registry';
import { opsAppOf } from '../shared/console/ops-apps';
import { operatorApi } from '../shared/console/ops-http';

export const handler = operatorApi('console-ops-apps-list', async () => ({
  data: { items: (await listApps()).map(opsAppOf) },
}));
