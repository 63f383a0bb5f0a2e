// Builds API Gateway HTTP API (payload 2.0) events and invokes handlers the way Lambda does.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { sign } from '../../shared/auth/signature';

export interface EventOptions {
  method?: string;
  path: string;
  /** The query string exactly as sent, without `?`. */
  query?: string;
  body?: string;
  base64?: boolean;
  headers?: Record<string, string>;
  sourceIp?: string;
  pathParameters?: Record<string, string>;
}

export function httpEvent(o: EventOptions): APIGatewayProxyEventV2 {
  const method = (o.method ?? 'GET').toUpperCase();
  const headers = Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    version: '2.0',
    routeKey: `${method} ${o.path}`,
    rawPath: o.path,
    rawQueryString: o.query ?? '',
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path: o.path, protocol: 'HTTP/1.1', sourceIp: o.sourceIp ?? '127.0.0.1', userAgent: 'test' },
      requestId: 'test',
      routeKey: `${method} ${o.path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    pathParameters: o.pathParameters,
    body: o.body === undefined ? undefined : o.base64 ? Buffer.from(o.body, 'utf8').toString('base64') : o.body,
    isBase64Encoded: Boolean(o.base64),
  };
}

export interface Credentials {
  appId: string;
  appSecret: string;
}

/** A correctly signed event; `timestamp` and extra headers may be overridden to build bad requests. */
export function signedEvent(creds: Credentials, o: EventOptions & { timestamp?: string }): APIGatewayProxyEventV2 {
  const method = (o.method ?? 'GET').toUpperCase();
  const timestamp = o.timestamp ?? String(Date.now());
  const pathAndQuery = o.query ? `${o.path}?${o.query}` : o.path;
  const signature = sign(creds.appSecret, method, pathAndQuery, timestamp, o.body ?? '');
  return httpEvent({
    ...o,
    method,
    headers: { 'x-app-id': creds.appId, 'x-timestamp': timestamp, 'x-signature': signature, ...o.headers },
  });
}

export const lambdaContext = {
  functionName: 'test',
  awsRequestId: 'test',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

export interface Answer {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape each route answers
  body: { code: number; message: string; data: any };
}

// Middy handlers take a context narrowed by their middlewares and a third `{ signal }` argument.
// biome-ignore lint/suspicious/noExplicitAny: any Lambda handler, whatever its context type
type AnyHandler = (event: APIGatewayProxyEventV2, context: any, opts: { signal: AbortSignal }) => Promise<unknown>;

export async function invoke(handler: AnyHandler, event: APIGatewayProxyEventV2): Promise<Answer> {
  const signal = new AbortController().signal;
  const result = (await handler(event, { ...lambdaContext }, { signal })) as APIGatewayProxyStructuredResultV2;
  return {
    status: result.statusCode ?? 200,
    headers: (result.headers ?? {}) as Record<string, string>,
    body: JSON.parse(result.body ?? 'null'),
  };
}
