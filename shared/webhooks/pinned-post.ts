// The webhook POST itself. Not fetch: fetch resolves the host again on its own, and a DNS answer that changes between
// the SSRF check and the connection (rebinding) would reach a private address. Here the connection can only go to
// the addresses the guard vetted; TLS still verifies the certificate against the URL's host name.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';

export class DeliveryTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

function pinnedLookup(addresses: string[]): LookupFunction {
  return (_hostname, options, callback) => {
    const entries = addresses.map((address) => ({ address, family: isIP(address) }));
    if ((options as { all?: boolean }).all) (callback as (e: null, a: typeof entries) => void)(null, entries);
    else callback(null, entries[0]!.address, entries[0]!.family);
  };
}

/**
 * POSTs and resolves to the response status. The timeout covers the whole exchange; redirects are not followed.
 * @param addresses connect only to these (the guard's vetted addresses); undefined resolves the host normally.
 */
export function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  addresses?: string[],
): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        ...(addresses ? { lookup: pinnedLookup(addresses) } : {}),
      },
      (response: IncomingMessage) => {
        // The body is not needed; reading it to the end frees the connection.
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    const timer = setTimeout(() => request.destroy(new DeliveryTimeout(timeoutMs)), timeoutMs);
    request.on('error', reject);
    request.on('close', () => clearTimeout(timer));
    request.end(body);
  });
}
