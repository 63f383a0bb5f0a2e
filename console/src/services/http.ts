// The console API client: adds the bearer token, unwraps the {code,message,data} envelope and turns a refusal into
// an ApiError that carries the business code and the field list, so forms can show each message by its field.
import type { UserManager } from 'oidc-client-ts';
import { currentPath, type SignInState } from '../auth/oidc';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let userManager: UserManager | undefined;
let apiBase = '';

export function configureApi(options: { userManager: UserManager; apiBase: string }) {
  userManager = options.userManager;
  apiBase = options.apiBase;
}

export type Query = Record<string, string | number | undefined | null>;

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { body?: unknown; query?: Query } = {},
): Promise<T> {
  if (!userManager) throw new Error('configureApi was not called');
  const user = await userManager.getUser();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (user?.access_token) headers.authorization = `Bearer ${user.access_token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${apiBase}/console/api${path}${queryString(options.query)}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (res.status === 401) {
    // Any 401 (expired token, removed member, API Gateway's bare {"message":"Unauthorized"}) means: sign in again.
    await userManager.removeUser();
    const state: SignInState = { returnTo: currentPath() };
    void userManager.signinRedirect({ state });
    throw new ApiError(401, 40101, 'unauthorized');
  }
  let payload: { code?: number; message?: string; data?: unknown } | undefined;
  try {
    payload = await res.json();
  } catch {
    payload = undefined;
  }
  if (!res.ok || !payload || payload.code !== 0) {
    const data = payload?.data as { errors?: FieldError[] } | null | undefined;
    throw new ApiError(
      res.status,
      payload?.code ?? res.status * 100,
      payload?.message ?? res.statusText,
      data?.errors ?? [],
    );
  }
  return payload.data as T;
}
