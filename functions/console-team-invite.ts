// POST /console/api/team: an owner invites a colleague by e-mail with a role. The identity directory creates (or
// finds) the sign-in account; Cognito mails the temporary password, the local runtime returns it here.
import { isLocalRuntime } from '../shared/apps/app';
import { auditPut } from '../shared/console/audit';
import { consoleApi } from '../shared/console/http';
import { identityDirectory } from '../shared/console/identity';
import { addMember } from '../shared/console/organisations';
import { auditOf, parseBody } from '../shared/console/request';
import { type InvitedMemberResponse, inviteMemberRequestSchema } from '../shared/console/schemas';

export const handler = consoleApi('console-team-invite', async (req) => {
  const input = parseBody(req, inviteMemberRequestSchema, ['email', 'role']);
  const email = input.email.toLowerCase();
  const { sub, temporaryPassword } = await identityDirectory().invite(email);
  const member = await addMember(req.caller.orgId, sub, email, input.role, [
    auditPut(auditOf(req, 'member.invite', undefined, { email, role: input.role })),
  ]);
  const data: InvitedMemberResponse = {
    memberId: member.memberId,
    email: member.email,
    role: member.role,
    createdAt: member.createdAt,
    ...(temporaryPassword && isLocalRuntime() ? { temporaryPassword } : {}),
  };
  return { status: 201, data };
});
