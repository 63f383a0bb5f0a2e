// Turns what a Lambda returned into the HTTP response API Gateway would send (payload 2.0 rules).
import type { APIGatewayProxyResultV2 } from 'aws-lambda';

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** API Gateway's own answer when the integration throws or returns garbage. */
export const INTERNAL_SERVER_ERROR: HttpResponse = {
  statusCode: 500,
  headers: { 'content-type': 'application/json' },
  body: Buffer.from('{"message":"Internal Server Error"}'),
};

export function toHttpResponse(result: APIGatewayProxyResultV2 | undefined): HttpResponse {
  // Payload 2.0: anything without a statusCode is itself the JSON body of a 200.
  if (result === undefined || result === null || typeof result !== 'object' || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  return { statusCode: result.statusCode ?? 200, headers, body };
}
