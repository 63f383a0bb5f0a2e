// The list cursor key (issue 17 item 3): read from Secrets Manager once per instance on AWS, given directly to tests,
// built in only on the local runtime; never derived from anything a caller could know.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cursorKeyLoader } from '../../shared/store/cursor-key';

const secretsManager = mockClient(SecretsManagerClient);
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:CursorKey-abc';
const GENERATED = 'A'.repeat(64);

beforeEach(() => secretsManager.reset());

describe('cursor key', () => {
  it('reads the stack-generated secret once per instance, however many cursors it signs', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: ARN }).resolves({ SecretString: GENERATED });
    const key = cursorKeyLoader({ CURSOR_SECRET_ARN: ARN, CURSOR_SECRET: 'x'.repeat(40), LOCAL_RUNTIME: 'true' });
    const [first, second] = await Promise.all([key(), key()]);
    expect(await key()).toBe(first);
    expect(second).toBe(first);
    expect(first.export().toString('utf8')).toBe(GENERATED);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('tries the secret again after a failed read instead of keeping the failure', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: GENERATED });
    const key = cursorKeyLoader({ CURSOR_SECRET_ARN: ARN });
    await expect(key()).rejects.toThrow(/Rate exceeded/);
    expect((await key()).export().toString('utf8')).toBe(GENERATED);
  });

  it('refuses an empty or short secret rather than signing with it', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'short' });
    await expect(cursorKeyLoader({ CURSOR_SECRET_ARN: ARN })()).rejects.toThrow(/at least 32 characters/);
    secretsManager.on(GetSecretValueCommand).resolves({});
    await expect(cursorKeyLoader({ CURSOR_SECRET_ARN: ARN })()).rejects.toThrow(/at least 32 characters/);
    await expect(cursorKeyLoader({ CURSOR_SECRET: 'table-name' })()).rejects.toThrow(/CURSOR_SECRET/);
  });

  it('has no fallback outside the local runtime: no ARN and no key is an error, not a derived key', async () => {
    await expect(cursorKeyLoader({})()).rejects.toThrow(/CURSOR_SECRET_ARN environment variable is not set/);
    await expect(cursorKeyLoader({ LOCAL_RUNTIME: 'false' })()).rejects.toThrow(/CURSOR_SECRET_ARN/);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('uses its public built-in key only on the local runtime', async () => {
    const local = await cursorKeyLoader({ LOCAL_RUNTIME: 'true' })();
    expect(local.export().toString('utf8')).toMatch(/LOCAL ONLY/);
  });
});
