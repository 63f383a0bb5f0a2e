// The console's intents browser reads through the partner API's own code (list query, store, public view), so
// filters, paging and phone masking are exactly the API's. Only ownership differs: an intent of any other app is
// simply not there (404), as everything outside the caller's organisation is.
import type { Intent } from '../domain/intent';
import { ApiError } from '../http/errors';
import { getIntent } from '../store/intents';

export async function intentOfApp(appId: string, intentId: string): Promise<Intent> {
  const intent = await getIntent(intentId);
  if (!intent || intent.appId !== appId)
    throw new ApiError('NOT_FOUND', { reason: `intent ${intentId} not found for app ${appId}` });
  return intent;
}
