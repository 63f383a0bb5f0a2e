// GET /console/api/ops/organisations/{orgId}/audit: any organisation's audit log (or the operators' own, orgId
// OPERATORS), newest first, paged like the owners' view.
import { listAudit } from '../shared/console/audit';
import { operatorApi } from '../shared/console/ops-http';
import { getOrganisation } from '../shared/console/organisations';
import { parseQuery } from '../shared/console/request';
import { auditQuerySchema } from '../shared/console/schemas';
import { ApiError } from '../shared/http/errors';
import { MESSAGES } from '../shared/http/messages';
import { OPERATORS_AUDIT_ID } from '../shared/store/keys/console';

export const handler = operatorApi('console-ops-org-audit', async (req) => {
  const orgId = req.pathParameters.orgId ?? '';
  const { limit, cursor } = parseQuery(req, auditQuerySchema);
  const known = orgId === OPERATORS_AUDIT_ID || (/^org_[a-z0-9_]{1,64}$/.test(orgId) && (await getOrganisation(orgId)));
  if (!known)
    throw new ApiError('NOT_FOUND', { message: MESSAGES.organisationNotFound, reason: `no organisation ${orgId}` });
  return { data: await listAudit(orgId, limit ? Number(limit) : 50, cursor) };
});
