// GET /console/api/apps: the caller's organisation's apps, newest first.
import { listOrgApps } from '../shared/console/apps';
import { consoleApi } from '../shared/console/http';

export const handler = consoleApi('console-apps-list', async ({ caller }) => ({
  data: { items: await listOrgApps(caller.orgId) },
}));
