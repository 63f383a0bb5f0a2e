// The local stand-in for API Gateway's JWT authorizer on the console routes: the same checks (signature against
// the issuer's keys, `iss`, `aud` or `client_id`, `exp`/`nbf`) and the same result in the event, claims flattened
// to strings as API Gateway flattens them (`cognito:groups` arrives as "[operators]").
import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';

export interface JwtAuthorizerResult {
  claims: Record<string, string>;
  scopes: string[];
}

export interface ConsoleTokenCheck {
  issuer: string;
  /** The app client id: accepted as `aud` (ID tokens, local tokens) or as `client_id` (Cognito access tokens). */
  audience: string;
  jwks: JSONWebKeySet;
}

/** How API Gateway renders a claim in `requestContext.authorizer.jwt.claims`. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(flatten).join(' ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function audienceMatches(payload: JWTPayload, audience: string): boolean {
  const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud === undefined ? [] : [payload.aud];
  return aud.includes(audience) || payload.client_id === audience;
}

/** Returns a checker: the authorizer result for a good `Authorization: Bearer` header, undefined for anything else. */
export function consoleTokenChecker(check: ConsoleTokenCheck) {
  const keys = createLocalJWKSet(check.jwks);
  return async (authorization: string | undefined): Promise<JwtAuthorizerResult | undefined> => {
    const token = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization?.trim() ?? '')?.[1];
    if (!token) return undefined;
    let payload: JWTPayload;
    try {
      // API Gateway requires exp and checks nbf when present; no clock leeway beyond what jose defaults to (none).
      ({ payload } = await jwtVerify(token, keys, {
        issuer: check.issuer,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
      }));
    } catch {
      return undefined;
    }
    if (!audienceMatches(payload, check.audience)) return undefined;
    const claims = Object.fromEntries(Object.entries(payload).map(([name, value]) => [name, flatten(value)]));
    const scope =
      typeof payload.scope === 'string' ? payload.scope : typeof payload.scp === 'string' ? payload.scp : '';
    return { claims, scopes: scope.split(' ').filter(Boolean) };
  };
}
