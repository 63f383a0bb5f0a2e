// Console sign-in for the local runtime: the fixed dev/ops accounts and the dev organisation, the OpenID provider with its persistent keys,
// and the gateway the server puts in front of the console routes. Started after the store's environment is set.
import { ensureDevOrganisation } from '../shared/console/dev-organisation';
import { DEV_ACCOUNT, ensureFixedLocalAccounts } from '../shared/console/local-accounts';
import { type ConsoleGateway, createConsoleGateway } from './console-gateway';
import { createLocalOidc } from './oidc';
import { loadProviderKeys } from './oidc/keys';

export interface ConsoleSetup {
  /** `http://127.0.0.1:<port>`: the provider's issuer is `<origin>/oidc`. */
  origin: string;
  dataDir: string;
}

export async function startConsoleGateway({ origin, dataDir }: ConsoleSetup): Promise<ConsoleGateway> {
  await ensureFixedLocalAccounts();
  // The dev owner's membership names the fixed sub, so it holds across a wiped DATA_DIR too.
  await ensureDevOrganisation(DEV_ACCOUNT.sub);
  return createConsoleGateway(createLocalOidc(origin, await loadProviderKeys(dataDir)));
}
