/* Log injection (ASVS V16.4.1): whatever a client puts in a value that reaches a log line —
   CR/LF, a forged JSON record, ANSI escapes, U+2028 — the line stays one JSON record whose
   fields are what the code set, and the forged record never appears as a line of its own. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubTokens } from './logger.js';

describe('log lines', () => {
  it('V16.4.1: hostile values (CR/LF, a forged record, ANSI escapes, line separators) stay inside one JSON line', () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk: Buffer, _e, cb) { lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)); cb(); } });
    const logger = createLogger('info', { stream: stream as never, scrub: [scrubTokens] });
    const forged = '{"level":60,"msg":"admin signed in","userId":"usr_admin"}';
    const hostile = [`alice\r\n${forged}`, `bob\n${forged}\n`, 'carol\u001b[2J\u001b[31mFAKE', `dave\u2028${forged}\u2029`, `eve\r${forged}`];
    for (const ua of hostile) logger.info({ userAgent: ua, path: `/v1/x\n${forged}` }, `request refused for ${ua}`);
    expect(lines).toHaveLength(hostile.length);
    for (const [i, line] of lines.entries()) {
      const record = JSON.parse(line) as Record<string, unknown>;
      expect(record.userAgent).toBe(hostile[i]);
      expect(record.level).toBe(30);
      expect(line).not.toMatch(/[\r\n\u001b]/);
    }
    expect(lines.some((l) => l.startsWith('{"level":60'))).toBe(false);
  });
});
