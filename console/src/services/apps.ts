// Apps, secrets, webhooks and deliveries: the console API calls behind the app pages.
import { api } from './http';
import type {
  AppsListResponse,
  AppWithSecretResponse,
  ConsoleApp,
  CreateAppRequest,
  DeliveriesListResponse,
  Delivery,
  RotateSecretRequest,
  UpdateAppRequest,
  WebhookTestResponse,
} from './types';

const app = (appId: string) => `/apps/${encodeURIComponent(appId)}`;

export const listApps = () => api<AppsListResponse>('GET', '/apps');
export const getApp = (appId: string) => api<ConsoleApp>('GET', app(appId));
export const createApp = (body: CreateAppRequest) => api<AppWithSecretResponse>('POST', '/apps', { body });
export const updateApp = (appId: string, body: UpdateAppRequest) => api<ConsoleApp>('PUT', app(appId), { body });
export const setAppEnabled = (appId: string, enabled: boolean) =>
  api<ConsoleApp>('POST', `${app(appId)}/${enabled ? 'enable' : 'disable'}`);
export const rotateSecret = (appId: string, body: RotateSecretRequest) =>
  api<AppWithSecretResponse>('POST', `${app(appId)}/secrets`, { body });
export const revokePreviousSecret = (appId: string) => api<ConsoleApp>('DELETE', `${app(appId)}/secrets/previous`);
export const testWebhook = (appId: string) => api<WebhookTestResponse>('POST', `${app(appId)}/webhook-test`);
export const listDeliveries = (appId: string) =>
  api<DeliveriesListResponse>('GET', `${app(appId)}/deliveries`, { query: { limit: 50 } });
export const redeliver = (appId: string, deliveryId: string) =>
  api<Delivery>('POST', `${app(appId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`);
