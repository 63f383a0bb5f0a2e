// DELETE /console/api/ops/intents/{intentId}/claim: give a claim back (only its holder can) so another operator
// can take the intent now rather than when the claim expires.

import { recordOpsAudit } from '../shared/console/ops-audit';
import { operatorApi } from '../shared/console/ops-http';
import { intentForOperator, opsIntentView, orgOfApp } from '../shared/console/ops-intents';
import { releaseClaim } from '../shared/fulfilment/claims';

export const handler = operatorApi('console-ops-release', async (req) => {
  const intent = await intentForOperator(req.pathParameters.intentId ?? '');
  await releaseClaim(intent.id, req.operator);
  await recordOpsAudit(req, 'ops.release', {
    appId: intent.appId,
    orgId: await orgOfApp(intent.appId),
    detail: { intentId: intent.id },
  });
  return { data: await opsIntentView(intent, req.operator) };
});
