// The deployment's settings, read once at start from /console/config.json: the same build runs locally and on AWS.

export interface ConsoleConfig {
  /** OpenID Connect issuer: the local provider at /oidc, or the Cognito user pool. */
  authority: string;
  clientId: string;
  redirectPath: string;
  /** Prefix for API calls; '' means the console's own origin. */
  apiBase: string;
  locale?: 'zh-CN' | 'en-US';
  /** Overrides the requested scopes (Cognito refuses scopes its app client does not allow). */
  scope?: string;
  /** Provider metadata that discovery does not give (Cognito's logout endpoint lives on its login domain). */
  metadataSeed?: Record<string, string>;
}

export async function loadConfig(): Promise<ConsoleConfig> {
  const res = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  const config = (await res.json()) as ConsoleConfig;
  if (!config.authority || !config.clientId) throw new Error('config.json: authority and clientId are required');
  return { ...config, redirectPath: config.redirectPath || '/console/callback', apiBase: config.apiBase ?? '' };
}
