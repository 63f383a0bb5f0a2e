// POST /console/api/ops/intents/{intentId}/retry: run a stuck intent's fulfilment again. SUBMITTED: the processing
// step (the stream then hands it to its adapter, as for a new intent); PROCESSING: its platform's adapter now, and
// the outcome recorded as the consumer records it (the manual adapter leaves it waiting for an operator).

import { priceToleranceOf } from '../shared/apps/price-tolerance';
import { config } from '../shared/config';
import { recordOpsAudit } from '../shared/console/ops-audit';
import { operatorApi } from '../shared/console/ops-http';
import { intentForOperator, opsIntentView, orgOfApp } from '../shared/console/ops-intents';
import { adaptersFromEnv } from '../shared/fulfilment/config';
import { fulfil } from '../shared/fulfilment/consumer';
import { OutcomeRefused } from '../shared/fulfilment/operator';
import { intentsFulfilmentStore } from '../shared/fulfilment/store';
import { logger } from '../shared/logger';

const store = intentsFulfilmentStore('operator');
let adapterFor: ReturnType<typeof adaptersFromEnv> | undefined;

export const handler = operatorApi('console-ops-retry', async (req) => {
  const intent = await intentForOperator(req.pathParameters.intentId ?? '');
  if (intent.status === 'SUBMITTED') await store.startProcessing(intent.id);
  else if (intent.status === 'PROCESSING') {
    adapterFor ??= adaptersFromEnv(undefined, { priceToleranceOf });
    await fulfil(intent, { store, adapterFor, log: logger, adapterTimeoutMs: config.adapterTimeoutMs() });
  } else throw new OutcomeRefused(intent.id, intent.status);
  await recordOpsAudit(req, 'ops.retry', {
    appId: intent.appId,
    orgId: await orgOfApp(intent.appId),
    detail: { intentId: intent.id, from: intent.status },
  });
  return { data: await opsIntentView(await intentForOperator(intent.id), req.operator) };
});
