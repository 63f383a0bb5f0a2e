// Creates the local runtime's dev app (API reference: the console and the local runtime) if it is missing. Only the local runtime calls this,
// and the verifier refuses the dev app in any process without LOCAL_RUNTIME=true, so nothing deployed accepts it.
import { DEV_APP_ID, DEV_APP_SECRET } from '../shared/apps/app';
import { createApp } from '../shared/apps/registry';

export async function ensureDevApp(): Promise<{ created: boolean }> {
  if (process.env.LOCAL_RUNTIME !== 'true')
    throw new Error('the dev app exists only in the local runtime (LOCAL_RUNTIME=true)');
  const { created } = await createApp({ name: 'local dev app', appId: DEV_APP_ID, appSecret: DEV_APP_SECRET });
  return { created };
}
