// A small VOP client: form-encoded POSTs, the OAuth2 token (issued, refreshed, re-issued when VOP says it expired),
// a per-call timeout, and backoff retries for calls that are safe to repeat. Tokens and credentials never reach a log.
import { VopMalformed, VopRefusal, VopUnavailable } from './errors';
import {
  accessTokenSign,
  isRetryableCode,
  METHODS,
  md5,
  RESULT_CODES,
  type VopEnvelope,
  vopTimestamp,
} from './protocol';
import type { VopSettings } from './settings';

export interface VopClientOptions {
  settings: VopSettings;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Per HTTP call. */
  timeoutMs?: number;
  /** Attempts for repeatable calls (transport failures and throttling). */
  attempts?: number;
  backoffMs?: number;
}

interface Token {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is not used any more. */
  expiresAt: number;
  refreshExpiresAt: number;
}

export type CallParams = Record<string, string>;

export interface VopClient {
  /** Calls a business method; `repeatable` calls are retried with backoff on transport failures and throttling. */
  call(method: string, params: CallParams, options?: { repeatable?: boolean }): Promise<unknown>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function envelopeOf(method: string, text: string): VopEnvelope {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new VopMalformed(method, 'not JSON');
  }
  const e = body as Partial<VopEnvelope> | null;
  if (!e || typeof e !== 'object' || typeof e.success !== 'boolean')
    throw new VopMalformed(method, 'no boolean `success`');
  if (!e.success && typeof e.resultCode !== 'string') throw new VopMalformed(method, 'refusal without `resultCode`');
  return {
    success: e.success,
    resultCode: String(e.resultCode ?? ''),
    resultMessage: String(e.resultMessage ?? ''),
    result: e.result,
  };
}

export function vopClient(options: VopClientOptions): VopClient {
  const { settings } = options;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = options.timeoutMs ?? 3000;
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 200;
  let token: Token | undefined;
  let issuing: Promise<Token> | undefined;

  async function post(method: string, params: CallParams): Promise<VopEnvelope> {
    let response: Response;
    try {
      response = await doFetch(`${settings.url.replace(/\/$/, '')}/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new VopUnavailable(method, (error as Error).name === 'TimeoutError' ? 'timeout' : 'network error');
    }
    const text = await response.text().catch(() => {
      throw new VopUnavailable(method, 'connection lost while reading');
    });
    if (response.status === 429) throw new VopUnavailable(method, 'HTTP 429', true);
    if (!response.ok) throw new VopUnavailable(method, `HTTP ${response.status}`);
    const envelope = envelopeOf(method, text);
    // VOP's own "try again" refusals (提交订单过快, 服务异常,请稍后重试, ...) are retried like a lost answer.
    if (!envelope.success && isRetryableCode(envelope.resultCode))
      throw new VopUnavailable(
        method,
        `refused ${envelope.resultCode}, retryable`,
        envelope.resultCode === RESULT_CODES.SUBMIT_TOO_FAST,
      );
    return envelope;
  }

  function tokenOf(method: string, result: unknown): Token {
    const r = result as Record<string, unknown> | null;
    if (!r || typeof r.access_token !== 'string' || typeof r.expires_in !== 'number')
      throw new VopMalformed(method, 'token result without access_token / expires_in');
    const issuedAt = typeof r.time === 'number' ? r.time : now();
    return {
      accessToken: r.access_token,
      refreshToken: typeof r.refresh_token === 'string' ? r.refresh_token : '',
      // A minute early: a token that expires in flight is refused, which costs a round trip.
      expiresAt: issuedAt + r.expires_in * 1000 - 60_000,
      refreshExpiresAt: typeof r.refresh_token_expires === 'number' ? r.refresh_token_expires : 0,
    };
  }

  async function issue(): Promise<Token> {
    const canRefresh = token?.refreshToken && token.refreshExpiresAt > now();
    const [method, params] = canRefresh
      ? [
          METHODS.refreshToken,
          { refresh_token: token!.refreshToken, client_id: settings.clientId, client_secret: settings.clientSecret },
        ]
      : [METHODS.accessToken, accessTokenParams()];
    const envelope = await post(method, params);
    if (!envelope.success) {
      // A refused refresh falls back to a fresh token once; a refused issue is a configuration problem.
      if (canRefresh) {
        token = undefined;
        return issue();
      }
      throw new VopRefusal(method, envelope.resultCode, envelope.resultMessage);
    }
    return tokenOf(method, envelope.result);
  }

  function accessTokenParams(): CallParams {
    const timestamp = vopTimestamp(new Date(now()));
    const passwordMd5 = md5(settings.password);
    return {
      grant_type: 'access_token',
      client_id: settings.clientId,
      timestamp,
      username: settings.username,
      password: passwordMd5,
      sign: accessTokenSign({
        clientSecret: settings.clientSecret,
        timestamp,
        clientId: settings.clientId,
        username: settings.username,
        passwordMd5,
      }),
    };
  }

  async function currentToken(): Promise<string> {
    if (token && token.expiresAt > now()) return token.accessToken;
    // Concurrent calls share one issue.
    issuing ??= issue().finally(() => {
      issuing = undefined;
    });
    token = await issuing;
    return token.accessToken;
  }

  async function once(method: string, params: CallParams): Promise<unknown> {
    for (let reissued = false; ; reissued = true) {
      const envelope = await post(method, { ...params, token: await currentToken() });
      if (envelope.success) return envelope.result;
      if (envelope.resultCode === RESULT_CODES.TOKEN_EXPIRED && !reissued) {
        token = undefined;
        continue;
      }
      throw new VopRefusal(method, envelope.resultCode, envelope.resultMessage, envelope.result);
    }
  }

  return {
    async call(method, params, { repeatable = true } = {}) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(method, params);
        } catch (error) {
          if (!(error instanceof VopUnavailable) || !repeatable || attempt >= attempts) throw error;
          await sleep(backoffMs * 2 ** (attempt - 1) * (error.throttled ? 2 : 1));
        }
      }
    },
  };
}
