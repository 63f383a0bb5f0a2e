// The manual adapter: Taobao and PDD have no buyer-side ordering API, so people place the order and report the
// outcome with `npm run ops -- complete|fail`. Until then the intent stays PROCESSING.
import type { FulfilmentAdapter } from './adapter';

export function manualAdapter(): FulfilmentAdapter {
  return {
    name: 'manual',
    async fulfil() {
      return { kind: 'pending' };
    },
  };
}
