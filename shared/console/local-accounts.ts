// The local runtime's sign-in accounts (what Cognito holds on AWS), in the single table: one item per e-mail and
// one per sub, written together, so the OIDC provider finds an account by either. Only the local runtime and the
// accounts CLI against DynamoDB Local use this; nothing deployed does.
import { randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { documentClient, tableName } from '../store/client';
import { normaliseEmail } from './account-email';
import { FIXED_ACCOUNTS, isFixedLocalAccount } from './local-dev-accounts';
import { hashPassword, verifyPassword } from './password';

export interface LocalAccount {
  sub: string;
  email: string;
  groups: string[];
  createdAt: string;
}

interface AccountItem extends LocalAccount {
  pk: string;
  sk: string;
  type: 'LOCAL_ACCOUNT';
  passwordHash: string;
}

const ACCOUNT_SK = 'LOCAL_ACCOUNT';

export function accountEmailKey(email: string) {
  return { pk: `LOCAL_ACCOUNT#email_${normaliseEmail(email)}`, sk: ACCOUNT_SK };
}

export function accountSubKey(sub: string) {
  return { pk: `LOCAL_ACCOUNT#sub_${sub}`, sk: ACCOUNT_SK };
}

export { DEV_ACCOUNT, isFixedLocalAccount, OPS_ACCOUNT } from './local-dev-accounts';

export interface NewLocalAccount {
  email: string;
  password: string;
  sub?: string;
  groups?: readonly string[];
}

/** Creates the account unless one exists for the e-mail; returns the stored account and whether it was created. */
export async function createLocalAccount(input: NewLocalAccount): Promise<{ account: LocalAccount; created: boolean }> {
  const email = normaliseEmail(input.email);
  const account: LocalAccount = {
    sub: input.sub ?? randomUUID(),
    email,
    groups: [...(input.groups ?? [])],
    createdAt: new Date().toISOString(),
  };
  const passwordHash = await hashPassword(input.password);
  const item = (key: { pk: string; sk: string }): AccountItem => ({
    ...key,
    type: 'LOCAL_ACCOUNT',
    ...account,
    passwordHash,
  });
  try {
    await documentClient().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: item(accountEmailKey(email)),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: item(accountSubKey(account.sub)),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    return { account, created: true };
  } catch (error) {
    if ((error as Error).name !== 'TransactionCanceledException') throw error;
    const existing = await findLocalAccountByEmail(email);
    if (!existing) throw error;
    return { account: existing, created: false };
  }
}

function publicView(item: AccountItem | undefined): LocalAccount | undefined {
  if (!item) return undefined;
  return { sub: item.sub, email: item.email, groups: item.groups ?? [], createdAt: item.createdAt };
}

async function getItem(key: { pk: string; sk: string }): Promise<AccountItem | undefined> {
  const { Item } = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  return Item as AccountItem | undefined;
}

export async function findLocalAccountByEmail(email: string): Promise<LocalAccount | undefined> {
  return publicView(await getItem(accountEmailKey(email)));
}

export async function findLocalAccountBySub(sub: string): Promise<LocalAccount | undefined> {
  return publicView(await getItem(accountSubKey(sub)));
}

/** Compared against when the e-mail is unknown: same work, never a match for a real password. */
const UNKNOWN_ACCOUNT_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** The account when the password matches; undefined otherwise (unknown e-mail and wrong password look the same).
 * The fixed dev accounts only ever sign in inside the local runtime. */
export async function checkLocalPassword(email: string, password: string): Promise<LocalAccount | undefined> {
  if (isFixedLocalAccount(email) && !config.isLocalRuntime()) return undefined;
  const item = await getItem(accountEmailKey(email));
  // Hash anyway when the account is missing, so timing does not tell which e-mails exist.
  const ok = await verifyPassword(password, item?.passwordHash ?? UNKNOWN_ACCOUNT_HASH);
  return ok && item ? publicView(item) : undefined;
}

/** Creates the fixed dev and ops accounts if missing. Only the local runtime calls this. */
export async function ensureFixedLocalAccounts(): Promise<void> {
  if (!config.isLocalRuntime())
    throw new Error('the local dev accounts exist only in the local runtime (LOCAL_RUNTIME=true)');
  for (const account of FIXED_ACCOUNTS) await createLocalAccount(account);
}
