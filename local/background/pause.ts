// A wait that a poller's stop() cuts short: stopping never sits out a retry pause or an idle pause.
import { setTimeout as sleep } from 'node:timers/promises';

export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // Stopped: the caller sees signal.aborted and winds down.
  }
}
