// GET /console/api/ops/dead-letters: webhook deliveries that exhausted their retries, grouped by app (apps without
// any are left out).
import { listApps } from '../shared/apps/registry';
import { operatorApi } from '../shared/console/ops-http';
import type { DeadLettersResponse } from '../shared/console/ops-schemas';
import { deadLetters } from '../shared/webhooks/dead-letters';
import { publicDelivery } from '../shared/webhooks/deliveries';

export const handler = operatorApi('console-ops-dead-letters', async () => {
  const apps = await listApps();
  const grouped = await Promise.all(
    apps.map(async (app) => ({
      appId: app.appId,
      appName: app.name,
      items: (await deadLetters(app.appId)).map(publicDelivery),
    })),
  );
  const data: DeadLettersResponse = { apps: grouped.filter((g) => g.items.length > 0) };
  return { data };
});
