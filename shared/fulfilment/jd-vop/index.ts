// The JD VOP adapter as configuration builds it: settings (Secrets Manager or JD_VOP_* variables) are read on first
// use and shared by the adapter and the poller of one function instance.

import { environment } from '../../config';
import { logger } from '../../logger';
import type { FulfilmentAdapter } from '../adapter';
import { jdVopAdapter } from './adapter';
import { type VopApi, vopApi } from './api';
import { vopClient } from './client';
import { loadVopSettings } from './settings';

let shared: Promise<VopApi> | undefined;

/** The instance's VOP API; a failed settings load is retried on the next use rather than cached. */
export function vopApiFromEnv(env: Readonly<Record<string, string | undefined>> = environment()): Promise<VopApi> {
  shared ??= loadVopSettings(env)
    .then((settings) => vopApi(vopClient({ settings }), settings))
    .catch((error) => {
      shared = undefined;
      throw error;
    });
  return shared;
}

export function jdVopAdapterFromEnv(
  env: Readonly<Record<string, string | undefined>> = environment(),
): FulfilmentAdapter {
  return jdVopAdapter({ api: () => vopApiFromEnv(env), log: logger });
}
