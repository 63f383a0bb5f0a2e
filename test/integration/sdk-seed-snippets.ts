// Cuts the TypeScript and Python examples out of the published seed documents, so the end-to-end test runs the
// partners' code itself; only credentials, base URL and (for the detail page) the example intent id are replaced.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The three SDK pages of the published documents, kept in the repository so the test stands alone.
const SEEDS = join(process.cwd(), 'test', 'fixtures', 'seeds');

export function seedText(prefix: string): string {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix} not found in ${SEEDS}`);
  return readFileSync(join(SEEDS, file), 'utf8');
}

/** The text strictly between `start` and the next `end` after it. */
export function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  if (from === -1) throw new Error(`seed has no "${start}"`);
  const to = text.indexOf(end, from + start.length);
  if (to === -1) throw new Error(`seed has no "${end}" after "${start}"`);
  return text.slice(from + start.length, to).trim();
}

export interface Target {
  appId: string;
  appSecret: string;
  baseURL: string;
}

/** The only edits the issue allows: credentials and base URL. */
export function localise(snippet: string, target: Target): string {
  return snippet
    .replaceAll('your_app_id', target.appId)
    .replaceAll('your_app_secret', target.appSecret)
    .replaceAll('https://api.procure-core.com', target.baseURL);
}

/** Everything up to the end of `new ProcureClient({...});`, to prefix the documents' usage scenarios with. */
export function clientPrologue(snippet: string): string {
  const at = snippet.indexOf('new ProcureClient(');
  const end = snippet.indexOf('});', at);
  if (at === -1 || end === -1) throw new Error('snippet does not construct a ProcureClient');
  return snippet.slice(0, end + 3);
}

/** Seed 004's page lost its line breaks: a `//` comment would swallow the rest of the code, so end it again. */
export function restoreTsLines(oneLine: string): string {
  return oneLine.replace(/(\/\/[^\n]*?)\s+(?=[A-Za-z])/g, '$1\n');
}

/** Seed 004's page lost its line breaks; Python needs them back, between statements only. */
export function restorePythonLines(oneLine: string): string {
  return oneLine.replace(/\s+(?=(?:client|intent) = |print\()/g, '\n');
}
