// Issue 19: every public message lives in the error table (shared/http/messages.ts, and ErrorCodes' defaults). A
// throw site that writes its own wording, in a string or a template, fails here with its file and line, so a message
// is changed in one place and the wire bodies the tests pin stay the table's.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const TABLE = ['shared/http/messages.ts', 'shared/http/errors.ts'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Every `message:` given a literal inside an ApiError or validationError call, and every Chinese literal there. */
function literalMessages(source: string): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  const call = /\b(?:new ApiError|validationError)\(/g;
  for (let m = call.exec(source); m; m = call.exec(source)) {
    // The call's arguments: up to the parenthesis that closes it.
    let depth = 0;
    let end = m.index + m[0].length - 1;
    for (; end < source.length; end++) {
      if (source[end] === '(') depth++;
      else if (source[end] === ')' && --depth === 0) break;
    }
    const args = source.slice(m.index, end + 1);
    const literal = /message:\s*['"`]|['"`][^'"`\n]*[\u4e00-\u9fff]/.exec(args);
    if (literal)
      found.push({ line: source.slice(0, m.index + literal.index).split('\n').length, text: literal[0].trim() });
  }
  return found;
}

describe('the error table', () => {
  const files = [...sources('shared'), ...sources('functions')].filter((f) => !TABLE.includes(f));

  it('scans the throw sites it guards', () => {
    const callers = files.filter((f) => /new ApiError\(|validationError\(/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(callers.length).toBeGreaterThan(20);
  });

  it('holds every public message: no ApiError or validationError is given a literal', () => {
    const offenders = files.flatMap((file) =>
      literalMessages(readFileSync(join(ROOT, file), 'utf8')).map(
        ({ line, text }) => `${relative(ROOT, join(ROOT, file))}:${line} ${text}`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('catches a literal message, a Chinese template and a literal field message', () => {
    expect(literalMessages("throw new ApiError('NOT_FOUND', { message: 'gone', reason: 'x' });")).toHaveLength(1);
    expect(literalMessages('new ApiError("FORBIDDEN", { message: `角色 ` + role })')).toHaveLength(1);
    expect(literalMessages("validationError([{ field: 'body', message: '至少一个' }], false)")).toHaveLength(1);
    expect(
      literalMessages("new ApiError('NOT_FOUND', { message: MESSAGES.appNotFound, reason: `no app ` + id })"),
    ).toEqual([]);
  });
});
