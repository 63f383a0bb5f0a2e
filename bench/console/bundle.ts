// What the console's first screen (the apps page, signed in) loads: the entry chunk, the apps page's chunk and
// every chunk they import statically, read from Vite's manifest and gzipped the way the local runtime serves them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ManifestChunk {
  file: string;
  imports?: string[];
}

export const FIRST_SCREEN_PAGE = 'src/pages/Apps/index.tsx';

export function firstScreenJs(distDir: string, page = FIRST_SCREEN_PAGE) {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the console's build manifest`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) walk(imported);
  };
  walk('index.html');
  walk(page);
  const files = [...seen].map((key) => manifest[key]!.file).filter((file) => file.endsWith('.js'));
  const sizes = files.map((file) => {
    const raw = readFileSync(join(distDir, file));
    return { file, bytes: raw.length, gzipBytes: gzipSync(raw, { level: 9 }).length };
  });
  return {
    files: sizes.length,
    bytes: sizes.reduce((sum, s) => sum + s.bytes, 0),
    gzipBytes: sizes.reduce((sum, s) => sum + s.gzipBytes, 0),
    largest: sizes.sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 5),
  };
}
