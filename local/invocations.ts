// The local runtime serves HTTP requests, stream batches and webhook attempts concurrently in one process, where
// AWS runs each in its own invocation. Each unit of work runs here as its own invocation too, in the way Lambda runs
// concurrent invocations in one execution environment: AWS_LAMBDA_MAX_CONCURRENCY plus an InvokeStore context per
// invocation, which Powertools' Logger uses to keep each invocation's keys (appendKeys, addContext) apart. So a
// fulfilment line never carries the last HTTP request's app id or request id, and a background unit never wipes the
// keys of a request still running.
import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';

let store: Promise<InvokeStoreBase> | undefined;

function invokeStore(): Promise<InvokeStoreBase> {
  store ??= InvokeStore.getInstanceAsync(true).then((created) => {
    // Powertools reads this on every access and then requires the global store: so it is set once that exists.
    // Only a process that runs the local runtime's units of work sets it.
    process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '1000';
    return created;
  });
  return store;
}

/** Runs `work` as one invocation with its own, initially empty, log keys. */
export async function asInvocation<T>(invocationId: string, work: () => Promise<T>): Promise<T> {
  const scope = await invokeStore();
  return scope.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: invocationId }, work);
}
