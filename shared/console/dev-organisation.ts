// The local runtime's dev organisation (console-spec "Local dev accounts"): `org_dev_local`, owned by the dev
// account, owning `dev_app_local`. Created or completed at every start; refused outside the local runtime.
import { DEV_APP_ID, isLocalRuntime } from '../apps/app';
import { attachApp } from '../apps/registry';
import { AlreadyMemberError, addMember, createOrganisation, getOrganisation, membershipOf } from './organisations';

export const DEV_ORG_ID = 'org_dev_local';
export const DEV_ORG_NAME = 'Dev organisation';
export const DEV_OWNER_EMAIL = 'dev@procure.local';

export async function ensureDevOrganisation(devOwnerSub: string): Promise<{ orgId: string; created: boolean }> {
  if (!isLocalRuntime()) throw new Error('the dev organisation exists only in the local runtime (LOCAL_RUNTIME=true)');
  let created = false;
  if (!(await getOrganisation(DEV_ORG_ID))) {
    try {
      await createOrganisation(DEV_ORG_NAME, devOwnerSub, DEV_OWNER_EMAIL, { orgId: DEV_ORG_ID });
      created = true;
    } catch (error) {
      // The dev account is already someone's member (an earlier start wrote the organisation's membership first).
      if (!(error instanceof AlreadyMemberError)) throw error;
    }
  }
  const membership = await membershipOf(devOwnerSub);
  if (!membership) await addMember(DEV_ORG_ID, devOwnerSub, DEV_OWNER_EMAIL, 'owner');
  else if (membership.orgId !== DEV_ORG_ID)
    throw new Error(`the dev account already belongs to organisation ${membership.orgId}`);
  await attachApp(DEV_APP_ID, DEV_ORG_ID);
  return { orgId: DEV_ORG_ID, created };
}
