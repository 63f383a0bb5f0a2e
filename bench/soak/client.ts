// The soak's signed calls to the local runtime: one answer per request (status and parsed JSON, if any).
import { sign } from '../../shared/auth/signature';
import type { Credentials } from '../e2e/workload';

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the envelope's data differs per route; the soak reads a few fields
  json: { code: number; data: any } | undefined;
}

// Strictly increasing across the workers, as the SDKs do: identical bodies signed in one millisecond would share a
// signature, and the API accepts a write's signature once (the soak once counted that refusal as a violation).
let lastTimestamp = 0;
function nextTimestamp(): string {
  lastTimestamp = Math.max(Date.now(), lastTimestamp + 1);
  return String(lastTimestamp);
}

export type Call = (
  method: string,
  target: string,
  payload?: string,
  tweak?: (headers: Record<string, string>) => void,
) => Promise<Answer>;

/** Signed calls to `base` as the app `creds`; `tweak` spoils a request's headers on purpose. */
export function soakClient(base: string, creds: Credentials): Call {
  return async (method, target, payload = '', tweak) => {
    const timestamp = nextTimestamp();
    const headers: Record<string, string> = {
      'x-app-id': creds.appId,
      'x-timestamp': timestamp,
      'x-signature': sign(creds.appSecret, method, target, timestamp, payload),
      'content-type': 'application/json',
    };
    tweak?.(headers);
    const res = await fetch(`${base}${target}`, { method, headers, body: payload === '' ? undefined : payload });
    const text = await res.text();
    let json: Answer['json'];
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  };
}

/** Every page of a list query (its `cursor` appended), page by page. */
export async function* pages(call: Call, query: string): AsyncGenerator<Answer> {
  let cursor: string | undefined;
  do {
    const a = await call('GET', `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    yield a;
    cursor = a.status === 200 ? (a.json?.data.nextCursor ?? undefined) : undefined;
  } while (cursor);
}
