// GET /api/v1/openapi.json: the API description, without auth, rate limit or database. Tools (Redoc, Postman,
// linters) read a bare OpenAPI document, so this one route answers outside the { code, message, data } envelope;
// the foundation still gives it a request id and the envelope on errors.
import { config } from '../shared/config';
import { JSON_CONTENT_TYPE } from '../shared/http/envelope';
import { buildHandler } from '../shared/http/handler';
import { buildOpenApiDocument } from '../shared/openapi/document';

// One document per base URL; an instance is only ever reached through one or two.
let cached: { serverUrl: string; body: string } | undefined;

export const handler = buildHandler(
  'openapi',
  async ({ event }) => {
    // API Gateway sets X-Forwarded-Proto itself; the local runtime does the same with http.
    const scheme = event.headers['x-forwarded-proto'] === 'http' ? 'http' : 'https';
    // The API's public base URL when it has one (a custom domain); otherwise the host that was asked.
    const serverUrl = config.publicApiUrl() ?? `${scheme}://${event.requestContext.domainName}`;
    if (cached?.serverUrl !== serverUrl) {
      cached = { serverUrl, body: JSON.stringify(buildOpenApiDocument({ serverUrl })) };
    }
    return { statusCode: 200, headers: { 'content-type': JSON_CONTENT_TYPE }, body: cached.body };
  },
  { envelope: false },
);
