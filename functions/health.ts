// GET /api/v1/health: liveness without auth and without touching the database.
import { version } from '../package.json';
import { unsignedApi } from '../shared/http/foundation';

export const handler = unsignedApi('health', async () => ({
  data: { status: 'ok', version, time: new Date().toISOString() },
}));
