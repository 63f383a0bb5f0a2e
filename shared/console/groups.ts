// Cognito groups as the console reads them from a token. The operators' group is named here once: the CDK user pool
// creates it by this name (infra/constructs/console-identity.ts) and the operator routes admit its members.

export const OPERATORS_GROUP = 'operators';

/** `cognito:groups` arrives as an array, or flattened by API Gateway into `"[a b]"` / `"a"`. */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string');
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** True when the JWT authorizer's claims say the caller is an operator. */
export function isOperatorClaims(claims: Record<string, unknown> | undefined): boolean {
  return groupsOf(claims?.['cognito:groups']).includes(OPERATORS_GROUP);
}
