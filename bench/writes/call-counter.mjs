// Preloaded into the local runtime by bench/writes/calls.ts (NODE_OPTIONS=--import): counts every DynamoDB call the
// process makes, by operation, and every item a call writes or reads by key shape (`INTENT|EVENT`, `COUNT|H`...),
// into BENCH_CALLS_DIR/<pid>.json once a second. Plain JavaScript: it loads before tsx.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';

const dir = process.env.BENCH_CALLS_DIR;
const counts = {};
const add = (key, n = 1) => {
  counts[key] = (counts[key] ?? 0) + n;
};
// Key shape: the prefixes before the first '#' of pk and sk; rate-limit windows differ only by their second.
const shape = (key) =>
  `${(key?.pk?.S ?? '?').split('#')[0]}|${(key?.sk?.S ?? '?').split('#')[0].replace(/^\d+$/, 'n')}`;

const end = http.ClientRequest.prototype.end;
http.ClientRequest.prototype.end = function (chunk, ...rest) {
  const target = this.getHeader('x-amz-target');
  if (dir && target) {
    const operation = String(target).split('.').pop();
    add(`call ${operation}`);
    try {
      if (chunk && typeof chunk !== 'function') {
        const body = JSON.parse(Buffer.from(chunk).toString());
        if (body.TransactItems)
          for (const item of body.TransactItems) {
            const [kind] = Object.keys(item);
            add(`item ${shape(item[kind].Key ?? item[kind].Item)}`);
          }
        else if (body.Key || body.Item) add(`item ${shape(body.Key ?? body.Item)}`);
      }
    } catch {
      // Not a JSON body: counted by operation only.
    }
  }
  return end.call(this, chunk, ...rest);
};

if (dir) setInterval(() => writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify(counts)), 1000).unref();
