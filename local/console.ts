// GET /console/* in the local runtime: the built web app (console/dist) with an index.html fallback for its
// client-side routes, a year's cache for hashed assets, gzip and the same security headers CloudFront adds on AWS.
// /console/api/* and /console/config.json (the console gateway's) are never served from here.
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const CONSOLE_PATH = '/console';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt']);

/** As on AWS: no inline script anywhere; Ant Design writes its CSS-in-JS into <style> elements, hence style-src. */
export const CONSOLE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

export interface ConsoleSite {
  /** console/dist */
  distDir: string;
  /** Resolves once the build is current; requests wait for it instead of seeing a half-written dist. */
  ready: Promise<void>;
}

/** True for the paths this module answers: /console, /console/... except the console API and its config. */
export function isConsolePath(path: string): boolean {
  if (path === CONSOLE_PATH) return true;
  if (!path.startsWith(`${CONSOLE_PATH}/`) || path === `${CONSOLE_PATH}/config.json`) return false;
  return !(path === '/console/api' || path.startsWith('/console/api/'));
}

const gzipped = new Map<string, { mtimeMs: number; body: Buffer }>();

function compressed(file: string, mtimeMs: number, body: Buffer): Buffer {
  const cached = gzipped.get(file);
  if (cached?.mtimeMs === mtimeMs) return cached.body;
  const zipped = gzipSync(body, { level: 9 });
  gzipped.set(file, { mtimeMs, body: zipped });
  return zipped;
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
) {
  res.writeHead(status, { ...CONSOLE_SECURITY_HEADERS, ...headers, 'content-length': String(body.length) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function fileIn(distDir: string, relative: string) {
  // normalize() folds any `..`; the result must still be inside dist.
  const file = normalize(join(distDir, relative));
  if (file !== distDir && !file.startsWith(distDir + sep)) return undefined;
  try {
    const info = await stat(file);
    return info.isFile() ? { file, mtimeMs: info.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/** Answers a console path (see isConsolePath); the caller checked it. */
export async function serveConsole(req: IncomingMessage, res: ServerResponse, site: ConsoleSite): Promise<void> {
  let path: string;
  try {
    path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
  } catch {
    send(req, res, 400, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from('Bad Request'));
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(
      req,
      res,
      405,
      { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
      Buffer.from('Method Not Allowed'),
    );
    return;
  }
  if (path === CONSOLE_PATH) {
    res.writeHead(308, { location: `${CONSOLE_PATH}/`, 'content-length': '0' });
    res.end();
    return;
  }
  await site.ready;
  const relative = path.slice(CONSOLE_PATH.length + 1);
  const isAsset = relative.startsWith('assets/');
  // Client-side routes (/console/apps/...) get index.html; a missing hashed asset is a real 404, so a stale page
  // fails loudly instead of running HTML as JavaScript.
  const found =
    (relative && (await fileIn(site.distDir, relative))) ||
    (isAsset ? undefined : await fileIn(site.distDir, 'index.html'));
  if (!found) {
    send(req, res, 404, { 'content-type': 'text/plain; charset=utf-8' }, Buffer.from('Not Found'));
    return;
  }
  const ext = extname(found.file);
  let body: Buffer = await readFile(found.file);
  const headers: Record<string, string> = {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    // Hashed names never change content; index.html must be revalidated so a new build is picked up at once.
    'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'accept-encoding',
  };
  if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    body = compressed(found.file, found.mtimeMs, body);
    headers['content-encoding'] = 'gzip';
  }
  send(req, res, 200, headers, body);
}
