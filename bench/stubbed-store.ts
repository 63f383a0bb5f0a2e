// A DocumentClient stubbed with aws-sdk-client-mock for in-process runs of the handlers: the signed test app, an
// intent to read, a page of intents to list, and writes that succeed. `delayMs` makes every call answer after a
// fixed delay, which turns wall time into a count of sequential round trips.
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { intentKey } from '../shared/store/intent-keys';
import { intentItem, sampleIntent, seededRandom } from '../shared/store/listing-load';
import { mockAuthenticatedApp, TEST_CREDENTIALS } from '../test/support/apps';

export const creds = TEST_CREDENTIALS;
const random = seededRandom(9);
const page = Array.from({ length: 20 }, (_, n) =>
  intentItem(sampleIntent(n, random, { appId: creds.appId, users: 10, days: 30 })),
);
export const storedIntent = page[0] as Record<string, unknown> & { id: string };

const ddb = mockClient(DynamoDBDocumentClient);

export function stubStore() {
  ddb.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: intentKey(storedIntent.id) }).resolves({ Item: storedIntent });
  ddb.on(QueryCommand).resolves({ Items: page, Count: page.length });
  ddb.on(BatchGetCommand).resolves({ Responses: {} });
  ddb.on(PutCommand).resolves({});
  ddb.on(UpdateCommand).resolves({ Attributes: {} });
  ddb.on(TransactWriteCommand).resolves({});
  mockAuthenticatedApp(ddb, creds);
}

/** Every later call answers `delayMs` after it was sent; returns how many calls were made since. */
export function delayEveryCall(delayMs: number) {
  const proto = DynamoDBDocumentClient.prototype as unknown as { send: (...args: unknown[]) => Promise<unknown> };
  const stubbed = proto.send;
  let calls = 0;
  proto.send = async function (this: unknown, ...args: unknown[]) {
    calls++;
    const answer = await stubbed.apply(this, args);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return answer;
  };
  return {
    calls: () => calls,
    restore: () => {
      proto.send = stubbed;
    },
  };
}
