// GET /api/v1/health: liveness without auth and without touching the database.
import { version } from '../package.json';
import { buildHandler } from '../shared/http/handler';

export const handler = buildHandler('health', async () => ({
  data: { status: 'ok', version, time: new Date().toISOString() },
}));
