// Recording a parcel's carrier and waybill without a status change: the one path for JD's progress poller (shipped
// while PROCESSING) and for operators (a waybill added after they completed an order placed by hand). The write is
// the store's conditional transition, so it records a history event (from = to) and, through the stream, sends the
// partner an `intent.tracking_updated` webhook; recording the same waybill again writes nothing.
import type { Actor, Intent } from '../domain/intent';
import { recordTracking, type Tracking } from '../domain/lifecycle';
import { transition } from '../store/intents';
import { unlessMovedOn } from './store';

/** The intent with its tracking, or undefined when its status takes none (not PROCESSING/COMPLETED) or it is gone. */
export function addTracking(intentId: string, tracking: Tracking, actor: Actor): Promise<Intent | undefined> {
  return unlessMovedOn(() =>
    transition(undefined, intentId, undefined, (i) => recordTracking(i, tracking, new Date().toISOString()), actor),
  );
}
