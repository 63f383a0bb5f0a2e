// Where each local stream consumer got to, kept in the data directory so a restart of `npm start` neither
// re-sends old webhooks nor misses changes made while it was down (within the stream's 24 h retention).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CheckpointStore } from './stream-poller';

export function fileCheckpoints(path: string): CheckpointStore {
  let state: Record<string, string> = {};
  try {
    state = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch {
    // First start, or an unreadable file: read the stream from its oldest record; the consumers are idempotent.
  }
  return {
    get: (shardId) => state[shardId],
    set(shardId, sequenceNumber) {
      state = { ...state, [shardId]: sequenceNumber };
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.tmp`, JSON.stringify(state));
      renameSync(`${path}.tmp`, path);
    },
  };
}
