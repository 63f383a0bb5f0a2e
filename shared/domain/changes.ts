// How a partner's request turns into an intent: creation, and PUT (API reference: Routes) as a set of operations
// the current status must allow (edit fields, submit, cancel).
import { InvalidInputError, NothingToChangeError } from './errors';
import type { CreateIntentInput, Intent, UpdateIntentInput } from './intent';
import { assertAllowed, cancel, type Operation, submit, touched } from './lifecycle';
import { totalFen, yuanToFen } from './money';
import { isProductUrlOf } from './product-url';

export function newIntent(input: CreateIntentInput, ids: { id: string; appId: string }, now: string): Intent {
  const priceFen = yuanToFen(input.price);
  const status = input.status ?? 'SUBMITTED';
  // Field by field, not `{ ...fields, ...ids, ... }`: V8 copies a spread that is not first in a literal on a slow
  // path, and that made this the costliest line of a create.
  const intent: Record<string, unknown> = {};
  for (const name in input) if (name !== 'price' && name !== 'status') intent[name] = input[name as keyof typeof input];
  intent.id = ids.id;
  intent.appId = ids.appId;
  intent.priceFen = priceFen;
  intent.totalAmountFen = totalFen(priceFen, input.quantity);
  intent.status = status;
  intent.createdAt = now;
  intent.updatedAt = now;
  if (status === 'SUBMITTED') intent.submittedAt = now;
  intent.version = 1;
  return intent as unknown as Intent;
}

/** The operations a PUT body asks for, in the order they apply. */
export function operationsOf(update: UpdateIntentInput): Operation[] {
  const { status, ...edits } = update;
  const ops: Operation[] = [];
  if (Object.keys(edits).length > 0) ops.push('update');
  if (status === 'SUBMITTED') ops.push('submit');
  if (status === 'CANCELLED') ops.push('cancel');
  return ops;
}

/** Applies a PUT to an intent: 409/40902 when its status forbids any asked operation. */
export function applyUpdate(intent: Intent, update: UpdateIntentInput, now: string): Intent {
  const ops = operationsOf(update);
  for (const op of ops) assertAllowed(intent, op);
  let next = intent;
  if (ops.includes('update')) next = edit(intent, update, now);
  if (ops.includes('submit')) next = { ...submit(next, now), version: intent.version + 1 };
  if (ops.includes('cancel')) next = cancel(next, now);
  if (next === intent) throw new NothingToChangeError('nothing to change');
  return next;
}

function edit(intent: Intent, update: UpdateIntentInput, now: string): Intent {
  const { status: _status, price, ...fields } = update;
  const merged: Intent = { ...intent, ...fields };
  if (price !== undefined) merged.priceFen = yuanToFen(price);
  merged.totalAmountFen = totalFen(merged.priceFen, merged.quantity);
  if (!isProductUrlOf(merged.platform, merged.productUrl))
    throw new InvalidInputError([{ field: 'productUrl', rule: 'productUrlOfPlatform' }]);
  return touched(intent, now, merged);
}
