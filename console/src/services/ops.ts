// The operator routes (/console/api/ops): the manual fulfilment queue, claims and outcomes, apps and dead letters.
import type {
  CompleteRequest,
  CreatedOrgResponse,
  CreateOrgRequest,
  DeadLettersResponse,
  FailRequest,
  OpsApp,
  OpsAppsResponse,
  OpsAppUpdateRequest,
  OpsIntent,
  QueueResponse,
  RedriveResponse,
  StuckResponse,
  TrackingRequest,
} from '@shared/console/ops-schemas';
import type { AuditListResponse } from '@shared/console/schemas';
import { api, type Query } from './http';

const intentPath = (intentId: string, rest = '') => `/ops/intents/${encodeURIComponent(intentId)}${rest}`;

export const getQueue = (query: Query) => api<QueueResponse>('GET', '/ops/queue', { query });
export const getOpsIntent = (intentId: string) => api<OpsIntent>('GET', intentPath(intentId));
export const claimIntent = (intentId: string) => api<OpsIntent>('POST', intentPath(intentId, '/claim'));
export const releaseIntent = (intentId: string) => api<OpsIntent>('DELETE', intentPath(intentId, '/claim'));
export const completeIntent = (intentId: string, body: CompleteRequest) =>
  api<OpsIntent>('POST', intentPath(intentId, '/complete'), { body });
export const failIntent = (intentId: string, body: FailRequest) =>
  api<OpsIntent>('POST', intentPath(intentId, '/fail'), { body });
export const addTracking = (intentId: string, body: TrackingRequest) =>
  api<OpsIntent>('POST', intentPath(intentId, '/tracking'), { body });
export const listOpsApps = () => api<OpsAppsResponse>('GET', '/ops/apps');
export const updateOpsApp = (appId: string, body: OpsAppUpdateRequest) =>
  api<OpsApp>('PUT', `/ops/apps/${encodeURIComponent(appId)}`, { body });
export const listDeadLetters = () => api<DeadLettersResponse>('GET', '/ops/dead-letters');
export const redrive = (appId: string, deliveryId?: string) =>
  api<RedriveResponse>('POST', `/ops/apps/${encodeURIComponent(appId)}/dead-letters/redrive`, {
    body: deliveryId ? { deliveryId } : {},
  });
export const listStuck = (minutes?: number) => api<StuckResponse>('GET', '/ops/stuck', { query: { minutes } });
export const retryIntent = (intentId: string) => api<OpsIntent>('POST', intentPath(intentId, '/retry'));
export const createOrganisation = (body: CreateOrgRequest) =>
  api<CreatedOrgResponse>('POST', '/ops/organisations', { body });
export const orgAudit = (orgId: string, cursor?: string) =>
  api<AuditListResponse>('GET', `/ops/organisations/${encodeURIComponent(orgId)}/audit`, {
    query: { limit: 50, cursor },
  });
