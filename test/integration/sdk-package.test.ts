// Both SDKs as a partner gets them, outside the repository: the TypeScript SDK packed with `npm pack` and installed
// from the tarball into an empty folder, run by plain `node` (ESM and CommonJS); the Python SDK installed with
// `pip install` into a fresh virtual environment with no package index. Each runs a seed-document call against
// the real local runtime.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedRuntime, startRuntime } from '../../bench/e2e/runtime';
import { DEV_APP_ID, DEV_APP_SECRET } from '../../shared/apps/app';

const run = promisify(execFile);
const ROOT = process.cwd();
// Nothing may come from a registry: the tarball has no dependencies, and pip gets no index at all.
const OFFLINE = { ...process.env, npm_config_offline: 'true', PIP_NO_INDEX: '1', PIP_FIND_LINKS: '' };

let runtime: StartedRuntime;
let work: string;

const SEED = {
  userId: 'pkg_user',
  platform: 'TAOBAO',
  productUrl: 'https://item.taobao.com/item.htm?id=123456',
  title: 'Apple iPhone 15 Pro 256GB',
  price: 8999,
  quantity: 1,
  recipientName: '张三',
  address: '北京市朝阳区望京SOHO T1 1001',
  phone: '13800138000',
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'procure-sdk-package-'));
  runtime = await startRuntime();
}, 180_000);

afterAll(async () => {
  await runtime?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
}, 30_000);

describe('@procure-core/sdk from its npm pack tarball', () => {
  let project: string;

  beforeAll(async () => {
    const packed = join(work, 'packed');
    mkdirSync(packed, { recursive: true });
    // prepack builds dist/ from the sources first, as it will when the package is published.
    await run('npm', ['pack', '--silent', '--pack-destination', packed, './sdk/typescript'], {
      cwd: ROOT,
      env: OFFLINE,
      timeout: 120_000,
    });
    const [tarball] = readdirSync(packed).filter((f) => f.endsWith('.tgz'));
    expect(tarball).toMatch(/^procure-core-sdk-\d+\.\d+\.\d+\.tgz$/);
    project = join(work, 'partner-app');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'partner-app', private: true }));
    await run('npm', ['install', '--no-audit', '--no-fund', join(packed, tarball!)], {
      cwd: project,
      env: OFFLINE,
      timeout: 120_000,
    });
  }, 240_000);

  it('ships dist only: compiled JavaScript and declarations, no TypeScript sources', () => {
    const installed = join(project, 'node_modules', '@procure-core', 'sdk');
    const files = readdirSync(installed, { recursive: true }).map(String).sort();
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.cjs');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('README.md');
    expect(files.filter((f) => f.startsWith('src') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([]);
  });

  it('creates and reads an intent with plain node (ESM import)', async () => {
    const script = `
import { ProcureClient } from '@procure-core/sdk';
const client = new ProcureClient({ appId: '${DEV_APP_ID}', appSecret: '${DEV_APP_SECRET}', baseURL: '${runtime.url}' });
const intent = await client.intents.create(${JSON.stringify(SEED)});
const detail = await client.intents.get(intent.id);
console.log(JSON.stringify({ id: intent.id, status: detail.status, phone: detail.phone, total: detail.totalAmount }));
`;
    writeFileSync(join(project, 'seed.mjs'), script);
    const { stdout } = await run(process.execPath, ['seed.mjs'], { cwd: project, timeout: 60_000 });
    const out = JSON.parse(stdout);
    expect(out.id).toMatch(/^intent_[0-9A-Z]{26}$/);
    expect(out.phone).toBe('138****8000');
    expect(out.total).toBe(8999);
  });

  it('answers a CommonJS require with the same client and typed errors', async () => {
    const script = `
const { ProcureClient, ProcureError } = require('@procure-core/sdk');
const client = new ProcureClient({ appId: '${DEV_APP_ID}', appSecret: 'wrong-secret', baseURL: '${runtime.url}', maxRetries: 0 });
client.intents.list().then(() => console.log('no error'), (e) => console.log(JSON.stringify({ typed: e instanceof ProcureError, code: e.code, status: e.status })));
`;
    writeFileSync(join(project, 'seed.cjs'), script);
    const { stdout } = await run(process.execPath, ['seed.cjs'], { cwd: project, timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({ typed: true, code: 40101, status: 401 });
  });
});

describe('procure_core from pip install into a fresh virtual environment', () => {
  let python: string;

  beforeAll(async () => {
    const venv = join(work, 'venv');
    await run('python3', ['-m', 'venv', venv], { timeout: 120_000 });
    python = join(venv, 'bin', 'python');
    await run(python, ['-m', 'pip', 'install', '--disable-pip-version-check', join(ROOT, 'sdk', 'python')], {
      cwd: work,
      env: OFFLINE,
      timeout: 180_000,
    });
  }, 240_000);

  it('is installed as a typed package, not read from the repository', async () => {
    const { stdout } = await run(
      python,
      [
        '-c',
        'import procure_core, os; d = os.path.dirname(procure_core.__file__); print(d); print(os.path.exists(os.path.join(d, "py.typed")))',
      ],
      { cwd: work, env: { ...process.env, PYTHONPATH: '' } },
    );
    const [location, typed] = stdout.trim().split('\n');
    expect(location).toContain(join(work, 'venv'));
    expect(typed).toBe('True');
  });

  it('creates and reads an intent against the local runtime', async () => {
    const script = `
import json
from procure_core import ProcureClient
client = ProcureClient(app_id='${DEV_APP_ID}', app_secret='${DEV_APP_SECRET}', base_url='${runtime.url}')
intent = client.intents.create(user_id='pkg_user_py', platform='JD', product_url='https://item.jd.com/100012043978.html',
    title='京东商品', price=19.99, quantity=3, recipient_name='张三', address='北京市朝阳区望京SOHO T1 1001', phone='13800138000')
detail = client.intents.get(intent.id)
print(json.dumps({'id': intent.id, 'total': detail.total_amount, 'phone': detail.phone}))
`;
    writeFileSync(join(work, 'seed.py'), script);
    const { stdout } = await run(python, [join(work, 'seed.py')], {
      cwd: work,
      env: { ...process.env, PYTHONPATH: '' },
      timeout: 60_000,
    });
    const out = JSON.parse(stdout);
    expect(out.id).toMatch(/^intent_[0-9A-Z]{26}$/);
    expect(out.total).toBe(59.97);
    expect(out.phone).toBe('138****8000');
  });
});
