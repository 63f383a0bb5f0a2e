// One query-key factory per resource: mutations invalidate exactly the keys they change.
import type { Query } from './http';

export const meKeys = { all: ['me'] as const };

export const appKeys = {
  all: ['apps'] as const,
  list: () => [...appKeys.all, 'list'] as const,
  detail: (appId: string) => [...appKeys.all, 'detail', appId] as const,
  deliveries: (appId: string) => [...appKeys.all, 'deliveries', appId] as const,
};

export const intentKeys = {
  all: (appId: string) => ['intents', appId] as const,
  list: (appId: string, query: Query) => [...intentKeys.all(appId), 'list', query] as const,
  detail: (appId: string, intentId: string) => [...intentKeys.all(appId), 'detail', intentId] as const,
  events: (appId: string, intentId: string) => [...intentKeys.all(appId), 'events', intentId] as const,
};

export const teamKeys = { all: ['team'] as const };

export const auditKeys = {
  all: ['audit'] as const,
  page: (cursor: string | undefined) => [...auditKeys.all, cursor ?? ''] as const,
};

export const opsKeys = {
  all: ['ops'] as const,
  queue: (query: Query) => [...opsKeys.all, 'queue', query] as const,
  intent: (intentId: string) => [...opsKeys.all, 'intent', intentId] as const,
  apps: () => [...opsKeys.all, 'apps'] as const,
  deadLetters: () => [...opsKeys.all, 'dead-letters'] as const,
  stuck: (minutes: number | undefined) => [...opsKeys.all, 'stuck', minutes ?? ''] as const,
  audit: (orgId: string) => [...opsKeys.all, 'audit', orgId] as const,
};
