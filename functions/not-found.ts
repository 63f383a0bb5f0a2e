// The catch-all ($default route): 405 with Allow for a known path, 404 for anything else.
import middy from '@middy/core';
import { ApiError } from '../shared/http/errors';
import type { ApiContext, HttpEvent, HttpResult } from '../shared/http/foundation';
import { httpFoundation } from '../shared/http/foundation';
import { matchRoute, type Route } from '../shared/routes';

const catchAll: Route = { method: 'GET', path: '$default', handler: 'not-found', rateLimit: null, auth: false };

export const handler = middy<HttpEvent, HttpResult, Error, ApiContext>()
  .use(httpFoundation(catchAll))
  .handler(async (event) => {
    const { allowed } = matchRoute(event.requestContext.http.method, event.rawPath);
    if (allowed.length > 0)
      throw new ApiError('INVALID_PARAMETER', {
        status: 405,
        message: '请求方法不允许',
        headers: { allow: allowed.join(', ') },
        reason: `method ${event.requestContext.http.method} not allowed`,
      });
    throw new ApiError('NOT_FOUND', { message: '接口不存在', reason: `no route for ${event.rawPath}` });
  });
