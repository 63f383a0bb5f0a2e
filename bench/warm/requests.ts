// The signed requests the in-process parts send: create, get and list (warm overhead and round trips), and the
// other partner routes (round trips only).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { signedEvent } from '../../test/support/events';
import { creds, draftIntent, storedIntent } from './stubbed-store';

const createBody = JSON.stringify({
  userId: 'user_001',
  platform: 'TAOBAO',
  productUrl: 'https://item.taobao.com/item.htm?id=123456',
  title: 'Bench item',
  price: 19.99,
  quantity: 1,
  recipientName: 'Bench',
  address: 'Bench street 1',
  phone: '13800138000',
});

export const ROUTES: Record<string, { handler: string; event: () => APIGatewayProxyEventV2 }> = {
  create: {
    handler: 'intents-create',
    event: () => signedEvent(creds, { method: 'POST', path: '/api/v1/intents', body: createBody }),
  },
  get: {
    handler: 'intents-get',
    event: () =>
      signedEvent(creds, {
        path: `/api/v1/intents/${storedIntent.id}`,
        pathParameters: { id: storedIntent.id },
      }),
  },
  list: {
    handler: 'intents-list',
    event: () => signedEvent(creds, { path: '/api/v1/intents', query: 'status=SUBMITTED&pageSize=20' }),
  },
};

const draftPath = `/api/v1/intents/${draftIntent.id}`;

/** The remaining partner routes, for the round-trip count (the goal covers every route). */
export const OTHER_ROUTES: Record<string, { handler: string; event: () => APIGatewayProxyEventV2 }> = {
  'update (edit a draft)': {
    handler: 'intents-update',
    event: () =>
      signedEvent(creds, {
        method: 'PUT',
        path: draftPath,
        pathParameters: { id: draftIntent.id },
        body: JSON.stringify({ quantity: 2 }),
      }),
  },
  delete: {
    handler: 'intents-delete',
    event: () => signedEvent(creds, { method: 'DELETE', path: draftPath, pathParameters: { id: draftIntent.id } }),
  },
  events: {
    handler: 'intents-events',
    event: () =>
      signedEvent(creds, {
        path: `/api/v1/intents/${storedIntent.id}/events`,
        pathParameters: { id: storedIntent.id },
      }),
  },
};
