// GET /console/api/audit: the organisation's audit log, newest first, for owners.
import { listAudit } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { parseQuery } from '../shared/console/request';
import { auditQuerySchema } from '../shared/console/schemas';

const DEFAULT_LIMIT = 50;

export const handler = consoleApi('console-audit-list', async (req) => {
  const { limit, cursor } = parseQuery(req, auditQuerySchema);
  return { data: await listAudit(req.caller.orgId, limit ? Number(limit) : DEFAULT_LIMIT, cursor) };
});
