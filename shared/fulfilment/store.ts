// The pipeline's view of the intents store: each step is the store's conditional transition with the domain's
// change, and "the intent is no longer where this step needs it" becomes undefined instead of an error.

import { NotFoundError, StatusConflictError } from '../domain/errors';
import type { Actor, Intent } from '../domain/intent';
import { complete, type Failure, fail, type Order, placeOrder, startProcessing } from '../domain/lifecycle';
import { getIntent, transition } from '../store/intents';
import { indexPlatformOrder } from '../store/platform-orders';
import { reportCancelRefusal } from './cancel-refusal';
import type { FulfilmentStore } from './consumer';

/** Runs a transition; undefined when the status did not allow it, the intent moved on meanwhile, or is gone. */
export async function unlessMovedOn(step: () => Promise<Intent>): Promise<Intent | undefined> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof StatusConflictError || error instanceof NotFoundError) return undefined;
    throw error;
  }
}

const now = () => new Date().toISOString();

export function intentsFulfilmentStore(actor: Actor = 'system'): FulfilmentStore {
  // `read`, when given, is the intent as the caller has it (the stream record's image, or the pipeline's check before
  // the adapter): the first attempt writes over it without reading again, conditional on its version, so a stale
  // copy costs a failed condition and a read, and a current one (nearly always) saves a read per step.
  return {
    current: async (id) => (await getIntent(id)) ?? undefined,
    startProcessing: (id, read) =>
      unlessMovedOn(() => transition({ id, read, change: (i) => startProcessing(i, now()), actor })),
    complete: (id, order: Order, read) =>
      unlessMovedOn(() => transition({ id, read, change: (i) => complete(i, order, now()), actor })),
    fail: (id, failure: Failure, read) =>
      unlessMovedOn(() => transition({ id, read, change: (i) => fail(i, failure, now()), actor })),
    recordOrder: async (id, platform, orderId, read) => {
      await indexPlatformOrder(platform, orderId, id);
      return unlessMovedOn(() =>
        transition({ id, read, change: (i) => (i.orderId === orderId ? i : placeOrder(i, orderId, now())), actor }),
      );
    },
    recordCancelRefusal: (intent, orderId, reason) => reportCancelRefusal(intent, orderId, reason, new Date()),
  };
}
