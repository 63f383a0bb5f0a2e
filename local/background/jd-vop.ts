// `npm start` with JD_VOP_SIMULATOR=true: the VOP simulator on a free loopback port, JD routed to the jd-vop adapter
// through it, and the JD poller every JD_VOP_POLL_MS (default 1000) standing in for the one-minute schedule on AWS.

import { consumer } from '../../functions/jd-vop-poller';
import { listApps } from '../../shared/apps/registry';
import { vopApiFromEnv } from '../../shared/fulfilment/jd-vop';
import { runJdPoll, tableProgressStore } from '../../shared/fulfilment/jd-vop/poll';
import { logger } from '../../shared/logger';
import { listIntents } from '../../shared/store/listing';
import { optionalEnv } from '../../tools/env';
import type { BackgroundService } from '../background-service';
import { type JdVopSimulator, startJdVopSimulator } from '../jd-vop-sim/server';

const ms = (name: string, fallback: number) => {
  const value = Number(optionalEnv(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number of milliseconds`);
  return value;
};

/** Starts the simulator and points the adapter configuration at it; call before the consumer's first batch. */
export async function jdVopSimulatorService(env: NodeJS.ProcessEnv = process.env): Promise<BackgroundService> {
  const sim: JdVopSimulator = await startJdVopSimulator({
    autoShipMs: ms('JD_VOP_SIM_SHIP_MS', 3000),
    deliverAfterMs: ms('JD_VOP_SIM_DELIVER_MS', 3000),
  });
  const others = (env.FULFILMENT_ADAPTERS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('JD='));
  Object.assign(env, {
    FULFILMENT_ADAPTERS: [...others, 'JD=jd-vop'].join(','),
    JD_VOP_URL: sim.url,
    JD_VOP_CLIENT_ID: sim.credentials.clientId,
    JD_VOP_CLIENT_SECRET: sim.credentials.clientSecret,
    JD_VOP_USERNAME: sim.credentials.username,
    JD_VOP_PASSWORD: sim.credentials.password,
  });
  console.log(
    `JD VOP simulator at ${sim.url}: JD intents are ordered through it (ship after ${ms('JD_VOP_SIM_SHIP_MS', 3000)} ms)`,
  );
  return { name: 'JD VOP simulator', start() {}, stop: () => sim.close() };
}

/** The poller loop; started after the runtime set TABLE_NAME and the simulator the adapters' configuration. */
export async function jdVopPollerService(): Promise<BackgroundService> {
  const intervalMs = ms('JD_VOP_POLL_MS', 1000);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tick = () => {
    running = runJdPoll({
      api: () => vopApiFromEnv(),
      // The balance line every second would drown the console: warnings and errors only.
      log: { info() {}, warn: logger.warn.bind(logger), error: logger.error.bind(logger) },
      progress: tableProgressStore(),
      consumer: consumer(),
      appIds: async () => (await listApps()).map((a) => a.appId),
      list: (appId, query) => listIntents(appId, query),
      redriveAfterMinutes: Number(optionalEnv('JD_VOP_REDRIVE_MINUTES', '10')),
    })
      .catch((error) => logger.warn('jd-vop poll failed; next tick retries', { error: error as Error }))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  return {
    name: 'JD VOP poller',
    start() {
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
