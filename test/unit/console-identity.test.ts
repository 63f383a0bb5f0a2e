// The console's identity directory: Cognito (mocked with aws-sdk-client-mock) and the local accounts
// (DynamoDB mocked); password hashing; the choice between them.
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cognitoIdentityDirectory } from '../../shared/console/identity-cognito';
import { localIdentityDirectory } from '../../shared/console/identity-local';
import {
  accountEmailKey,
  accountSubKey,
  checkLocalPassword,
  DEV_ACCOUNT,
  ensureFixedLocalAccounts,
} from '../../shared/console/local-accounts';
import { hashPassword, verifyPassword } from '../../shared/console/password';

const cognito = mockClient(CognitoIdentityProviderClient);
const dynamo = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  cognito.reset();
  dynamo.reset();
});
afterEach(() => vi.unstubAllEnvs());

describe('Cognito identity directory', () => {
  const directory = () => cognitoIdentityDirectory('eu-west-1_pool', new CognitoIdentityProviderClient({}));

  it('creates the user with the e-mail as username and returns its sub; Cognito mails the password', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Attributes: [{ Name: 'sub', Value: 'sub-1' }] } });
    const result = await directory().invite(' Alice@Example.COM ');
    expect(result).toEqual({ sub: 'sub-1' });
    const input = cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      UserPoolId: 'eu-west-1_pool',
      Username: 'alice@example.com',
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(input?.UserAttributes).toContainEqual({ Name: 'email', Value: 'alice@example.com' });
    expect(input?.TemporaryPassword).toBeUndefined();
  });

  it('finds the existing user instead of failing when the e-mail already has an account', async () => {
    cognito.on(AdminCreateUserCommand).rejects(Object.assign(new Error('exists'), { name: 'UsernameExistsException' }));
    cognito.on(AdminGetUserCommand).resolves({ UserAttributes: [{ Name: 'sub', Value: 'sub-existing' }] });
    expect(await directory().invite('bob@example.com')).toEqual({ sub: 'sub-existing' });
    expect(cognito.commandCalls(AdminGetUserCommand)[0]?.args[0].input).toEqual({
      UserPoolId: 'eu-west-1_pool',
      Username: 'bob@example.com',
    });
  });

  it('passes other Cognito failures on', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'TooManyRequestsException' }));
    await expect(directory().invite('c@example.com')).rejects.toThrow('slow down');
  });

  it('refuses an answer without a sub rather than inventing one', async () => {
    cognito.on(AdminCreateUserCommand).resolves({ User: { Attributes: [] } });
    await expect(directory().invite('d@example.com')).rejects.toThrow(/no sub/);
  });
});

describe('password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
  });

  it('salts every hash and refuses malformed stored values', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });
});

describe('local identity directory', () => {
  it('creates an account with a temporary password, both items written in one conditional transaction', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const result = await localIdentityDirectory().invite('New@Example.com');
    expect(result.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((i) => i.Put?.Item?.pk)).toEqual([
      accountEmailKey('new@example.com').pk,
      accountSubKey(result.sub).pk,
    ]);
    for (const i of items) expect(i.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    const stored = items[0]?.Put?.Item?.passwordHash as string;
    expect(stored).not.toContain(result.temporaryPassword);
    expect(await verifyPassword(result.temporaryPassword ?? '', stored)).toBe(true);
  });

  it('returns the existing account without a new password when the e-mail is taken', async () => {
    dynamo
      .on(TransactWriteCommand)
      .rejects(Object.assign(new Error('cancelled'), { name: 'TransactionCanceledException' }));
    dynamo.on(GetCommand).resolves({
      Item: { sub: 'sub-old', email: 'old@example.com', groups: [], createdAt: '2026-01-01T00:00:00.000Z' },
    });
    expect(await localIdentityDirectory().invite('old@example.com')).toEqual({ sub: 'sub-old' });
  });
});

describe('local sign-in check', () => {
  const storedDev = async () => ({
    Item: {
      ...accountEmailKey(DEV_ACCOUNT.email),
      sub: DEV_ACCOUNT.sub,
      email: DEV_ACCOUNT.email,
      groups: [],
      createdAt: '2026-01-01T00:00:00.000Z',
      passwordHash: await hashPassword(DEV_ACCOUNT.password),
    },
  });

  it('accepts the dev account in the local runtime only', async () => {
    dynamo.on(GetCommand).resolves(await storedDev());
    vi.stubEnv('LOCAL_RUNTIME', 'true');
    expect((await checkLocalPassword(DEV_ACCOUNT.email, DEV_ACCOUNT.password))?.sub).toBe(DEV_ACCOUNT.sub);
    vi.stubEnv('LOCAL_RUNTIME', '');
    expect(await checkLocalPassword(DEV_ACCOUNT.email, DEV_ACCOUNT.password)).toBeUndefined();
    await expect(ensureFixedLocalAccounts()).rejects.toThrow(/only in the local runtime/);
  });

  it('says nothing more for an unknown e-mail than for a wrong password', async () => {
    vi.stubEnv('LOCAL_RUNTIME', 'true');
    dynamo.on(GetCommand).resolves(await storedDev());
    expect(await checkLocalPassword(DEV_ACCOUNT.email, 'wrong')).toBeUndefined();
    dynamo.on(GetCommand).resolves({});
    expect(await checkLocalPassword('nobody@example.com', 'whatever')).toBeUndefined();
  });
});
