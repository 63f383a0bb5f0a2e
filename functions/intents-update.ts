// PUT /api/v1/intents/{id}: edit a draft, submit it, or cancel a submitted/processing intent.
import { applyUpdate } from '../shared/domain/changes';
import { publicIntent } from '../shared/domain/public-view';
import { api, jsonObjectBody } from '../shared/http/api';
import { parseUpdateIntent } from '../shared/schemas/intent';
import { transition } from '../shared/store/intents';

export const handler = api('intents-update', async (req) => {
  const update = parseUpdateIntent(jsonObjectBody(req));
  const now = new Date().toISOString();
  const intent = await transition(
    req.app!.appId,
    req.pathParameters.id ?? '',
    undefined,
    (current) => applyUpdate(current, update, now),
    'app',
    req.admitted,
  );
  return { data: publicIntent(intent) };
});
