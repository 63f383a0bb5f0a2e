// A local HTTP server that answers like JD VOP (docs/jd-vop.md): form-encoded POSTs, the OAuth2 token, VOP's
// `{ success, resultCode, resultMessage, result }` envelope, and faults injected on demand. Tests drive it in process
// (`sim.account`, `sim.inject`); `npm start` with JD_VOP_SIMULATOR=true ships and delivers orders on timers.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METHODS, md5, RESULT_CODES } from '../../shared/fulfilment/jd-vop/protocol';
import { Refusal, SimAccount, type SimCredentials } from './model';

export type FaultKind =
  /** The call is carried out, then the answer never comes (the connection is dropped after `hangMs`). */
  | 'timeout-after'
  /** The call is not carried out and the answer never comes. */
  | 'timeout-before'
  /** VOP's throttling answer (HTTP 429). */
  | 'throttle'
  /** The token is expired before the call, so VOP answers 2007. */
  | 'expire-token'
  /** An answer that is not VOP's envelope. */
  | 'malformed'
  | 'http-500';

export interface JdVopSimulatorOptions {
  credentials?: Partial<{ clientId: string; clientSecret: string; username: string; password: string }>;
  tokenTtlSec?: number;
  balanceYuan?: number;
  /** How long a `timeout-*` fault holds the connection before dropping it. */
  hangMs?: number;
  /** npm start: confirmed orders ship after this long and are delivered `deliverAfterMs` later. */
  autoShipMs?: number;
  deliverAfterMs?: number;
  now?: () => number;
}

export interface JdVopSimulator {
  url: string;
  account: SimAccount;
  credentials: { clientId: string; clientSecret: string; username: string; password: string };
  /** The next `times` calls of `method` (or of any business method with '*') meet the fault. */
  inject(method: string, kind: FaultKind, times?: number): void;
  /** Calls seen, per method (token calls included). */
  calls: Map<string, number>;
  close(): Promise<void>;
}

export const SIM_CREDENTIALS = {
  clientId: 'sim_client',
  clientSecret: 'sim_secret_local_do_not_use_in_production',
  username: 'sim_user',
  password: 'sim_password',
};

function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))));
    req.on('error', reject);
  });
}

const send = (res: ServerResponse, status: number, body: string) =>
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(body);

const ok = (result: unknown) => ({
  success: true,
  resultCode: RESULT_CODES.SUCCESS,
  resultMessage: '操作成功',
  result,
});
const refused = (code: string, message: string, result: unknown = null) => ({
  success: false,
  resultCode: code,
  resultMessage: message,
  result,
});

export async function startJdVopSimulator(options: JdVopSimulatorOptions = {}): Promise<JdVopSimulator> {
  const credentials = { ...SIM_CREDENTIALS, ...options.credentials };
  const simCredentials: SimCredentials = { ...credentials, passwordMd5: md5(credentials.password) };
  const now = options.now ?? Date.now;
  const account = new SimAccount(simCredentials, {
    tokenTtlSec: options.tokenTtlSec ?? 86_400,
    now,
    balanceFen: Math.round((options.balanceYuan ?? 100_000) * 100),
  });
  const hangMs = options.hangMs ?? 15_000;
  const faults: { method: string; kind: FaultKind; left: number }[] = [];
  const calls = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, work: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      work();
    }, ms);
    timers.add(t);
  };

  const businessCalls: Record<string, (p: Record<string, string>) => unknown> = {
    [METHODS.address]: (p) => account.area(p.address ?? ''),
    [METHODS.submit]: (p) => account.submit(p),
    [METHODS.confirm]: (p) => {
      const done = account.confirm(p.jdOrderId);
      if (options.autoShipMs !== undefined) {
        const id = Number(p.jdOrderId);
        later(options.autoShipMs, () => {
          // Products ending in 408 stay in transit (never delivered): a shipped order to try a cancel on.
          const inTransit = String(account.orders.get(id)?.skuId).endsWith('408');
          if (account.ship(id) && !inTransit)
            later(options.deliverAfterMs ?? options.autoShipMs!, () => account.deliver(id));
        });
      }
      return done;
    },
    [METHODS.byThirdOrder]: (p) => account.byThird(p.thirdOrder),
    [METHODS.order]: (p) => account.detail(p.jdOrderId),
    [METHODS.track]: (p) => account.trackOf(p.jdOrderId, p.waybillCode),
    [METHODS.cancel]: (p) => account.cancel(p.jdOrderId),
    [METHODS.messages]: (p) => account.getMessages(p.type),
    [METHODS.deleteMessage]: (p) => account.deleteMessage(p.id),
    [METHODS.balance]: (p) => account.balance(p.pin),
  };

  function takeFault(method: string): FaultKind | undefined {
    const isToken = method.startsWith('oauth2/');
    const fault = faults.find((f) => f.left > 0 && (f.method === method || (f.method === '*' && !isToken)));
    if (!fault) return undefined;
    fault.left -= 1;
    return fault.kind;
  }

  function answer(method: string, params: Record<string, string>) {
    try {
      if (method === METHODS.accessToken) return ok(account.issueToken(params));
      if (method === METHODS.refreshToken) return ok(account.refresh(params));
      const call = businessCalls[method];
      if (!call) return refused('1002', `接口${method}不存在`);
      if (!account.tokenValid(params.token)) return refused(RESULT_CODES.TOKEN_EXPIRED, 'token已过期');
      return ok(call(params));
    } catch (error) {
      if (error instanceof Refusal) return refused(error.resultCode, error.message, error.result);
      throw error;
    }
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const method = (req.url ?? '').replace(/^\/+/, '').split('?')[0]!;
      if (req.method !== 'POST') return send(res, 405, JSON.stringify(refused('1002', '仅支持POST')));
      const params = await readBody(req);
      calls.set(method, (calls.get(method) ?? 0) + 1);
      const fault = takeFault(method);
      if (fault === 'expire-token') account.expireTokens();
      // VOP's own throttle answer (提交订单过快); an HTTP 429 from a gateway is handled the same way.
      if (fault === 'throttle')
        return send(res, 200, JSON.stringify(refused(RESULT_CODES.SUBMIT_TOO_FAST, '提交订单过快')));
      if (fault === 'http-500') return send(res, 500, '<html>502 Bad Gateway</html>');
      if (fault === 'timeout-before') return later(hangMs, () => res.destroy());
      const body = answer(method, params);
      if (fault === 'timeout-after') return later(hangMs, () => res.destroy());
      if (fault === 'malformed') return send(res, 200, '{"success":tru');
      send(res, 200, JSON.stringify(body));
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    account,
    credentials,
    calls,
    inject(method, kind, times = 1) {
      faults.push({ method, kind, left: times });
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
