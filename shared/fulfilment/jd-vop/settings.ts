// The VOP account's settings: from Secrets Manager on AWS (JD_VOP_SECRET_ARN names a JSON secret) or from
// JD_VOP_* environment variables locally. Read once per function instance, on first use.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { environment } from '../../config';

/** The VOP account's settings. Checked by hand: zod would add ~450 KB to every bundle that loads the adapters. */
export interface VopSettings {
  /** VOP's gateway; the simulator's URL locally. */
  url: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  /** The account pin whose balance is watched (defaults to the user name). */
  pin?: string;
  /** 4 = 在线支付 from the account balance (isUseBalance 1). */
  paymentType: string;
  invoiceState: string;
  invoiceType: string;
  selectedInvoiceTitle: string;
  invoiceContent: string;
  companyName: string;
  regCode: string;
  invoicePhone: string;
  email: string;
}

const REQUIRED = ['clientId', 'clientSecret', 'username', 'password'] as const;
const DEFAULTS = {
  url: 'https://bizapi.jd.com',
  paymentType: '4',
  invoiceState: '2',
  invoiceType: '3',
  selectedInvoiceTitle: '5',
  invoiceContent: '1',
  companyName: '',
  regCode: '',
  invoicePhone: '',
  email: 'xx',
};
const NUMERIC = ['paymentType', 'invoiceState', 'invoiceType', 'selectedInvoiceTitle', 'invoiceContent'] as const;

const ENV_NAMES: Record<keyof VopSettings, string> = {
  url: 'JD_VOP_URL',
  clientId: 'JD_VOP_CLIENT_ID',
  clientSecret: 'JD_VOP_CLIENT_SECRET',
  username: 'JD_VOP_USERNAME',
  password: 'JD_VOP_PASSWORD',
  pin: 'JD_VOP_PIN',
  paymentType: 'JD_VOP_PAYMENT_TYPE',
  invoiceState: 'JD_VOP_INVOICE_STATE',
  invoiceType: 'JD_VOP_INVOICE_TYPE',
  selectedInvoiceTitle: 'JD_VOP_INVOICE_TITLE',
  invoiceContent: 'JD_VOP_INVOICE_CONTENT',
  companyName: 'JD_VOP_COMPANY_NAME',
  regCode: 'JD_VOP_REG_CODE',
  invoicePhone: 'JD_VOP_INVOICE_PHONE',
  email: 'JD_VOP_EMAIL',
};

/** Parses settings; the error names the fields at fault, never their values. */
export function parseVopSettings(raw: Record<string, unknown>, source: string): VopSettings {
  const text = (name: string) =>
    typeof raw[name] === 'string' && raw[name] !== '' ? (raw[name] as string) : undefined;
  const bad: string[] = REQUIRED.filter((name) => !text(name));
  const settings = { ...DEFAULTS } as VopSettings;
  for (const name of Object.keys(ENV_NAMES) as (keyof VopSettings)[]) {
    const value = text(name);
    if (value !== undefined) (settings as unknown as Record<string, string>)[name] = value;
  }
  for (const name of NUMERIC) if (!/^\d+$/.test(settings[name])) bad.push(name);
  if (!/^https?:\/\/[^\s/]+/.test(settings.url)) bad.push('url');
  if (bad.length > 0) throw new Error(`JD VOP settings from ${source} are incomplete or invalid: ${bad.join(', ')}`);
  return settings;
}

export function vopSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): VopSettings {
  const raw = Object.fromEntries(
    Object.entries(ENV_NAMES)
      .map(([field, name]) => [field, env[name]])
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  return parseVopSettings(raw, 'the JD_VOP_* environment variables');
}

export async function vopSettingsFromSecret(
  secretId: string,
  client = new SecretsManagerClient({}),
): Promise<VopSettings> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let raw: unknown;
  try {
    raw = JSON.parse(SecretString ?? '');
  } catch {
    throw new Error('the JD VOP secret is not a JSON object');
  }
  if (!raw || typeof raw !== 'object') throw new Error('the JD VOP secret is not a JSON object');
  return parseVopSettings(raw as Record<string, unknown>, 'the JD VOP secret');
}

/** Secrets Manager when JD_VOP_SECRET_ARN is set, else the environment. */
export function loadVopSettings(
  env: Readonly<Record<string, string | undefined>> = environment(),
): Promise<VopSettings> {
  const secret = env.JD_VOP_SECRET_ARN;
  return secret ? vopSettingsFromSecret(secret) : Promise.resolve(vopSettingsFromEnv(env));
}
