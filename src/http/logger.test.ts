import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, lazyRequestLogger, scrubTokens } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(c: Buffer, _e, cb) { lines.push(c.toString()); cb(); } });
  return { lines, logger: createLogger('info', { stream, scrub: [scrubTokens] }) };
}

describe('logger', () => {
  it('AUD-6: redacts credentials by path, card data anywhere, and token-shaped strings', () => {
    const { lines, logger } = capture();
    logger.info({ req: { headers: { authorization: 'Bearer pal_live_abc', cookie: '__Host-s=eyJ' } }, body: { password: 'hunter2hunter2hunter2', note: 'card 4111 1111 1111 1111' } }, 'paid with 5555555555554444');
    logger.info({ apiKey: 'x' }, 'leaked pal_live_0123456789abcdef in text and eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl');
    logger.error({ err: new Error('failed for card 4012888888881881') }, 'boom');
    const all = lines.join('');
    for (const secret of ['hunter2', '4111 1111', '5555555555554444', 'pal_live_abc', 'pal_live_0123456789abcdef', 'eyJhbGciOiJIUzI1NiJ9', '4012888888881881']) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('[redacted');
  });

  it('keeps ordinary numbers intact and every line valid JSON', () => {
    const { lines, logger } = capture();
    for (let i = 0; i < 2000; i++) logger.info({ responseTime: Math.random() * 100, time2: 1700000000000 + i, statusCode: 200 }, 'request completed');
    for (const l of lines) {
      const o = JSON.parse(l) as { responseTime: unknown };
      expect(typeof o.responseTime).toBe('number');
    }
  });

  it('AUD-6: the lazy per-request logger writes the same lines as a real child, and builds none when nothing is logged', () => {
    const lines: string[] = [];
    const stream = new Writable({ write(c: Buffer, _e, cb) { lines.push(c.toString()); cb(); } });
    const parent = createLogger('warn', { stream, scrub: [scrubTokens] });
    let children = 0;
    const realChild = parent.child.bind(parent);
    parent.child = ((b: Record<string, unknown>, o?: Record<string, unknown>) => {
      children++;
      return realChild(b, o);
    }) as typeof parent.child;
    const quiet = lazyRequestLogger(parent, { reqId: 'req_quiet' }, {});
    quiet.info({ note: 'below the level' }, 'not written');
    quiet.debug('nor this');
    expect(children).toBe(0);
    expect(quiet.isLevelEnabled('info')).toBe(false);
    expect(quiet.level).toBe('warn');
    const loud = lazyRequestLogger(parent, { reqId: 'req_loud' }, {});
    loud.warn({ req: { headers: { authorization: 'Bearer pal_live_secret' } }, card: '4111 1111 1111 1111' }, 'refused');
    loud.error('second line');
    expect(children).toBe(1);
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(first.reqId).toBe('req_loud');
    expect(first.msg).toBe('refused');
    expect(lines.join('')).not.toContain('pal_live_secret');
    expect(lines.join('')).not.toContain('4111 1111 1111 1111');
  });
});
