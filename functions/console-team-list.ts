// GET /console/api/team: the organisation's members.
import { consoleApi } from '../shared/console/http';
import { listMembers } from '../shared/console/organisations';
import type { Member } from '../shared/console/schemas';

export const handler = consoleApi('console-team-list', async ({ caller }) => {
  const items: Member[] = (await listMembers(caller.orgId)).map(({ memberId, email, role, createdAt }) => ({
    memberId,
    email,
    role,
    createdAt,
  }));
  return { data: { items } };
});
