// GET /api/v1/intents: the caller's app's intents, filtered, sorted and paged, with an exact total.
import { api } from '../shared/http/api';
import { parseListQuery } from '../shared/schemas/list-query';
import { cursorKey } from '../shared/store/cursor-key';
import { listIntents } from '../shared/store/listing';

export const handler = api('intents-list', async (req) => {
  const query = parseListQuery(req.event.rawQueryString ?? '');
  // A page costs many items: it is read only once the rate limit admitted it, so a 429 costs only the counter.
  await req.admitted;
  // The cursor key (read once per instance, needed for nextCursor) is fetched alongside the page's read.
  cursorKey().catch(() => undefined);
  const { readUnits: _readUnits, calls: _calls, ...data } = await listIntents(req.app!.appId, query);
  return { data };
});
