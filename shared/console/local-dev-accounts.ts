// The local runtime's fixed console accounts. No store import here: the start-up banner prints them before the
// store's environment exists.
import { normaliseEmail } from './account-email';
import { OPERATORS_GROUP } from './groups';

/** The fixed local accounts (console spec). Their passwords say what they are; the provider refuses them outside
 * the local runtime, and the subs are fixed so the dev organisation's owner membership survives a wiped table. */
export const DEV_ACCOUNT = {
  email: 'dev@procure.local',
  password: 'dev_password_local_do_not_use_in_production',
  sub: '00000000-0000-4000-8000-00000000de01',
  groups: [] as string[],
} as const;

export const OPS_ACCOUNT = {
  email: 'ops@procure.local',
  password: 'ops_password_local_do_not_use_in_production',
  sub: '00000000-0000-4000-8000-00000000de02',
  groups: [OPERATORS_GROUP],
} as const;

export const FIXED_ACCOUNTS = [DEV_ACCOUNT, OPS_ACCOUNT];

export function isFixedLocalAccount(email: string): boolean {
  const normalised = normaliseEmail(email);
  return FIXED_ACCOUNTS.some((a) => a.email === normalised);
}
