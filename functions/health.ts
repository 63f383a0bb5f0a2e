// GET /api/v1/health: liveness without auth and without touching the database.
import { version } from '../package.json';
import { api } from '../shared/http/api';

export const handler = api('health', async () => ({
  data: { status: 'ok', version, time: new Date().toISOString() },
}));
