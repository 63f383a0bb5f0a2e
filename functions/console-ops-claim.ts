// POST /console/api/ops/intents/{intentId}/claim: claim (or renew) a PROCESSING intent for CLAIM_MINUTES before
// buying it; 409 when another operator holds a live claim or the intent is no longer PROCESSING.

import { recordOpsAudit } from '../shared/console/ops-audit';
import { operatorApi } from '../shared/console/ops-http';
import { intentForOperator, opsIntentView, orgOfApp } from '../shared/console/ops-intents';
import { claimIntent } from '../shared/fulfilment/claims';
import { OutcomeRefused } from '../shared/fulfilment/operator';

export const handler = operatorApi('console-ops-claim', async (req) => {
  const intent = await intentForOperator(req.pathParameters.intentId ?? '');
  if (intent.status !== 'PROCESSING') throw new OutcomeRefused(intent.id, intent.status);
  const claim = await claimIntent(intent.id, req.operator);
  await recordOpsAudit(req, 'ops.claim', {
    appId: intent.appId,
    orgId: await orgOfApp(intent.appId),
    detail: { intentId: intent.id, expiresAt: claim.expiresAt },
  });
  return { data: await opsIntentView(intent, req.operator) };
});
