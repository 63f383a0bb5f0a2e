// POST /api/v1/intents/batch: create 1-50 intents in one signed request, each item validated and created like a
// single create; `atomic` makes it all or nothing; one Idempotency-Key covers the whole batch.

import { newIntent } from '../shared/domain/changes';
import { newIntentId } from '../shared/domain/intent-id';
import { api, jsonObjectBody } from '../shared/http/api';
import { atomicRefusal, checkItems, parseBatch } from '../shared/schemas/batch';
import { batchItems } from '../shared/schemas/batch-answer';
import { parseIdempotencyKey } from '../shared/schemas/intent';
import { createBatch } from '../shared/store/batch';
import { type BatchPlan, findBatchClaim } from '../shared/store/batch-claim';
import { bodyHash } from '../shared/store/idempotency';

export const handler = api('intents-batch', async (req) => {
  const appId = req.app!.appId;
  const key = parseIdempotencyKey(req.event.headers['idempotency-key']);
  const body = jsonObjectBody(req);
  const batch = parseBatch(body);
  const checks = checkItems(batch.items);
  if (batch.atomic) {
    const refusal = atomicRefusal(checks);
    if (refusal) throw refusal;
  }
  const nowMs = Date.now();
  const plan: BatchPlan = { nowMs, ids: checks.map((c) => ('input' in c ? newIntentId(nowMs) : null)) };
  const intentsOf = ({ ids, nowMs: at }: BatchPlan) =>
    checks.map((c, i) =>
      'input' in c ? newIntent(c.input, { id: ids[i] as string, appId }, new Date(at).toISOString()) : undefined,
    );
  const claim = key === undefined ? undefined : { appId, key, bodyHash: bodyHash(body), nowMs };
  // Read, then admission (replay guard and rate limit, running since the middleware), then write.
  const earlier = claim ? ((await findBatchClaim(claim)) ?? null) : undefined;
  if (!earlier?.response) await req.admitted;
  const { data, replayed } = await createBatch(
    {
      claim,
      earlier,
      plan,
      atomic: batch.atomic,
      intentsOf,
      answer: (intents, failures) => ({ items: batchItems(checks, intents, failures) }),
    },
    'app',
  );
  return { status: 200, data, headers: replayed ? { 'idempotent-replayed': 'true' } : undefined };
});
