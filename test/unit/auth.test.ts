import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../shared/http/api';
import { mockAuthenticatedApp, TEST_CREDENTIALS } from '../support/apps';
import { invoke, signedEvent } from '../support/events';

const ddbMock = mockClient(DynamoDBDocumentClient);

// Test-only handlers on real routes: the real chain, a handler that just echoes what it was given.
const seen: { body?: string }[] = [];
const create = api('intents-create', async (req) => {
  seen.push({ body: req.rawBody });
  return { status: 201, data: { appId: req.app?.appId, body: req.rawBody } };
});
const list = api('intents-list', async (req) => ({ data: { appId: req.app?.appId, query: req.event.rawQueryString } }));

beforeEach(() => {
  ddbMock.reset();
  seen.length = 0;
  mockAuthenticatedApp(ddbMock, TEST_CREDENTIALS);
});

describe('smoke', () => {
  it('accepts a signed POST and a signed GET', async () => {
    const post = await invoke(
      create,
      signedEvent(TEST_CREDENTIALS, { method: 'POST', path: '/api/v1/intents', body: '{"a":1}' }),
    );
    expect(post.status).toBe(201);
    expect(post.body.data).toEqual({ appId: TEST_CREDENTIALS.appId, body: '{"a":1}' });
    expect(post.headers['x-ratelimit-limit']).toBe('10');
    const get = await invoke(list, signedEvent(TEST_CREDENTIALS, { path: '/api/v1/intents', query: 'page=1' }));
    expect(get.status).toBe(200);
    expect(get.headers['x-ratelimit-limit']).toBe('100');
    expect(ddbMock.commandCalls(GetCommand)).toHaveLength(1);
    expect(ddbMock.commandCalls(PutCommand)).toHaveLength(1);
    expect(ddbMock.commandCalls(UpdateCommand)).toHaveLength(2);
  });
});
