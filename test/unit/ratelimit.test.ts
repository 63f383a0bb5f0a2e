// The counter's decisions and headers (DynamoDB mocked; the concurrency test runs against DynamoDB Local).
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { rateLimitHeaders, takeToken } from '../../shared/ratelimit/counter';
import { DEFAULT_LIMITS, limitFor } from '../../shared/ratelimit/limits';

const ddbMock = mockClient(DynamoDBDocumentClient);
beforeEach(() => ddbMock.reset());

describe('limits', () => {
  it('defaults to create 10/s, query 100/s, update 20/s and takes per-app overrides', () => {
    expect(DEFAULT_LIMITS).toEqual({ create: 10, query: 100, update: 20 });
    expect(limitFor({ limits: { query: 5 } }, 'query')).toBe(5);
    expect(limitFor({ limits: { query: 5 } }, 'create')).toBe(10);
  });
});

describe('takeToken', () => {
  const now = 1_700_000_000_250;

  it('counts in the current second and reports what is left', async () => {
    ddbMock.on(UpdateCommand).resolves({ Attributes: { requests: 4 } });
    const decision = await takeToken('app_1', 'create', 10, now);
    expect(decision).toEqual({ allowed: true, limit: 10, remaining: 6, reset: 1_700_000_001, retryAfter: 1 });
    const input = ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: 'RATE#app_1#create', sk: '1700000000' });
    expect(input.ExpressionAttributeValues).toMatchObject({ ':limit': 10, ':ttl': 1_700_000_060 });
    expect(rateLimitHeaders(decision)).toEqual({
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '6',
      'x-ratelimit-reset': '1700000001',
    });
  });

  it('refuses when the conditional ADD fails', async () => {
    ddbMock.on(UpdateCommand).rejects(Object.assign(new Error('full'), { name: 'ConditionalCheckFailedException' }));
    expect(await takeToken('app_1', 'create', 10, now)).toMatchObject({ allowed: false, remaining: 0, retryAfter: 1 });
  });

  it('lets other failures through for the error handler (503 on throttling)', async () => {
    ddbMock.on(UpdateCommand).rejects(Object.assign(new Error('slow'), { name: 'ThrottlingException' }));
    await expect(takeToken('app_1', 'create', 10, now)).rejects.toThrow('slow');
  });
});
