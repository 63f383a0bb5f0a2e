// DELETE /console/api/team/{memberId}: the member leaves the organisation; their token stops working at once.
import { auditPut } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { MemberNotFoundError, removeMember } from '../shared/console/organisations';
import { auditOf } from '../shared/console/request';
import type { RemovedMemberResponse } from '../shared/console/schemas';

const MEMBER_ID_PATTERN = /^mem_[0-9a-z]{26}$/;

export const handler = consoleApi('console-team-remove', async (req) => {
  const memberId = req.pathParameters.memberId ?? '';
  if (!MEMBER_ID_PATTERN.test(memberId)) throw new MemberNotFoundError(memberId);
  const removed = await removeMember(req.caller.orgId, memberId, [
    auditPut(auditOf(req, 'member.remove', undefined, { memberId })),
  ]);
  const data: RemovedMemberResponse = { memberId: removed.memberId, removed: true };
  return { data };
});
