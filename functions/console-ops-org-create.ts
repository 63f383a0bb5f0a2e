// POST /console/api/ops/organisations: an operator creates an organisation and invites its first owner, the same as
// `npm run accounts -- invite` (the identity directory creates the sign-in account; Cognito mails the temporary
// password, the local runtime returns it here). 409 when the e-mail already belongs to an organisation.
import { isLocalRuntime } from '../shared/apps/app';
import { normaliseEmail } from '../shared/console/account-email';
import { identityDirectory } from '../shared/console/identity';
import { recordOpsAudit } from '../shared/console/ops-audit';
import { operatorApi } from '../shared/console/ops-http';
import { type CreatedOrgResponse, createOrgRequestSchema } from '../shared/console/ops-schemas';
import { createOrganisation } from '../shared/console/organisations';
import { parseBody } from '../shared/console/request';

export const handler = operatorApi('console-ops-org-create', async (req) => {
  const input = parseBody(req, createOrgRequestSchema, ['name', 'ownerEmail']);
  const email = normaliseEmail(input.ownerEmail);
  const { sub, temporaryPassword } = await identityDirectory().invite(email);
  const { organisation, owner } = await createOrganisation(input.name.trim(), sub, email);
  await recordOpsAudit(req, 'ops.org.create', {
    orgId: organisation.orgId,
    detail: { name: organisation.name, email },
  });
  const data: CreatedOrgResponse = {
    orgId: organisation.orgId,
    orgName: organisation.name,
    memberId: owner.memberId,
    email,
    role: owner.role,
    ...(temporaryPassword && isLocalRuntime() ? { temporaryPassword } : {}),
  };
  return { status: 201, data };
});
