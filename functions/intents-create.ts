// POST /api/v1/intents: create an intent (DRAFT or SUBMITTED), once per Idempotency-Key.
import { newIntent } from '../shared/domain/changes';
import { newIntentId } from '../shared/domain/intent-id';
import { api, jsonObjectBody } from '../shared/http/api';
import { parseCreateIntent, parseIdempotencyKey } from '../shared/schemas/intent';
import { bodyHash } from '../shared/store/idempotency';
import { createIntent, findReplay } from '../shared/store/intents';

export const handler = api('intents-create', async (req) => {
  const appId = req.app!.appId;
  const key = parseIdempotencyKey(req.event.headers['idempotency-key']);
  const body = jsonObjectBody(req);
  const input = parseCreateIntent(body);
  const nowMs = Date.now();
  const intent = newIntent(input, { id: newIntentId(nowMs), appId }, new Date(nowMs).toISOString());
  const claim = key === undefined ? undefined : { appId, key, bodyHash: bodyHash(body), nowMs };
  // Read, then admission (replay guard and rate limit, running since the middleware), then write.
  const earlier = claim && (await findReplay(claim));
  if (!earlier) await req.admitted;
  const { response, replayed } = earlier ?? (await createIntent(intent, 'app', claim));
  return {
    status: response.status,
    data: response.data,
    headers: replayed ? { 'idempotent-replayed': 'true' } : undefined,
  };
});
