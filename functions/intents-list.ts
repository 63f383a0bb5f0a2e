// GET /api/v1/intents: the caller's app's intents, filtered, sorted and paged, with an exact total.
import { api } from '../shared/http/api';
import { parseListQuery } from '../shared/schemas/list-query';
import { listIntents } from '../shared/store/listing';

export const handler = api('intents-list', async (req) => {
  const query = parseListQuery(req.event.rawQueryString ?? '');
  const { readUnits: _readUnits, calls: _calls, ...data } = await listIntents(req.app!.appId, query);
  return { data };
});
