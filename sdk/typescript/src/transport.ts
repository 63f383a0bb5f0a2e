// One signed HTTP call with retries: signs every attempt afresh, backs off exponentially, honours Retry-After.
import { ProcureConnectionError, ProcureError, ProcureTimeoutError } from './errors.js';
import { sign } from './signing.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | null;

export interface TransportOptions {
  appId: string;
  appSecret: string;
  baseURL: string;
  /** Per attempt, in ms (default 30 000). */
  timeout: number;
  /** Extra attempts after the first (default 3). */
  maxRetries: number;
  /** First backoff step in ms; doubles every attempt (default 500). */
  retryBaseDelayMs: number;
  /** Longest wait between attempts in ms, Retry-After included (default 30 000). */
  maxRetryDelayMs: number;
  fetch: typeof fetch;
}

export interface CallOptions {
  method: Method;
  path: string;
  /** Query pairs in order; repeated keys allowed. */
  query?: [string, QueryValue][];
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether a retry after a 5xx or a lost connection is safe (the server may already have acted). */
  retryUnsafe: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  requestId: string | undefined;
  headers: Headers;
}

interface Envelope {
  code: number;
  message: string;
  data: unknown;
}

/** RFC 3986 unreserved characters only, so the URL parser never re-encodes what was signed. */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function queryString(pairs: [string, QueryValue][]): string {
  return pairs
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(String(v))}`)
    .join('&');
}

/** `Retry-After` as seconds or an HTTP date, in ms. */
function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && typeof (value as Envelope).code === 'number';
}

export class Transport {
  private lastTimestamp = 0;

  constructor(private readonly options: TransportOptions) {}

  /**
   * Strictly increasing per client: two identical requests (same method, path and body) signed in the same
   * millisecond would carry the same signature, and the API accepts a write's signature only once.
   */
  private nextTimestamp(): string {
    this.lastTimestamp = Math.max(Date.now(), this.lastTimestamp + 1);
    return String(this.lastTimestamp);
  }

  async call<T>(call: CallOptions): Promise<ApiResponse<T>> {
    // Serialised once: the signature covers these exact bytes on every attempt.
    const body = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body), 'utf8');
    const query = call.query ? queryString(call.query) : '';
    const url = new URL(this.options.baseURL.replace(/\/+$/, '') + call.path + (query ? `?${query}` : ''));
    for (let attempt = 0; ; attempt++) {
      let error: ProcureError;
      let retryable: boolean;
      try {
        return await this.attempt<T>(call, url, body);
      } catch (caught) {
        if (!(caught instanceof ProcureError)) throw caught;
        error = caught;
        // 429 means the request was refused before it did anything, so it is always safe to repeat.
        retryable = error.status === 429 || ((error.status >= 500 || error.status === 0) && call.retryUnsafe);
      }
      if (!retryable || attempt >= this.options.maxRetries) throw error;
      const backoff = this.options.retryBaseDelayMs * 2 ** attempt * (0.75 + Math.random() / 2);
      await sleep(Math.min(error.retryAfterMs ?? backoff, this.options.maxRetryDelayMs));
    }
  }

  private async attempt<T>(call: CallOptions, url: URL, body: Buffer | undefined): Promise<ApiResponse<T>> {
    // A fresh timestamp per attempt: the server refuses a signature it has already accepted (replay protection).
    const timestamp = this.nextTimestamp();
    // API Gateway hands the function a percent-decoded path but the query exactly as sent; sign what it verifies.
    const pathAndQuery = decodeURIComponent(url.pathname) + url.search;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'x-app-id': this.options.appId,
      'x-timestamp': timestamp,
      'x-signature': sign(this.options.appSecret, call.method, pathAndQuery, timestamp, body ?? ''),
      ...call.headers,
    };
    if (body) headers['content-type'] = 'application/json; charset=utf-8';
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(url, {
        method: call.method,
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeout),
      });
      text = await response.text();
    } catch (cause) {
      const name = (cause as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError')
        throw new ProcureTimeoutError(
          `${call.method} ${url.pathname} timed out after ${this.options.timeout} ms`,
          cause,
        );
      throw new ProcureConnectionError(`${call.method} ${url.pathname} failed: ${(cause as Error)?.message}`, cause);
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.ok && isEnvelope(parsed) && parsed.code === 0) {
      return { data: parsed.data as T, status: response.status, requestId, headers: response.headers };
    }
    throw new ProcureError({
      code: isEnvelope(parsed) ? parsed.code : 0,
      status: response.status,
      message: isEnvelope(parsed) && parsed.message ? parsed.message : `HTTP ${response.status}`,
      requestId,
      data: isEnvelope(parsed) ? parsed.data : null,
      retryAfterMs: retryAfterMs(response.headers),
    });
  }
}
