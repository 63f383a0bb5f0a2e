// The partner requests whose DynamoDB cost bench/cost/index.ts meters, sent to the real handlers in-process. Each
// request's `prepare` does the setup it needs (the draft it edits, the page 1 whose cursor it follows) through the
// same handlers, before metering starts, so only the request itself is counted.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { handler as createHandler } from '../../functions/intents-create';
import { handler as deleteHandler } from '../../functions/intents-delete';
import { handler as eventsHandler } from '../../functions/intents-events';
import { handler as getHandler } from '../../functions/intents-get';
import { handler as listHandler } from '../../functions/intents-list';
import { handler as updateHandler } from '../../functions/intents-update';
import { type Credentials, invoke, signedEvent } from '../../test/support/events';
import { intentInput } from '../../test/support/intents';

type Handler = Parameters<typeof invoke>[0];

export interface CostRoute {
  handler: Handler;
  /** Unmetered setup; returns the request to meter. */
  prepare(): Promise<APIGatewayProxyEventV2>;
}

const INTENTS = '/api/v1/intents';
const LIST_QUERY = 'status=SUBMITTED&pageSize=20';

async function ok(handler: Handler, event: APIGatewayProxyEventV2) {
  const answer = await invoke(handler, event);
  if (answer.status >= 300) throw new Error(`setup request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.data;
}

/**
 * The metered requests. `storedId` is one of the bulk-loaded intents, so get reads an item of the real size; the
 * edit, cancel, delete and events requests work on intents created through the create handler.
 */
export function costRoutes(creds: Credentials, storedId: string): Record<string, CostRoute> {
  const create = (status: 'DRAFT' | 'SUBMITTED'): Promise<string> =>
    ok(createHandler, post({ ...intentInput, status })).then((data) => data.id);
  const post = (body: unknown, headers?: Record<string, string>) =>
    signedEvent(creds, { method: 'POST', path: INTENTS, body: JSON.stringify(body), headers });
  const put = (id: string, body: unknown) =>
    signedEvent(creds, { method: 'PUT', path: `${INTENTS}/${id}`, pathParameters: { id }, body: JSON.stringify(body) });
  const get = (path: string, query?: string, pathParameters?: Record<string, string>) =>
    signedEvent(creds, { path, query, pathParameters });

  return {
    create: { handler: createHandler, prepare: async () => post(intentInput) },
    'create (Idempotency-Key)': {
      handler: createHandler,
      prepare: async () => post(intentInput, { 'idempotency-key': randomUUID() }),
    },
    get: { handler: getHandler, prepare: async () => get(`${INTENTS}/${storedId}`, undefined, { id: storedId }) },
    'list page 1 (status, total)': { handler: listHandler, prepare: async () => get(INTENTS, LIST_QUERY) },
    'list page 2 (cursor)': {
      handler: listHandler,
      prepare: async () => {
        const page1 = await ok(listHandler, get(INTENTS, LIST_QUERY));
        if (!page1.nextCursor) throw new Error('no page 2: load more intents (BENCH_COST_INTENTS of 500 or more)');
        return get(INTENTS, `${LIST_QUERY}&cursor=${encodeURIComponent(page1.nextCursor)}`);
      },
    },
    'update (edit a draft)': {
      handler: updateHandler,
      prepare: async () => put(await create('DRAFT'), { title: 'Edited title', quantity: 2 }),
    },
    'update (cancel)': {
      handler: updateHandler,
      prepare: async () => put(await create('SUBMITTED'), { status: 'CANCELLED' }),
    },
    delete: {
      handler: deleteHandler,
      prepare: async () => {
        const id = await create('DRAFT');
        return signedEvent(creds, { method: 'DELETE', path: `${INTENTS}/${id}`, pathParameters: { id } });
      },
    },
    'events (2 events)': {
      handler: eventsHandler,
      prepare: async () => {
        const id = await create('SUBMITTED');
        await ok(updateHandler, put(id, { status: 'CANCELLED' }));
        return get(`${INTENTS}/${id}/events`, undefined, { id });
      },
    },
  };
}
