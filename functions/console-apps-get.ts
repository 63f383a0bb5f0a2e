// GET /console/api/apps/{appId}: one of the organisation's apps (never its secrets).
import { freshView } from '../shared/console/apps';
import { consoleApi } from '../shared/console/http';

export const handler = consoleApi('console-apps-get', async (req) => ({
  data: await freshView(req.caller, req.pathParameters.appId ?? ''),
}));
