// PLACEHOLDER until the signature middleware lands: refuses every signed route.
import type { MiddlewareObj } from '@middy/core';
import type { ApiContext, HttpEvent, HttpResult } from '../http/api';
import { ApiError } from '../http/errors';
import type { Route } from '../routes';

export function authenticate(_route: Route): MiddlewareObj<HttpEvent, HttpResult, Error, ApiContext> {
  return {
    before: () => {
      throw new ApiError('BAD_SIGNATURE', { reason: 'signature middleware not built yet' });
    },
  };
}
