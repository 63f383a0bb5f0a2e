// The local runtime's /console/ serving: SPA fallback, caching, gzip, security headers, and what it never serves.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConsolePath, serveConsole } from '../../local/console';

let dist: string;
let server: Server;
let port: number;
let release: () => void;

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.once('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'console-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("hello console");'.repeat(20));
  writeFileSync(`${dist}-secret.txt`, 'outside dist');
  const ready = new Promise<void>((done) => {
    release = done;
  });
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (isConsolePath(path)) void serveConsole(req, res, { distDir: dist, ready });
    else res.writeHead(418).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => {
  server.close();
  rmSync(dist, { recursive: true, force: true });
  rmSync(`${dist}-secret.txt`, { force: true });
});

describe('console paths', () => {
  it('covers the app but never the console API or its config', () => {
    expect(isConsolePath('/console')).toBe(true);
    expect(isConsolePath('/console/apps/app_1')).toBe(true);
    expect(isConsolePath('/console/api')).toBe(false);
    expect(isConsolePath('/console/api/apps')).toBe(false);
    expect(isConsolePath('/console/config.json')).toBe(false);
    expect(isConsolePath('/consoles')).toBe(false);
    expect(isConsolePath('/api/v1/health')).toBe(false);
  });
});

describe('serving console/dist', () => {
  it('waits for the build before answering', async () => {
    const pending = get('/console/');
    const early = await Promise.race([
      pending.then(() => 'answered'),
      new Promise((r) => setTimeout(r, 150, 'waiting')),
    ]);
    expect(early).toBe('waiting');
    release();
    expect((await pending).status).toBe(200);
  });

  it('answers client-side routes with index.html, revalidated, with the security headers', async () => {
    const res = await get('/console/apps/app_1/intents?page=2');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('<div id="root">');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBeDefined();
  });

  it('caches hashed assets for a year and gzips them when asked', async () => {
    const res = await get('/console/assets/index-abc123.js', { 'accept-encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.body).toString()).toContain('hello console');
    const plain = await get('/console/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('hello console');
  });

  it('answers a missing asset with 404, never with index.html', async () => {
    const res = await get('/console/assets/index-gone.js');
    expect(res.status).toBe(404);
  });

  it('never serves a file outside dist', async () => {
    const res = await get(`/console/%2e%2e/${basename(dist)}-secret.txt`);
    expect(res.body.toString()).not.toContain('outside dist');
    const raw = await get(`/console/../${basename(dist)}-secret.txt`);
    expect(raw.body.toString()).not.toContain('outside dist');
  });

  it('redirects /console to /console/ and refuses writes', async () => {
    const bare = await get('/console');
    expect(bare.status).toBe(308);
    expect(bare.headers.location).toBe('/console/');
    const post = await get('/console/apps', {}, 'POST');
    expect(post.status).toBe(405);
    const bad = await get('/console/%E0%A4%A');
    expect(bad.status).toBe(400);
  });
});
