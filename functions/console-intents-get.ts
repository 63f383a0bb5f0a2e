// GET /console/api/apps/{appId}/intents/{intentId}: the intent exactly as GET /api/v1/intents/{id} shows it.
import { ownedApp } from '../shared/console/apps';
import { consoleApi } from '../shared/console/http';
import { intentOfApp } from '../shared/console/intents';
import { publicIntent } from '../shared/domain/public-view';

export const handler = consoleApi('console-intents-get', async (req) => {
  const { appId } = await ownedApp(req.caller, req.pathParameters.appId ?? '');
  return { data: publicIntent(await intentOfApp(appId, req.pathParameters.intentId ?? '')) };
});
