// A DocumentClient stub for in-process runs of the handlers: `send` answers at once, by command, with the signed
// test app, an intent to read, a page of intents to list, and writes that succeed. A plain function on purpose:
// aws-sdk-client-mock matches every call's arguments with sinon's deep equality, which cost a third of the time
// the warm bench meant to spend in our middleware. The unit tests keep aws-sdk-client-mock. `delayEveryCall`
// makes every call answer after a fixed delay, which turns wall time into a count of sequential round trips.
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { toItem } from '../../shared/apps/registry';
import { sealLocal } from '../../shared/secrets/box';
import { intentItem } from '../../shared/store/intents';
import { appKey } from '../../shared/store/keys/app';
import { intentPk } from '../../shared/store/keys/intent';
import { clearAppCache, TEST_CREDENTIALS } from '../../test/support/apps';
import { sampleIntent, seededRandom } from '../../tools/listing-load';

export const creds = TEST_CREDENTIALS;
const random = seededRandom(9);
const page = Array.from({ length: 20 }, (_, n) =>
  intentItem(sampleIntent(n, random, { appId: creds.appId, users: 10, days: 30 })),
);
export const storedIntent = page[0] as Record<string, unknown> & { id: string };
/** A draft, which every write route accepts: edited by PUT, removed by DELETE. */
export const draftIntent = intentItem({
  ...sampleIntent(page.length, random, { appId: creds.appId, users: 10, days: 30 }),
  status: 'DRAFT',
}) as Record<string, unknown> & { id: string };

function appItem() {
  const now = new Date().toISOString();
  const app = { appId: creds.appId, name: 'bench app', status: 'ACTIVE' as const, ipWhitelist: [], limits: {} };
  return toItem({ ...app, createdAt: now, updatedAt: now }, [
    { sealed: sealLocal(creds.appId, creds.appSecret), createdAt: now },
  ]);
}

type Input = { Key?: { pk?: string } };
type Send = (command: { input: Input }) => Promise<unknown>;

function answers(app: ReturnType<typeof appItem>) {
  const appPk = appKey(creds.appId).pk;
  const items = new Map<string | undefined, unknown>([
    [appPk, app],
    [intentPk(storedIntent.id), storedIntent],
    [intentPk(draftIntent.id), draftIntent],
  ]);
  return new Map<unknown, (input: Input) => unknown>([
    [GetCommand, ({ Key }) => (items.has(Key?.pk) ? { Item: items.get(Key?.pk) } : {})],
    [QueryCommand, () => ({ Items: page, Count: page.length })],
    [BatchGetCommand, () => ({ Responses: {} })],
    [PutCommand, () => ({})],
    // The rate-limit counter reads `requests` back; other updates ignore what comes back.
    [UpdateCommand, () => ({ Attributes: { requests: 1 } })],
    [TransactWriteCommand, () => ({})],
  ]);
}

const proto = DynamoDBDocumentClient.prototype as unknown as { send: Send };

/** Makes every DocumentClient answer from the stub; unknown commands fail loudly rather than pass unanswered. */
export function stubStore() {
  clearAppCache();
  const byCommand = answers(appItem());
  proto.send = async (command) => {
    const answer = byCommand.get(command.constructor);
    if (!answer) throw new Error(`stubbed store has no answer for ${command.constructor.name}`);
    return answer(command.input);
  };
}

/** Every later call answers `delayMs` after it was sent; returns how many calls were made since. */
export function delayEveryCall(delayMs: number) {
  const stubbed = proto.send;
  let calls = 0;
  proto.send = async function (this: unknown, ...args) {
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
