// POST /console/api/ops/intents/{intentId}/tracking: the carrier and waybill of an order placed by hand, added after
// completing it (or while PROCESSING). The shared tracking path (shared/fulfilment/tracking.ts) records a history
// event and the partner gets an `intent.tracking_updated` webhook; 409 for any other status.
import { recordOpsAudit } from '../shared/console/ops-audit';
import { operatorApi } from '../shared/console/ops-http';
import { intentForOperator, opsIntentView, orgOfApp } from '../shared/console/ops-intents';
import { trackingRequestSchema } from '../shared/console/ops-schemas';
import { parseBody } from '../shared/console/request';
import { addTracking } from '../shared/fulfilment/tracking';
import { ApiError } from '../shared/http/errors';
import { MESSAGES } from '../shared/http/messages';

export const handler = operatorApi('console-ops-tracking', async (req) => {
  const body = parseBody(req, trackingRequestSchema, ['trackingNumber', 'trackingCompany']);
  const intent = await intentForOperator(req.pathParameters.intentId ?? '');
  const tracked = await addTracking(intent.id, body, 'operator');
  if (!tracked) {
    const { status } = await intentForOperator(intent.id);
    throw new ApiError('STATUS_CONFLICT', {
      message: MESSAGES.notTrackable(status),
      reason: `tracking refused in ${status}`,
    });
  }
  await recordOpsAudit(req, 'ops.tracking', {
    appId: intent.appId,
    orgId: await orgOfApp(intent.appId),
    detail: { intentId: intent.id, ...body },
  });
  return { data: await opsIntentView(tracked, req.operator) };
});
