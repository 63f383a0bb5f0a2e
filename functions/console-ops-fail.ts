// POST /console/api/ops/intents/{intentId}/fail: the order could not be placed (sold out, price changed: the reason
// says the current price). Same code path as `npm run ops -- fail`; the caller must hold the claim.

import { opsAuditPuts } from '../shared/console/ops-audit';
import { operatorApi } from '../shared/console/ops-http';
import { intentForOperator, opsIntentView, orgOfApp } from '../shared/console/ops-intents';
import { failRequestSchema } from '../shared/console/ops-schemas';
import { parseBody } from '../shared/console/request';
import { recordOutcome } from '../shared/fulfilment/operator';

export const handler = operatorApi('console-ops-fail', async (req) => {
  const body = parseBody(req, failRequestSchema, ['failureCode', 'failureReason']);
  const intent = await intentForOperator(req.pathParameters.intentId ?? '');
  const failed = await recordOutcome(
    { verb: 'fail', intentId: intent.id, failureCode: body.failureCode, failureReason: body.failureReason },
    {
      holder: req.operator,
      also: opsAuditPuts(req, 'ops.fail', {
        appId: intent.appId,
        orgId: await orgOfApp(intent.appId),
        detail: { intentId: intent.id, failureCode: body.failureCode },
      }),
    },
  );
  return { data: await opsIntentView(failed, req.operator) };
});
