// Console API test helpers: events carrying the JWT authorizer's claims (what API Gateway, or the local runtime's
// bearer check, puts in requestContext.authorizer.jwt), and organisations with members on DynamoDB Local.
//   const org = await createTestOrganisation();
//   const viewer = await addTestMember(org.orgId, 'viewer');
//   const res = await invoke(handler, consoleEvent(viewer, { method: 'POST', path: '/console/api/apps', body }));
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { addMember, createOrganisation } from '../../shared/console/organisations';
import type { ConsoleRole } from '../../shared/routes';
import { type Answer, type EventOptions, httpEvent, invoke } from './events';

export interface TestIdentity {
  sub: string;
  email: string;
  groups?: string[] | string;
}

export interface TestMember extends TestIdentity {
  orgId: string;
  memberId: string;
  role: ConsoleRole;
}

/** An event as the console route receives it after the JWT authorizer accepted the identity's token. */
export function consoleEvent(
  identity: TestIdentity | undefined,
  o: Omit<EventOptions, 'body'> & { body?: unknown },
): APIGatewayProxyEventV2 {
  const body = o.body === undefined || typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  const event = httpEvent({ ...o, body, headers: { 'content-type': 'application/json', ...o.headers } });
  if (!identity) return event;
  const claims: Record<string, unknown> = {
    sub: identity.sub,
    email: identity.email,
    client_id: 'procure-console-test',
    token_use: 'access',
    ...(identity.groups ? { 'cognito:groups': identity.groups } : {}),
  };
  return {
    ...event,
    requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: null } } },
  } as APIGatewayProxyEventV2;
}

export function newIdentity(): TestIdentity {
  const sub = randomUUID();
  return { sub, email: `${sub.slice(0, 8)}@example.com` };
}

/** A fresh organisation with its owner (random ids, so test files never share one). */
export async function createTestOrganisation(
  name = 'Test organisation',
): Promise<{ orgId: string; owner: TestMember }> {
  const identity = newIdentity();
  const { organisation, owner } = await createOrganisation(name, identity.sub, identity.email);
  return {
    orgId: organisation.orgId,
    owner: { ...identity, orgId: organisation.orgId, memberId: owner.memberId, role: 'owner' },
  };
}

export async function addTestMember(orgId: string, role: ConsoleRole): Promise<TestMember> {
  const identity = newIdentity();
  const member = await addMember(orgId, identity.sub, identity.email, role);
  return { ...identity, orgId, memberId: member.memberId, role };
}

type Handler = Parameters<typeof invoke>[0];
const handlers = new Map<string, Handler>();

export interface RouteCall {
  params?: Record<string, string>;
  body?: unknown;
  query?: string;
  sourceIp?: string;
}

/** Calls a console or operator route (from the route table) as `who`, its handler loaded once, the path's
 * parameters filled in. */
export async function callRoute(
  who: TestIdentity | undefined,
  route: { handler: string; method: string; path: string },
  o: RouteCall = {},
): Promise<Answer> {
  const name = route.handler;
  if (!handlers.has(name)) handlers.set(name, (await import(`../../functions/${name}.ts`)).handler);
  const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => o.params?.[p] ?? '');
  return invoke(
    handlers.get(name)!,
    consoleEvent(who, {
      method: route.method,
      path,
      body: o.body,
      query: o.query,
      pathParameters: o.params,
      sourceIp: o.sourceIp,
    }),
  );
}
