// GET /console/api/apps/{appId}/intents/{intentId}/events: the intent's status history, as the partner route.
import { ownedApp } from '../shared/console/apps';
import { consoleApi } from '../shared/console/http';
import { intentOfApp } from '../shared/console/intents';
import { publicEvent } from '../shared/domain/public-view';
import { listEvents } from '../shared/store/intents';

export const handler = consoleApi('console-intents-events', async (req) => {
  const { appId } = await ownedApp(req.caller, req.pathParameters.appId ?? '');
  const intent = await intentOfApp(appId, req.pathParameters.intentId ?? '');
  return { data: { id: intent.id, items: (await listEvents(intent.id)).map(publicEvent) } };
});
