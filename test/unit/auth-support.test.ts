// The unit-test helper must coexist with a handler's own stubs on the same commands, in either order.
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../shared/http/api';
import { documentClient } from '../../shared/store/client';
import { mockAuthenticatedApp, TEST_CREDENTIALS } from '../support/apps';
import { invoke, signedEvent } from '../support/events';

const ddbMock = mockClient(DynamoDBDocumentClient);
const handler = api('intents-create', async () => ({ status: 201, data: null }));
const post = () =>
  invoke(handler, signedEvent(TEST_CREDENTIALS, { method: 'POST', path: '/api/v1/intents', body: '{}' }));

beforeEach(() => ddbMock.reset());

describe('mockAuthenticatedApp', () => {
  it('wins over generic stubs registered before it', async () => {
    ddbMock.on(GetCommand).resolves({});
    ddbMock.on(PutCommand).rejects(new Error('handler put'));
    ddbMock.on(UpdateCommand).rejects(new Error('handler update'));
    mockAuthenticatedApp(ddbMock, TEST_CREDENTIALS);
    expect((await post()).status).toBe(201);
  });

  it('leaves other keys to the generic stubs', async () => {
    mockAuthenticatedApp(ddbMock, TEST_CREDENTIALS);
    ddbMock.on(GetCommand).resolves({ Item: { pk: 'INTENT#1' } });
    const out = await documentClient().send(new GetCommand({ TableName: 't', Key: { pk: 'INTENT#1', sk: 'INTENT' } }));
    expect(out.Item).toEqual({ pk: 'INTENT#1' });
  });

  it('plays a full window and a replay', async () => {
    mockAuthenticatedApp(ddbMock, TEST_CREDENTIALS, { rateLimited: true });
    expect((await post()).body.code).toBe(42901);
    ddbMock.reset();
    mockAuthenticatedApp(ddbMock, TEST_CREDENTIALS, { replayed: true });
    expect((await post()).body.code).toBe(40101);
  });
});
