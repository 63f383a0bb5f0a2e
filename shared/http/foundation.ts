// The HTTP foundation every function shares: request id, limits, the envelope and the one error handler. It
// imports nothing of auth or the store, so unsigned routes (health, openapi, the catch-all) bundle without the AWS SDK;
// signed routes build their chain with `api()` in ./api.
import { isUtf8 } from 'node:buffer';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { logger } from '../logger';
import type { Route } from '../routes';
import { fromDomainError } from './domain-errors';
import { envelope, success } from './envelope';
import { ApiError, ErrorCodes, isDependencyUnavailable, validationError } from './errors';
import { MESSAGES } from './messages';
import { newRequestId } from './request-id';

export const MAX_BODY_BYTES = 1024 * 1024;
export const MAX_URL_CHARS = 8192;

/** The app a signed request was verified for. */
export interface CallerApp {
  appId: string;
  /** The app's webhook URL when it has one (API reference: Webhooks). */
  webhookUrl?: string;
}

export interface ApiRequest {
  event: APIGatewayProxyEventV2;
  route: Route;
  requestId: string;
  /** The body exactly as sent (base64-decoded when API Gateway encoded it); '' when none. */
  rawBody: string;
  rawBodyBytes: Buffer;
  pathParameters: Record<string, string>;
  /** Set by the auth middleware on signed routes. */
  app?: CallerApp;
  /** Headers every response of this request carries (rate-limit headers, for example). */
  responseHeaders: Record<string, string>;
  /**
   * Settles when this request is admitted: a signed write's replay guard and rate limit, a signed read's rate limit.
   * They run alongside the handler's first read (one round trip fewer); a handler awaits this before it writes (the
   * store's write functions take it) or before a read that costs more than one item. Fulfilled for unsigned routes.
   */
  admitted: Promise<void>;
}

export interface ApiResult {
  status?: number;
  data: unknown;
  headers?: Record<string, string>;
}

export type ApiContext = Context & { api: ApiRequest };
export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

function urlLength(event: HttpEvent): number {
  return event.rawPath.length + (event.rawQueryString ? event.rawQueryString.length + 1 : 0);
}

const ADMITTED = Promise.resolve();

/** Request id, body decoding, request limits, the envelope and the one error handler. */
export function httpFoundation(route: Route): MiddlewareObj<HttpEvent, HttpResult, Error, ApiContext> {
  const routeLabel = `${route.method} ${route.path}`;
  const finish = (
    api: Pick<ApiRequest, 'requestId' | 'responseHeaders'>,
    result: HttpResult & { headers?: Record<string, string | number | boolean> },
  ) => {
    // Every result here is a fresh envelope of this request, so its headers are added to in place.
    result.headers ??= {};
    const headers = result.headers;
    Object.assign(headers, api.responseHeaders);
    headers['x-request-id'] = api.requestId;
    return result;
  };
  return {
    before: (request) => {
      const event = request.event;
      const requestId = newRequestId();
      logger.resetKeys();
      logger.appendKeys({ requestId, route: routeLabel });
      const rawBodyBytes = event.body
        ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
        : Buffer.alloc(0);
      request.context.api = {
        event,
        route,
        requestId,
        rawBodyBytes,
        rawBody: rawBodyBytes.toString('utf8'),
        pathParameters: (event.pathParameters ?? {}) as Record<string, string>,
        responseHeaders: {},
        admitted: ADMITTED,
      };
      if (urlLength(event) > MAX_URL_CHARS)
        throw new ApiError('INVALID_PARAMETER', { status: 414, message: MESSAGES.urlTooLong });
      if (rawBodyBytes.length > MAX_BODY_BYTES)
        throw new ApiError('INVALID_PARAMETER', { status: 413, message: MESSAGES.bodyTooLarge });
    },
    after: (request) => {
      if (request.response) finish(request.context.api, request.response);
    },
    onError: (request) => {
      const api = request.context.api;
      const error = fromDomainError(request.error);
      let response: HttpResult;
      if (error instanceof ApiError) {
        if (error.status >= 500) logger.error('request failed', { code: error.code, reason: error.message });
        else logger.info('request refused', { code: error.code, status: error.status, reason: error.message });
        response = envelope(
          error.status,
          { code: error.code, message: error.publicMessage, data: error.data },
          error.headers,
        );
      } else if (isDependencyUnavailable(error)) {
        logger.warn('dependency unavailable', { error: error as Error });
        const { code, status, message } = ErrorCodes.UNAVAILABLE;
        response = envelope(status, { code, message, data: null }, { 'retry-after': '1' });
      } else {
        logger.error('unexpected failure', { error: error as Error });
        const { code, status, message } = ErrorCodes.INTERNAL;
        response = envelope(status, { code, message, data: null });
      }
      // The foundation may fail before it built the request (it never should); still answer with an id.
      request.response = finish(api ?? { requestId: newRequestId(), responseHeaders: {} }, response);
    },
  };
}

/** Builds the Lambda handler for one route of the table. */

/** Parses the raw body as a JSON object: 40003 for anything else (API reference: Request limits). */
export function jsonObjectBody(req: ApiRequest): Record<string, unknown> {
  let parsed: unknown;
  // Decoding replaces invalid bytes with U+FFFD; the contract's bodies are UTF-8, so refuse rather than store mangled text.
  if (!isUtf8(req.rawBodyBytes))
    throw new ApiError('MALFORMED_JSON', { message: MESSAGES.bodyNotUtf8, reason: 'body is not UTF-8' });
  // JSON text has no byte-order mark (RFC 8259 section 8.1). The signature covered the bytes as sent, BOM included;
  // refusing it here, rather than dropping it, keeps the bytes verified and the bytes parsed the same.
  if (req.rawBodyBytes[0] === 0xef && req.rawBodyBytes[1] === 0xbb && req.rawBodyBytes[2] === 0xbf)
    throw new ApiError('MALFORMED_JSON', {
      message: MESSAGES.bodyStartsWithBom,
      reason: 'body starts with a UTF-8 byte-order mark',
    });
  try {
    parsed = JSON.parse(req.rawBody);
  } catch {
    throw new ApiError('MALFORMED_JSON', { message: MESSAGES.bodyNotJson, reason: 'body is not JSON' });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new ApiError('MALFORMED_JSON', { message: MESSAGES.bodyNotObject, reason: 'body is not a JSON object' });
  return parsed as Record<string, unknown>;
}

type RouteHandler = (req: ApiRequest) => Promise<ApiResult>;

/** The foundation chain for one route of the table; `api()` adds authentication for signed routes. */
export function foundationChain(route: Route) {
  return middy<HttpEvent, HttpResult, Error, ApiContext>().use(httpFoundation(route));
}

/**
 * A route that takes no query parameters refuses every one as the list route refuses an unknown one (400 / 40001),
 * after authentication like any other parameter check: a parameter silently ignored is a partner's bug nobody sees.
 */
export function refuseQueryParameters(req: Pick<ApiRequest, 'route' | 'event'>): void {
  if (req.route.query || !req.event.rawQueryString) return;
  const names = new Set(new URLSearchParams(req.event.rawQueryString).keys());
  if (names.size > 0)
    throw validationError(
      [...names].map((field) => ({ field, message: MESSAGES.unknownParameter })),
      false,
    );
}

/** Runs a route handler and wraps its result in the success envelope. */
export function answer(fn: RouteHandler) {
  return async (_event: HttpEvent, context: ApiContext) => {
    refuseQueryParameters(context.api);
    const result = await fn(context.api);
    return success(result.status ?? 200, result.data, result.headers);
  };
}
