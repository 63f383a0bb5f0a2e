// The intents browser: the partner list query, passed through unchanged, and an intent's detail and history.
import { api, type Query } from './http';
import type { ConsoleIntent, IntentEventsResponse, IntentListResponse } from './types';

const base = (appId: string) => `/apps/${encodeURIComponent(appId)}/intents`;

export const listIntents = (appId: string, query: Query) => api<IntentListResponse>('GET', base(appId), { query });
export const getIntent = (appId: string, intentId: string) =>
  api<ConsoleIntent>('GET', `${base(appId)}/${encodeURIComponent(intentId)}`);
export const getIntentEvents = (appId: string, intentId: string) =>
  api<IntentEventsResponse>('GET', `${base(appId)}/${encodeURIComponent(intentId)}/events`);
