// GET /console/api/ops/intents/{intentId}: the intent with what the operator needs to buy it (full phone, claim,
// price ceiling).

import { operatorApi } from '../shared/console/ops-http';
import { intentForOperator, opsIntentView } from '../shared/console/ops-intents';

export const handler = operatorApi('console-ops-intent-get', async (req) => ({
  data: await opsIntentView(await intentForOperator(req.pathParameters.intentId ?? ''), req.operator),
}));
