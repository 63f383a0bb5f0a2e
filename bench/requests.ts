// The signed requests the in-process parts send to create, get and list.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { signedEvent } from '../test/support/events';
import { creds, storedIntent } from './stubbed-store';

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
