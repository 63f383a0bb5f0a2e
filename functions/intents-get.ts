// GET /api/v1/intents/{id}: the full intent, phone masked, for the app that owns it.
import { publicIntent } from '../shared/domain/public-view';
import { api } from '../shared/http/api';
import { getOwnedIntent } from '../shared/store/intents';

export const handler = api('intents-get', async (req) => {
  const intent = await getOwnedIntent(req.app!.appId, req.pathParameters.id ?? '');
  return { data: publicIntent(intent) };
});
