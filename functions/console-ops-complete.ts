// POST /console/api/ops/intents/{intentId}/complete: the order was placed by hand. Through the same code path as
// `npm run ops -- complete` (claim held by the caller, paid price within the app's tolerance); the audit entry is
// written in the same transaction.

import { opsAuditPuts } from '../shared/console/ops-audit';
import { operatorApi } from '../shared/console/ops-http';
import { intentForOperator, opsIntentView, orgOfApp } from '../shared/console/ops-intents';
import { completeRequestSchema } from '../shared/console/ops-schemas';
import { parseBody } from '../shared/console/request';
import { yuanToFen } from '../shared/domain/money';
import { recordOutcome } from '../shared/fulfilment/operator';

export const handler = operatorApi('console-ops-complete', async (req) => {
  const body = parseBody(req, completeRequestSchema, ['orderId', 'paidPrice']);
  const intent = await intentForOperator(req.pathParameters.intentId ?? '');
  const done = await recordOutcome(
    {
      verb: 'complete',
      intentId: intent.id,
      orderId: body.orderId,
      paidPriceFen: yuanToFen(body.paidPrice),
      ...(body.trackingNumber ? { trackingNumber: body.trackingNumber, trackingCompany: body.trackingCompany } : {}),
    },
    {
      holder: req.operator,
      also: opsAuditPuts(req, 'ops.complete', {
        appId: intent.appId,
        orgId: await orgOfApp(intent.appId),
        detail: { intentId: intent.id, orderId: body.orderId, paidPrice: body.paidPrice },
      }),
    },
  );
  return { data: await opsIntentView(done, req.operator) };
});
