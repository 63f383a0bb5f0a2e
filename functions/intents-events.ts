// GET /api/v1/intents/{id}/events: the intent's status history, oldest first.
import { publicEvent } from '../shared/domain/public-view';
import { api } from '../shared/http/api';
import { getOwnedIntent, listEvents } from '../shared/store/intents';

export const handler = api('intents-events', async (req) => {
  const intent = await getOwnedIntent(req.app!.appId, req.pathParameters.id ?? '');
  // The history is a query of many items: read only once the rate limit admitted the request.
  await req.admitted;
  const events = await listEvents(intent.id);
  return { data: { id: intent.id, items: events.map(publicEvent) } };
});
