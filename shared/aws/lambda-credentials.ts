// Stands in for @aws-sdk/credential-provider-node in the deployed bundles only (an esbuild alias in BUNDLING). Lambda
// always hands a Node function its role's credentials in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
// AWS_SESSION_TOKEN, so the default chain's SSO, STS, INI, process, container and IMDS links never run there, yet the
// SDK clients load them statically (~130 KB per bundle). The local runtime and the tests run unbundled and keep the
// full chain.
import { type FromEnvInit, fromEnv } from '@aws-sdk/credential-provider-env';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';

/** The default chain's `defaultProvider(init)` shape, memoized like it, so a client reads the environment once. */
export const defaultProvider = (init: FromEnvInit = {}) =>
  memoizeIdentityProvider(fromEnv(init), isIdentityExpired, doesIdentityRequireRefresh);
