// Builds console/dist when it is missing or older than its sources, so `npm start` from a clean clone serves the
// console without a separate step. One build at a time across processes (tests start several runtimes at once):
// the first takes console/dist.lock, the others wait for it to go and then find the build fresh.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = process.cwd();
export const CONSOLE_DIR = join(ROOT, 'console');
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');
const LOCK = join(CONSOLE_DIR, 'dist.lock');
/** What the build reads: the app, its config, the shared types and the installed dependency versions. */
const SOURCES = ['console/src', 'console/index.html', 'console/vite.config.ts', 'shared/console', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function consoleBuildIsCurrent(): boolean {
  const index = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.every((source) => newestMtime(join(ROOT, source)) <= built);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function takeLock(): Promise<boolean> {
  try {
    const handle = await open(LOCK, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(await readFile(LOCK, 'utf8').catch(() => ''));
    // A builder that died (killed test run) leaves its lock behind.
    if (holder && !alive(holder)) await rm(LOCK, { force: true });
    return false;
  }
}

let building: ChildProcess | undefined;

function runViteBuild(log: (line: string) => void): Promise<void> {
  return new Promise((done, fail) => {
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const child = spawn(process.execPath, [vite, 'build', '--config', 'console/vite.config.ts', '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    building = child;
    const output: string[] = [];
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code, signal) => {
      building = undefined;
      if (code === 0) done();
      else {
        log(output.join('').trim());
        fail(new Error(`console build failed (${signal ?? `exit ${code}`})`));
      }
    });
  });
}

/** Resolves once console/dist is current, building it here or waiting for another process's build. */
export async function ensureConsoleBuilt(log: (line: string) => void): Promise<void> {
  for (;;) {
    if (consoleBuildIsCurrent()) return;
    if (await takeLock()) {
      try {
        if (consoleBuildIsCurrent()) return;
        const started = Date.now();
        log('console: building console/dist (sources changed or no build yet)…');
        await runViteBuild(log);
        log(`console: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return;
      } finally {
        await rm(LOCK, { force: true });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Stops a build this process started (the runtime is stopping). */
export function stopConsoleBuild(): void {
  building?.kill('SIGTERM');
}
