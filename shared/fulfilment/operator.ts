// An operator reports the outcome of an order placed by hand. The write is conditional like the consumer's: only a
// PROCESSING intent changes, and the history records the operator as the actor (the audit trail).
import type { Intent } from '../domain/intent';
import type { OpsCommand } from './ops-args';
import { intentsFulfilmentStore } from './store';

export class OutcomeRefused extends Error {
  constructor(intentId: string, status: string | undefined) {
    super(
      status ? `intent ${intentId} is ${status}, not PROCESSING: nothing changed` : `intent ${intentId} does not exist`,
    );
    this.name = 'OutcomeRefused';
  }
}

export async function reportOutcome(command: OpsCommand): Promise<Intent> {
  const store = intentsFulfilmentStore('operator');
  const written =
    command.verb === 'complete'
      ? await store.complete(command.intentId, {
          orderId: command.orderId,
          trackingNumber: command.trackingNumber,
          trackingCompany: command.trackingCompany,
        })
      : await store.fail(command.intentId, { failureCode: command.failureCode, failureReason: command.failureReason });
  if (written) return written;
  throw new OutcomeRefused(command.intentId, (await store.current(command.intentId))?.status);
}
