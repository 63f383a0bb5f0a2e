// GET /console/api/me: who the caller is, their organisation and role, and their address (the whitelist hint).
import { consoleApi } from '../shared/console/http';
import { getOrganisation } from '../shared/console/organisations';
import type { Me } from '../shared/console/schemas';

export const handler = consoleApi('console-me', async ({ caller }) => {
  const organisation = caller.orgId ? await getOrganisation(caller.orgId) : undefined;
  const data: Me = {
    sub: caller.sub,
    email: caller.email,
    orgId: caller.orgId,
    orgName: organisation?.name ?? '',
    role: caller.role,
    sourceIp: caller.sourceIp,
    operator: caller.operator,
  };
  return { data };
});
