/** E-mail addresses are compared case-insensitively by Cognito (e-mail as username); the local accounts do the same. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** For messages and logs: the first letter and the domain only (no addresses in logs). */
export function maskEmail(email: string): string {
  return email.replace(/^(.)[^@]*@/, '$1…@');
}
