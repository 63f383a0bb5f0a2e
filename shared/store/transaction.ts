// One TransactWriteItems call, retried when it was cancelled only because another transaction touched the same
// items (hot counters under concurrent writes). Conditional-check failures are never retried: they are answers.
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './client';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const MAX_ATTEMPTS = 6;

/** The cancellation reason code of each item, aligned with the items sent; undefined for other errors. */
export function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((r) => r.Code);
}

/** True when the condition of item `index` failed; a single-item write's ConditionalCheckFailed counts as item 0. */
export function failedConditionAt(error: unknown, index: number): boolean {
  if (index === 0 && error instanceof Error && error.name === 'ConditionalCheckFailedException') return true;
  return cancellationCodes(error)?.[index] === 'ConditionalCheckFailed';
}

function isConflictOnly(error: unknown): boolean {
  if (error instanceof Error && error.name === 'TransactionConflictException') return true;
  const codes = cancellationCodes(error);
  return Boolean(codes?.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed'));
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));

export async function transactWrite(items: TransactItem[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await documentClient().send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isConflictOnly(error)) throw error;
      await pause(attempt);
    }
  }
}
