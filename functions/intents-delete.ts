// DELETE /api/v1/intents/{id}: remove a DRAFT, FAILED or CANCELLED intent, leaving an audit record.
import { api } from '../shared/http/api';
import { deleteIntent, readIntent } from '../shared/store/intents';

export const handler = api('intents-delete', async (req) => {
  const id = req.pathParameters.id ?? '';
  // Read, then admission (replay guard and rate limit, running since the middleware), then write.
  const before = await readIntent({ appId: req.app!.appId, id });
  await req.admitted;
  await deleteIntent(before, 'app', new Date().toISOString());
  return { data: { id, deleted: true } };
});
