// Where each local stream consumer got to: per shard, the last sequence number every record up to which was
// consumed. In memory for tests; in the data directory for `npm start`, so a restart neither re-sends old webhooks
// nor misses changes made while it was down (within the stream's 24 h retention).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface CheckpointStore {
  get(shardId: string): string | undefined;
  set(shardId: string, sequenceNumber: string): void;
}

export function memoryCheckpoints(): CheckpointStore {
  const map = new Map<string, string>();
  return { get: (id) => map.get(id), set: (id, seq) => void map.set(id, seq) };
}

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
