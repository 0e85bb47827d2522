import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalBytes, canonicalObject, formatTimestamp } from './canonical.js';
import type { AuditRecord } from './canonical.js';

const base: AuditRecord = {
  id: 'aud_1',
  orgId: 'org_a',
  occurredAt: '2025-01-02T03:04:05.123456Z',
  action: 'auth.sign_in',
  actor: { type: 'user', id: 'usr_1' },
  target: { type: 'session', id: 'ses_1' },
  outcome: 'allowed',
  denyLayer: null,
  source: { ip: '203.0.113.7', userAgent: 'curl/8', requestId: 'req_1' },
  reason: null,
  metadata: { b: 1, a: [true, null, 'x'] },
};

const text = (r: AuditRecord): string => Buffer.from(canonicalBytes(r)).toString('utf8');

describe('canonical record encoding (RFC 8785)', () => {
  it('AUD-2: encodes every field, with sorted keys, no whitespace and explicit nulls', () => {
    expect(text(base)).toBe(
      '{"action":"auth.sign_in","actor":{"id":"usr_1","type":"user"},"denyLayer":null,"id":"aud_1",' +
        '"metadata":{"a":[true,null,"x"],"b":1},"occurredAt":"2025-01-02T03:04:05.123456Z","orgId":"org_a",' +
        '"outcome":"allowed","reason":null,"source":{"ip":"203.0.113.7","requestId":"req_1","userAgent":"curl/8"},' +
        '"target":{"id":"ses_1","type":"session"},"v":1}',
    );
  });

  it('AUD-3: any change of any field changes the bytes', () => {
    const variants: AuditRecord[] = [
      { ...base, id: 'aud_2' },
      { ...base, orgId: 'org_b' },
      { ...base, occurredAt: '2025-01-02T03:04:05.123457Z' },
      { ...base, action: 'auth.sign_out' },
      { ...base, actor: { type: 'api_key', id: 'usr_1' } },
      { ...base, actor: { type: 'user', id: null } },
      { ...base, target: null },
      { ...base, target: { type: 'session', id: null } },
      { ...base, outcome: 'denied' },
      { ...base, denyLayer: 'org_role' },
      { ...base, source: { ...base.source, ip: '203.0.113.8' } },
      { ...base, source: { ...base.source, userAgent: null } },
      { ...base, source: { ...base.source, requestId: 'req_2' } },
      { ...base, reason: 'ticket 42' },
      { ...base, metadata: { b: 2, a: [true, null, 'x'] } },
    ];
    const all = new Set([text(base), ...variants.map(text)]);
    expect(all.size).toBe(variants.length + 1);
  });

  it('key order of the input does not matter; numbers use the ECMAScript form (JCS §3.2.2.3)', () => {
    const reordered = { ...base, metadata: { a: [true, null, 'x'], b: 1.0 } };
    expect(text(reordered)).toBe(text(base));
    expect(text({ ...base, metadata: { n: 1e21, m: 0.1, z: -0 } })).toContain('"metadata":{"m":0.1,"n":1e+21,"z":0}');
  });

  it('encodes a target with both parts null as null, and never fails on overflowing numbers', () => {
    expect(canonicalObject({ ...base, target: { type: null, id: null } }).target).toBeNull();
    expect(text({ ...base, metadata: { big: Infinity, small: -Infinity } })).toContain('"metadata":{"big":"Infinity","small":"-Infinity"}');
    expect(text({ ...base, metadata: JSON.parse('{"__proto__":{"x":1}}') as Record<string, unknown> })).toContain('"metadata":{"__proto__":{"x":1}}');
  });

  it('refuses a timestamp that is not RFC 3339 UTC with microseconds', () => {
    expect(() => canonicalBytes({ ...base, occurredAt: '2025-01-02T03:04:05.123Z' })).toThrow(TypeError);
    expect(() => canonicalBytes({ ...base, occurredAt: '2025-01-02T03:04:05.123456+01:00' })).toThrow(TypeError);
    expect(formatTimestamp(new Date('2025-01-02T03:04:05.123Z'))).toBe('2025-01-02T03:04:05.123000Z');
  });

  it('is deterministic and parses back to the same object (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (meta, reason) => {
        const r: AuditRecord = { ...base, reason, metadata: { m: meta } };
        const a = text(r);
        expect(text(r)).toBe(a);
        const parsed = JSON.parse(a) as { reason: string };
        expect(parsed.reason).toBe(reason);
      }),
      { numRuns: 200 },
    );
  });
});
