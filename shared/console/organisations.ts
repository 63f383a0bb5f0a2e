// Organisations and their members. A member is two items written together: one in the organisation's partition
// (the team list) and one under the identity's `sub` (how a request finds its caller's organisation and role in one
// read). The organisation counts its owners, so removing the last one fails inside the same transaction.
import { GetCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { ConsoleRole } from '../routes';
import { documentClient, tableName } from '../store/client';
import { MEMBER_SK_PREFIX, memberKey, membershipKey, orgKey, orgPk } from '../store/keys/console';
import { failedConditionAt, type TransactItem, transactWrite } from '../store/transaction';

export interface Organisation {
  orgId: string;
  name: string;
  createdAt: string;
}

export interface Member {
  memberId: string;
  orgId: string;
  sub: string;
  email: string;
  role: ConsoleRole;
  createdAt: string;
}

/** The identity already belongs to an organisation (one organisation per sign-in account). */
export class AlreadyMemberError extends Error {
  constructor() {
    super('identity is already a member of an organisation');
    this.name = 'AlreadyMemberError';
  }
}

export class OrganisationNotFoundError extends Error {
  constructor(orgId: string) {
    super(`organisation ${orgId} not found`);
    this.name = 'OrganisationNotFoundError';
  }
}

export class MemberNotFoundError extends Error {
  constructor(memberId: string) {
    super(`member ${memberId} not found`);
    this.name = 'MemberNotFoundError';
  }
}

export class LastOwnerError extends Error {
  constructor() {
    super('an organisation keeps at least one owner');
    this.name = 'LastOwnerError';
  }
}

export const newOrgId = () => `org_${ulid().toLowerCase()}`;
export const newMemberId = () => `mem_${ulid().toLowerCase()}`;

function memberItems(member: Member): TransactItem[] {
  return [
    {
      Put: {
        TableName: tableName(),
        Item: { ...memberKey(member.orgId, member.memberId), type: 'MEMBER', ...member },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...membershipKey(member.sub), type: 'MEMBERSHIP', ...member },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/**
 * Creates an organisation with its first owner (the platform team's `accounts invite`). `orgId` is fixed only for
 * the local dev organisation. Throws AlreadyMemberError when the owner already belongs to an organisation.
 */
export async function createOrganisation(
  name: string,
  ownerSub: string,
  ownerEmail: string,
  options: { orgId?: string } = {},
): Promise<{ organisation: Organisation; owner: Member }> {
  const createdAt = new Date().toISOString();
  const organisation: Organisation = { orgId: options.orgId ?? newOrgId(), name, createdAt };
  const owner: Member = {
    memberId: newMemberId(),
    orgId: organisation.orgId,
    sub: ownerSub,
    email: ownerEmail,
    role: 'owner',
    createdAt,
  };
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName(),
          Item: { ...orgKey(organisation.orgId), type: 'ORG', ...organisation, ownerCount: 1 },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...memberItems(owner),
    ]);
  } catch (error) {
    if (failedConditionAt(error, 2)) throw new AlreadyMemberError();
    if (failedConditionAt(error, 0)) throw new Error(`organisation ${organisation.orgId} already exists`);
    throw error;
  }
  return { organisation, owner };
}

/**
 * Adds a member to an existing organisation. `also` are further writes of the same change (its audit entry).
 * Throws OrganisationNotFoundError or AlreadyMemberError.
 */
export async function addMember(
  orgId: string,
  sub: string,
  email: string,
  role: ConsoleRole,
  also: TransactItem[] = [],
): Promise<Member> {
  const member: Member = { memberId: newMemberId(), orgId, sub, email, role, createdAt: new Date().toISOString() };
  try {
    await transactWrite([
      // The organisation must exist; an owner also raises its owner count.
      {
        Update: {
          TableName: tableName(),
          Key: orgKey(orgId),
          UpdateExpression: 'ADD ownerCount :n',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':n': role === 'owner' ? 1 : 0 },
        },
      },
      ...memberItems(member),
      ...also,
    ]);
  } catch (error) {
    if (failedConditionAt(error, 0)) throw new OrganisationNotFoundError(orgId);
    if (failedConditionAt(error, 1) || failedConditionAt(error, 2)) throw new AlreadyMemberError();
    throw error;
  }
  return member;
}

/**
 * Removes a member: both items, and one from the owner count for an owner, refused (LastOwnerError) when it was
 * the last one. The removed identity's next request finds no membership, so its token stops working at once.
 */
export async function removeMember(orgId: string, memberId: string, also: TransactItem[] = []): Promise<Member> {
  const out = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: memberKey(orgId, memberId), ConsistentRead: true }),
  );
  if (!out.Item) throw new MemberNotFoundError(memberId);
  const member = toMember(out.Item);
  const items: TransactItem[] = [
    {
      Delete: {
        TableName: tableName(),
        Key: memberKey(orgId, memberId),
        ConditionExpression: '#role = :role',
        ExpressionAttributeNames: { '#role': 'role' },
        ExpressionAttributeValues: { ':role': member.role },
      },
    },
    {
      Delete: {
        TableName: tableName(),
        Key: membershipKey(member.sub),
        ConditionExpression: 'memberId = :memberId',
        ExpressionAttributeValues: { ':memberId': memberId },
      },
    },
    ...(member.role === 'owner'
      ? [
          {
            Update: {
              TableName: tableName(),
              Key: orgKey(orgId),
              UpdateExpression: 'ADD ownerCount :minus',
              ConditionExpression: 'ownerCount > :one',
              ExpressionAttributeValues: { ':minus': -1, ':one': 1 },
            },
          },
        ]
      : []),
    ...also,
  ];
  try {
    await transactWrite(items);
  } catch (error) {
    if (member.role === 'owner' && failedConditionAt(error, 2)) throw new LastOwnerError();
    // Removed (or changed) by someone else meanwhile.
    if (failedConditionAt(error, 0) || failedConditionAt(error, 1)) throw new MemberNotFoundError(memberId);
    throw error;
  }
  return member;
}

function toMember(item: Record<string, unknown>): Member {
  const { memberId, orgId, sub, email, role, createdAt } = item as unknown as Member;
  return { memberId, orgId, sub, email, role, createdAt };
}

/** The caller's membership by the token's `sub`, or undefined when it belongs to no organisation (any more). */
export async function membershipOf(sub: string): Promise<Member | undefined> {
  // Strongly consistent: a removal must stop the removed member's very next request.
  const out = await documentClient().send(
    new GetCommand({ TableName: tableName(), Key: membershipKey(sub), ConsistentRead: true }),
  );
  return out.Item ? toMember(out.Item) : undefined;
}

export async function getOrganisation(orgId: string): Promise<Organisation | undefined> {
  const out = await documentClient().send(new GetCommand({ TableName: tableName(), Key: orgKey(orgId) }));
  if (!out.Item) return undefined;
  const { name, createdAt } = out.Item as Organisation;
  return { orgId, name, createdAt };
}

/** Every item of the organisation's partition under one sort-key prefix (members, app links), in key order. */
export async function orgItems(orgId: string, prefix: string, consistent = false): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client: documentClient() },
    {
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': orgPk(orgId), ':prefix': prefix },
      ConsistentRead: consistent,
    },
  );
  for await (const page of pages) items.push(...(page.Items ?? []));
  return items;
}

/** The team, oldest member first (member ids are time-ordered). */
export async function listMembers(orgId: string): Promise<Member[]> {
  return (await orgItems(orgId, MEMBER_SK_PREFIX, true)).map(toMember);
}
