// GET /api/v1/openapi.json: the API description, without auth, rate limit or database. Tools (Redoc, Postman,
// linters) read a bare OpenAPI document, so this one route answers outside the { code, message, data } envelope;
// the foundation still gives it a request id and the envelope on errors.
import middy from '@middy/core';
import { JSON_CONTENT_TYPE } from '../shared/http/envelope';
import {
  type ApiContext,
  type HttpEvent,
  type HttpResult,
  httpFoundation,
  refuseQueryParameters,
} from '../shared/http/foundation';
import { buildOpenApiDocument } from '../shared/openapi/document';
import { routeFor } from '../shared/routes';

let body: string | undefined;

export const handler = middy<HttpEvent, HttpResult, Error, ApiContext>()
  .use(httpFoundation(routeFor('openapi')))
  .handler(async (_event, context) => {
    refuseQueryParameters(context.api);
    body ??= JSON.stringify(buildOpenApiDocument());
    return { statusCode: 200, headers: { 'content-type': JSON_CONTENT_TYPE }, body };
  });
