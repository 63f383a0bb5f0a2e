// The catch-all ($default route): 405 with Allow for a known path, 404 for anything else.

import { ApiError } from '../shared/http/errors';
import { buildHandler } from '../shared/http/handler';
import { MESSAGES } from '../shared/http/messages';
import { CATCH_ALL_HANDLER, matchRoute } from '../shared/routes';

export const handler = buildHandler(CATCH_ALL_HANDLER, async ({ event }) => {
  const { allowed } = matchRoute(event.requestContext.http.method, event.rawPath);
  if (allowed.length > 0)
    throw new ApiError('INVALID_PARAMETER', {
      status: 405,
      message: MESSAGES.methodNotAllowed,
      headers: { allow: allowed.join(', ') },
      reason: `method ${event.requestContext.http.method} not allowed`,
    });
  throw new ApiError('NOT_FOUND', { message: MESSAGES.noSuchRoute, reason: `no route for ${event.rawPath}` });
});
