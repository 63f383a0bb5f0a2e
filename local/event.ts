// Turns one raw HTTP request into the API Gateway HTTP API (payload 2.0) event the Lambda would receive, so the
// local runtime runs the handlers unchanged. Pure: the server passes in what it read from the socket.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type AnyRoute, CATCH_ALL_HANDLER, matchRoute } from '../shared/routes';

export interface RawRequest {
  method: string;
  /** The request target exactly as sent on the request line (`/path?query`). */
  target: string;
  /** Node's `rawHeaders`: name, value, name, value… in wire order, duplicates kept. */
  rawHeaders: string[];
  body: Buffer;
  /** The connection's peer address (`socket.remoteAddress`). */
  remoteAddress: string | undefined;
  httpVersion: string;
  now?: Date;
}

export interface LocalInvocation {
  event: APIGatewayProxyEventV2;
  /** The module under functions/ that serves this request. */
  handler: string;
  route?: AnyRoute;
}

export class BadRequestTarget extends Error {}

const TEXT_TYPES = [
  /^text\//,
  /^application\/(.+\+)?json$/,
  /^application\/(.+\+)?xml$/,
  /^application\/x-www-form-urlencoded$/,
  /^application\/javascript$/,
];

export function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  return TEXT_TYPES.some((pattern) => pattern.test(mediaType));
}

// ignoreBOM keeps a leading byte-order mark in the text: the handler must see (and verify) the bytes as sent.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function validUtf8(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Lower-cased names; repeated headers joined with ',' as API Gateway does. Cookies go to their own field. */
function collectHeaders(rawHeaders: string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(...value.split(/;\s*/).filter(Boolean));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  // API Gateway sets X-Forwarded-Proto itself (https there), whatever the client sent; the local server speaks http.
  headers['x-forwarded-proto'] = 'http';
  return { headers, cookies };
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    params[name] = name in params ? `${params[name]},${value}` : value;
  }
  return params;
}

/** `23/Nov/2026:09:30:00 +0000`, the format of requestContext.time. */
function gatewayTime(now: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(now.getUTCDate())}/${months[now.getUTCMonth()]}/${now.getUTCFullYear()}:${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} +0000`;
}

/**
 * Builds the event. Like API Gateway HTTP APIs, `rawPath` (and `requestContext.http.path`, `pathParameters`) are
 * percent-DECODED while `rawQueryString` stays exactly as sent; clients must therefore sign the decoded path.
 * The source address is the socket's, never X-Forwarded-For.
 */
export function buildEvent(raw: RawRequest): LocalInvocation {
  const now = raw.now ?? new Date();
  const method = raw.method.toUpperCase();
  // An absolute-form target (`http://host/path`) is legal on the request line; API Gateway only sees the path.
  const target = /^[a-z]+:\/\//i.test(raw.target) ? raw.target.replace(/^[a-z]+:\/\/[^/?]*/i, '') || '/' : raw.target;
  const queryAt = target.indexOf('?');
  const encodedPath = queryAt === -1 ? target : target.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : target.slice(queryAt + 1);
  let rawPath: string;
  try {
    rawPath = decodeURIComponent(encodedPath);
  } catch {
    throw new BadRequestTarget(`malformed percent-encoding in path`);
  }
  const { headers, cookies } = collectHeaders(raw.rawHeaders);
  const { match } = matchRoute(method, rawPath);
  const routeKey = match ? `${match.route.method} ${match.route.path}` : '$default';

  let body: string | undefined;
  let isBase64Encoded = false;
  if (raw.body.length > 0) {
    const text = isTextual(headers['content-type']) ? validUtf8(raw.body) : undefined;
    if (text === undefined) {
      body = raw.body.toString('base64');
      isBase64Encoded = true;
    } else body = text;
  }

  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(rawQueryString ? { queryStringParameters: queryParameters(rawQueryString) } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: (headers.host ?? '127.0.0.1').split('.')[0]!,
      http: {
        method,
        path: rawPath,
        protocol: `HTTP/${raw.httpVersion}`,
        sourceIp: (raw.remoteAddress ?? '').replace(/^::ffff:/, ''),
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: gatewayTime(now),
      timeEpoch: now.getTime(),
    },
    ...(match && Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    ...(body === undefined ? {} : { body }),
    isBase64Encoded,
  };
  return match ? { event, handler: match.route.handler, route: match.route } : { event, handler: CATCH_ALL_HANDLER };
}
