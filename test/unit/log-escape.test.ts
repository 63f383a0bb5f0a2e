// Request data cannot forge log lines (issue 17 item 14): the local runtime's access log and every string the
// Powertools logger writes escape control characters, line separators and bidi controls.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalServer } from '../../local/server';
import { escapeControlCharacters, escapingReplacer } from '../../shared/log-escape';
import { logger } from '../../shared/logger';

const HOSTILE = 'a\nforged line\r\u001b[2J\u0000\u0085\u2028\u202eb';
/** The raw characters that must never reach a log line from request data. */
const rawUnsafe = (text: string) =>
  ['\u0000', '\r', '\u001b', '\u0085', '\u2028', '\u202e'].filter((c) => text.includes(c));

describe('escaping', () => {
  it('writes every control character, line separator and bidi control as a visible escape', () => {
    expect(escapeControlCharacters(HOSTILE)).toBe('a\\u000aforged line\\u000d\\u001b[2J\\u0000\\u0085\\u2028\\u202eb');
    expect(escapeControlCharacters('普通文本 /api/v1/intents?x=1')).toBe('普通文本 /api/v1/intents?x=1');
  });

  it('keeps the line breaks of a stack trace only', () => {
    expect(escapingReplacer('stack', 'Error: x\u001b\n    at y')).toBe('Error: x\\u001b\n    at y');
    expect(escapingReplacer('reason', 'x\ny')).toBe('x\\u000ay');
    expect(escapingReplacer('n', 5)).toBe(5);
  });
});

describe('the Powertools logger', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    logger.resetKeys();
    logger.setLogLevel('SILENT'); // the unit project's level
  });

  it('escapes request data in keys, extra fields and error messages', () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    };
    // Powertools writes through its own Console on the process streams.
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      lines.push(String(chunk));
      return true;
    });
    for (const method of ['log', 'info', 'warn', 'error'] as const)
      vi.spyOn(console, method).mockImplementation(capture);
    logger.setLogLevel('INFO');
    logger.appendKeys({ claimed: HOSTILE });
    logger.info('request refused', { reason: HOSTILE });
    logger.warn('failed', { error: new Error(HOSTILE) });
    const text = lines.join('');
    expect(rawUnsafe(text)).toEqual([]);
    for (const line of text.trim().split('\n')) {
      const item = JSON.parse(line);
      expect(item.claimed).toBe('a\\u000aforged line\\u000d\\u001b[2J\\u0000\\u0085\\u2028\\u202eb');
    }
    expect(text).toContain('"reason":"a\\\\u000aforged line');
  });
});

describe('the local runtime access log', () => {
  it('escapes the decoded path, so %0A cannot forge a line', async () => {
    const lines: string[] = [];
    const server = createLocalServer({ log: (line) => lines.push(line) });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/x%0AGET%20/api/v1/forged%20200%200ms%1B[2J%E2%80%AE`);
      await res.arrayBuffer();
      await vi.waitFor(() => expect(lines).toHaveLength(1));
      expect(rawUnsafe(lines[0]!)).toEqual([]);
      expect(lines[0]).not.toContain('\n');
      expect(lines[0]).toContain('/api/v1/x\\u000aGET /api/v1/forged 200 0ms\\u001b[2J\\u202e');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
