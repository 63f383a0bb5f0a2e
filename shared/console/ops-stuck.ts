// Stuck intents for operators: what the watchdog counts (shared/fulfilment/stuck.ts), listed. SUBMITTED or
// PROCESSING and unchanged for longer than the limit, every app, oldest first.
import { listApps } from '../apps/registry';
import type { IntentStatus } from '../domain/intent';
import { parseListQuery } from '../schemas/list-query';
import { listIntents } from '../store/listing';
import type { StuckEntry, StuckResponse } from './ops-schemas';

/** The watchdog's default limit (STUCK_PROCESSING_MINUTES). */
export const STUCK_MINUTES = 60;
const STUCK_STATUSES: IntentStatus[] = ['SUBMITTED', 'PROCESSING'];

export async function loadStuck(minutes: number, now = Date.now()): Promise<StuckResponse> {
  const cutoff = new Date(now - minutes * 60_000).toISOString();
  const items: StuckEntry[] = [];
  for (const app of await listApps())
    for (const status of STUCK_STATUSES) {
      const query = parseListQuery(
        `status=${status}&filter[updatedAt][lte]=${encodeURIComponent(cutoff)}&sortBy=updatedAt&order=asc&pageSize=100`,
      );
      for (const item of (await listIntents(app.appId, query)).items) {
        const updatedAt = String(item.updatedAt);
        items.push({
          id: String(item.id),
          appId: app.appId,
          appName: app.name,
          platform: String(item.platform),
          status,
          updatedAt,
          ageMinutes: Math.floor((now - Date.parse(updatedAt)) / 60_000),
        });
      }
    }
  items.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
  return { cutoff, items };
}
