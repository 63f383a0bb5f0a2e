// DELETE /api/v1/intents/{id}: remove a DRAFT, FAILED or CANCELLED intent, leaving an audit record.
import { api } from '../shared/http/api';
import { deleteIntent } from '../shared/store/intents';

export const handler = api('intents-delete', async (req) => {
  const id = req.pathParameters.id ?? '';
  await deleteIntent(req.app!.appId, id, 'app', new Date().toISOString(), req.admitted);
  return { data: { id, deleted: true } };
});
