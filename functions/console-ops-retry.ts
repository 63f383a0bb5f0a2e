// POST /console/api/ops/intents/{intentId}/retry: run a stuck intent's fulfilment again. SUBMITTED: the processing
// step (the stream then hands it to its adapter, as for a new intent); PROCESSING: its platform's adapter now, and
// the outcome recorded as the consumer records it (the manual adapter leaves it waiting for an operator).

import { priceToleranceOf } from '../shared/apps/price-tolerance';
import { recordOpsAudit } from '../shared/console/ops-audit';
import { operatorApi } from '../shared/console/ops-http';
import { intentForOperator, opsIntentView, orgOfApp } from '../shared/console/ops-intents';
import { fulfil } from '../shared/fulfilment/consumer';
import { consumerDepsFromEnv } from '../shared/fulfilment/consumer-deps';
import { OutcomeRefused } from '../shared/fulfilment/operator';

// The consumer's own dependencies, recorded as the operator's; built on first use, like the adapters they parse.
let built: ReturnType<typeof consumerDepsFromEnv> | undefined;
const deps = () => (built ??= consumerDepsFromEnv({ priceToleranceOf }, 'operator'));

export const handler = operatorApi('console-ops-retry', async (req) => {
  const intent = await intentForOperator(req.pathParameters.intentId ?? '');
  if (intent.status === 'SUBMITTED') await deps().store.startProcessing(intent.id);
  else if (intent.status === 'PROCESSING') await fulfil(intent, deps());
  else throw new OutcomeRefused(intent.id, intent.status);
  await recordOpsAudit(req, 'ops.retry', {
    appId: intent.appId,
    orgId: await orgOfApp(intent.appId),
    detail: { intentId: intent.id, from: intent.status },
  });
  return { data: await opsIntentView(await intentForOperator(intent.id), req.operator) };
});
