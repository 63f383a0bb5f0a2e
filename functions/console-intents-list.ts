// GET /console/api/apps/{appId}/intents: the partner list route's query, validation and answer, for a console app.
import { ownedApp } from '../shared/console/apps';
import { consoleApi } from '../shared/console/http';
import { parseListQuery } from '../shared/schemas/list-query';
import { listIntents } from '../shared/store/listing';

export const handler = consoleApi('console-intents-list', async (req) => {
  const { appId } = await ownedApp(req.caller, req.pathParameters.appId ?? '');
  const query = parseListQuery(req.event.rawQueryString ?? '');
  const { readUnits: _readUnits, calls: _calls, ...data } = await listIntents(appId, query);
  return { data };
});
