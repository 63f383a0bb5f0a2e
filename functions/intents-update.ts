// PUT /api/v1/intents/{id}: edit a draft, submit it, or cancel a submitted/processing intent.
import { applyUpdate } from '../shared/domain/changes';
import { publicIntent } from '../shared/domain/public-view';
import { api, jsonObjectBody } from '../shared/http/api';
import { parseUpdateIntent } from '../shared/schemas/intent';
import { readIntent, transition } from '../shared/store/intents';

export const handler = api('intents-update', async (req) => {
  const update = parseUpdateIntent(jsonObjectBody(req));
  const now = new Date().toISOString();
  const target = { appId: req.app!.appId, id: req.pathParameters.id ?? '' };
  // Read, then admission (replay guard and rate limit, running since the middleware), then write.
  const read = await readIntent(target);
  await req.admitted;
  const change = (current: typeof read) => applyUpdate(current, update, now);
  const intent = await transition({ ...target, read, change, actor: 'app' });
  return { data: publicIntent(intent) };
});
