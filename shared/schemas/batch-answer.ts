// The batch create's answer (API reference: Routes): one entry per item, in request order, with the single create's
// answer for a created intent and the single create's refusal for a refused one.

import type { Intent } from '../domain/intent';
import { createdIntent } from '../domain/public-view';
import { ErrorCodes, isDependencyUnavailable } from '../http/errors';
import { type ItemCheck, refusedItem } from './batch';

export interface BatchItemResult {
  index: number;
  code: number;
  message?: string;
  id?: string;
  intent?: ReturnType<typeof createdIntent>;
  errors?: { field: string; message: string }[];
}

/** A write that failed after validation: 50301 when a retry can fix it, 50001 otherwise (no internals shown). */
function failedItem(index: number, error: unknown): BatchItemResult {
  const kind = isDependencyUnavailable(error) ? ErrorCodes.UNAVAILABLE : ErrorCodes.INTERNAL;
  return { index, code: kind.code, message: kind.message };
}

export function batchItems(
  checks: ItemCheck[],
  intents: (Intent | undefined)[],
  failures: Map<string, unknown>,
): BatchItemResult[] {
  return checks.map((check, index) => {
    if ('refusal' in check) return refusedItem(check);
    const intent = intents[index] as Intent;
    if (failures.has(intent.id)) return failedItem(index, failures.get(intent.id));
    return { index, code: 0, id: intent.id, intent: createdIntent(intent) };
  });
}
