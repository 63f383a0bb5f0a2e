// The VOP account's settings: from Secrets Manager on AWS (JD_VOP_SECRET_ARN names a JSON secret) or from
// JD_VOP_* environment variables locally. Read once per function instance, on first use.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';

const digits = z.string().regex(/^\d+$/);

export const vopSettingsSchema = z.object({
  /** VOP's gateway; the simulator's URL locally. */
  url: z.url().default('https://bizapi.jd.com'),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  username: z.string().min(1),
  password: z.string().min(1),
  /** The account pin whose balance is watched (defaults to the user name). */
  pin: z.string().min(1).optional(),
  /** 4 = 在线支付 from the account balance (isUseBalance 1). */
  paymentType: digits.default('4'),
  invoiceState: digits.default('2'),
  invoiceType: digits.default('3'),
  selectedInvoiceTitle: digits.default('5'),
  invoiceContent: digits.default('1'),
  companyName: z.string().default(''),
  regCode: z.string().default(''),
  invoicePhone: z.string().default(''),
  email: z.string().default('xx'),
});

export type VopSettings = z.infer<typeof vopSettingsSchema>;

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
  const parsed = vopSettingsSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `JD VOP settings from ${source} are incomplete: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return parsed.data;
}

export function vopSettingsFromEnv(env: Record<string, string | undefined>): VopSettings {
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
export function loadVopSettings(env: Record<string, string | undefined> = process.env): Promise<VopSettings> {
  const secret = env.JD_VOP_SECRET_ARN;
  return secret ? vopSettingsFromSecret(secret) : Promise.resolve(vopSettingsFromEnv(env));
}
