import { describe, expect, it } from 'vitest';
import { createDetectors, parseMassReads, parseThreshold, type DetectorConfig, type DetectorDeps } from './anomalies.js';
import type { AuditRecord } from './canonical.js';
import { formatTimestamp } from './canonical.js';

const T0 = Date.parse('2030-01-01T00:00:00Z');
let n = 0;
function ev(over: Partial<AuditRecord> & { at?: number }): AuditRecord {
  const { at, ...rest } = over;
  return {
    id: `evt_${++n}`,
    orgId: 'org_a',
    occurredAt: formatTimestamp(new Date(at ?? T0)),
    action: 'test.thing.update',
    actor: { type: 'user', id: 'usr_1' },
    target: null,
    outcome: 'allowed',
    denyLayer: null,
    source: { ip: '203.0.113.9', userAgent: 'ua', requestId: null },
    reason: null,
    metadata: {},
    ...rest,
  };
}

const config: DetectorConfig = {
  bruteForce: parseThreshold('5/60'),
  credentialStuffing: parseThreshold('4/60'),
  deniedBurst: parseThreshold('3/10'),
  outboundFailures: parseThreshold('3/60'),
  massReads: parseMassReads('10x/20'),
  adminNewSourceDays: 30,
};

function detectors(over: Partial<DetectorDeps> = {}) {
  return createDetectors({
    config,
    readBaseline: async () => 1,
    priorSignIns: async () => ({ ips: new Set(['198.51.100.1']), userAgents: new Set(['old-browser']), count: 3 }),
    isAdmin: async () => true,
    ...over,
  });
}

async function feed(d: ReturnType<typeof detectors>, events: AuditRecord[]) {
  const out = [];
  for (const e of events) out.push(...(await d.evaluate(e)));
  return out;
}

const failedSignIn = (target: string, at: number, ip = '203.0.113.9'): AuditRecord =>
  ev({ action: 'auth.sign_in', outcome: 'failed', actor: { type: 'anonymous', id: null }, target: { type: 'user', id: target }, at, source: { ip, userAgent: 'x', requestId: null } });

describe('anomaly detectors (evaluated per record as it arrives)', () => {
  it('AUD-5: brute force — N failed sign-ins on one account within the window raise one alert', async () => {
    const d = detectors();
    // 4 failures spread beyond the window: nothing.
    expect(await feed(d, [0, 61, 122, 183].map((s) => failedSignIn('usr_v', T0 + s * 1000)))).toEqual([]);
    const burst = [200, 201, 202, 203].map((s) => failedSignIn('usr_v', T0 + s * 1000));
    const alerts = await feed(d, burst);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ detector: 'brute_force', subject: 'user:usr_v', severity: 'high', orgId: 'org_a' });
    expect(alerts[0]!.eventIds).toHaveLength(5);
    // The attack goes on inside the cooldown: no second alert; after the window, a new one.
    expect(await feed(d, [204, 205].map((s) => failedSignIn('usr_v', T0 + s * 1000)))).toEqual([]);
    expect(await feed(d, [300, 301, 302, 303, 304].map((s) => failedSignIn('usr_v', T0 + s * 1000)))).toHaveLength(1);
    // Successful sign-ins never count.
    const ok = await feed(detectors(), Array.from({ length: 10 }, (_, i) => ev({ action: 'auth.sign_in', at: T0 + i, target: { type: 'user', id: 'usr_w' } })));
    expect(ok.filter((a) => a.detector === 'brute_force')).toEqual([]);
  });

  it('AUD-5: a locked account raises an alert in each log its lockout record is in; rate-limited and locked refusals count as brute force', async () => {
    const d = detectors();
    const lockout = (org: string, at: number) => ev({ orgId: org, action: 'auth.lockout', at, outcome: 'denied', denyLayer: 'lockout', actor: { type: 'system', id: null }, target: { type: 'user', id: 'usr_l' }, reason: '5 consecutive failed sign-ins', metadata: { lockedUntil: '2030-01-01T00:15:00.000Z' } });
    const alerts = await feed(d, [lockout('org_a', T0), lockout('org_b', T0), lockout('platform', T0)]);
    expect(alerts.map((a) => [a.orgId, a.detector, a.subject])).toEqual([['org_a', 'account_locked', 'user:usr_l'], ['org_b', 'account_locked', 'user:usr_l'], ['platform', 'account_locked', 'user:usr_l']]);
    // The same account locked again within the window is the same attack: no second alert.
    expect(await feed(d, [lockout('org_a', T0 + 1000)])).toEqual([]);
    const refused = (layer: string, i: number) => ev({ action: 'auth.sign_in', at: T0 + i * 1000, outcome: 'denied', denyLayer: layer, actor: { type: 'user', id: 'usr_r' }, target: { type: 'user', id: 'usr_r' } });
    const bf = await feed(detectors(), [refused('lockout', 1), refused('lockout', 2), refused('rate_limit', 3), refused('rate_limit', 4), refused('rate_limit', 5)]);
    expect(bf.map((a) => a.detector)).toEqual(['brute_force']);
  });

  it('AUD-5: credential stuffing — failed sign-ins on many accounts from one IP', async () => {
    const d = detectors();
    const few = await feed(d, ['a', 'b', 'c'].map((u, i) => failedSignIn(u, T0 + i * 1000, '192.0.2.66')));
    expect(few).toEqual([]);
    // The same three accounts again: still three distinct accounts.
    expect(await feed(d, ['a', 'b', 'c'].map((u, i) => failedSignIn(u, T0 + 5000 + i, '192.0.2.66')))).toEqual([]);
    const alerts = await feed(d, [failedSignIn('d', T0 + 9000, '192.0.2.66')]);
    expect(alerts).toEqual([expect.objectContaining({ detector: 'credential_stuffing', subject: 'ip:192.0.2.66' })]);
    // Other IPs are independent; unknown addresses (email digests) count as accounts too.
    const other = await feed(detectors(), ['p', 'q', 'r', 's'].map((u, i) =>
      ev({ action: 'auth.sign_in', outcome: 'failed', actor: { type: 'anonymous', id: null }, target: { type: 'email', id: u }, at: T0 + i, source: { ip: '192.0.2.7', userAgent: null, requestId: null } })));
    expect(other.map((a) => a.detector)).toEqual(['credential_stuffing']);
  });

  it('AUD-5: admin sign-in from a new IP and a new user agent', async () => {
    const signIn = (ip: string, ua: string) => ev({ action: 'auth.sign_in', outcome: 'allowed', target: { type: 'user', id: 'usr_1' }, source: { ip, userAgent: ua, requestId: null } });
    expect(await detectors().evaluate(signIn('203.0.113.200', 'new-browser'))).toEqual([
      expect.objectContaining({ detector: 'admin_new_source', subject: 'user:usr_1', severity: 'high' }),
    ]);
    // Known IP, or known user agent: not both new, no alert.
    expect(await detectors().evaluate(signIn('198.51.100.1', 'new-browser'))).toEqual([]);
    expect(await detectors().evaluate(signIn('203.0.113.200', 'old-browser'))).toEqual([]);
    // Not an admin, or no history at all: no alert.
    expect(await detectors({ isAdmin: async () => false }).evaluate(signIn('203.0.113.200', 'new-browser'))).toEqual([]);
    expect(await detectors({ priorSignIns: async () => ({ ips: new Set(), userAgents: new Set(), count: 0 }) }).evaluate(signIn('203.0.113.200', 'new-browser'))).toEqual([]);
  });

  it('AUD-5: mass reads above the organisation baseline', async () => {
    let asked = 0;
    const d = detectors({ readBaseline: async () => { asked++; return 3; } }); // limit = max(20, 10 × 3) = 30
    const reads = Array.from({ length: 30 }, (_, i) => ev({ action: 'vault.file.download', at: T0 + i * 1000 }));
    expect(await feed(d, reads)).toEqual([]);
    const alerts = await feed(d, [ev({ action: 'vault.record.list', at: T0 + 31_000 })]);
    expect(alerts).toEqual([expect.objectContaining({ detector: 'mass_reads', subject: 'org:org_a' })]);
    expect(alerts[0]!.details).toMatchObject({ readsLastHour: 31, baselinePerHour: 3 });
    // The baseline is fetched only past the minimum, and once per hour.
    expect(asked).toBe(1);
    // Writes never count as reads; an hour later the window has emptied.
    expect(await feed(d, Array.from({ length: 40 }, (_, i) => ev({ action: 'vault.file.update', at: T0 + 40_000 + i })))).toEqual([]);
    expect(await feed(d, [ev({ action: 'vault.file.download', at: T0 + 2 * 3_600_000 })])).toEqual([]);
  });

  it('AUD-5: bursts of denied requests from one API key', async () => {
    const d = detectors();
    const denied = (key: string, at: number) => ev({ action: 'authz.denied', outcome: 'denied', denyLayer: 'org_role', actor: { type: 'api_key', id: key }, at });
    expect(await feed(d, [denied('key_1', T0), denied('key_2', T0 + 1), denied('key_1', T0 + 2)])).toEqual([]);
    expect(await feed(d, [denied('key_1', T0 + 3)])).toEqual([expect.objectContaining({ detector: 'denied_burst', subject: 'api_key:key_1' })]);
    // Denials of users are not this detector's business.
    expect(await feed(detectors(), Array.from({ length: 5 }, (_, i) => ev({ action: 'authz.denied', outcome: 'denied', at: T0 + i })))).toEqual([]);
  });

  it('AUD-5: outbound call failures', async () => {
    const d = detectors();
    const fail = (at: number) => ev({ action: 'webhooks.delivery.attempt', outcome: 'failed', actor: { type: 'system', id: null }, target: { type: 'webhook_endpoint', id: 'whe_1' }, at });
    expect(await feed(d, [fail(T0), fail(T0 + 1000)])).toEqual([]);
    expect(await feed(d, [ev({ action: 'outbound.http.call', outcome: 'allowed', at: T0 + 1500 })])).toEqual([]);
    expect(await feed(d, [fail(T0 + 2000)])).toEqual([expect.objectContaining({ detector: 'outbound_failures', subject: 'org:org_a' })]);
  });

  it('replay fills the windows without raising, and suppress restores cooldowns', async () => {
    const d = detectors();
    for (let i = 0; i < 4; i++) d.replay(failedSignIn('usr_r', T0 + i));
    expect(await d.evaluate(failedSignIn('usr_r', T0 + 10))).toEqual([expect.objectContaining({ detector: 'brute_force' })]);
    const d2 = detectors();
    d2.suppress('brute_force', 'org_a', 'user:usr_s', T0 + 60_000);
    expect(await feed(d2, Array.from({ length: 6 }, (_, i) => failedSignIn('usr_s', T0 + i)))).toEqual([]);
  });

  it('parses thresholds strictly', () => {
    expect(parseThreshold('10/900')).toEqual({ count: 10, windowSeconds: 900 });
    expect(parseMassReads('2.5x/100')).toEqual({ factor: 2.5, minimum: 100 });
    expect(() => parseThreshold('10')).toThrow(TypeError);
    expect(() => parseMassReads('10/100')).toThrow(TypeError);
  });
});

describe('read classification', () => {
  it('counts the read actions other modules write, and no writes', async () => {
    const { isRead } = await import('./anomalies.js');
    for (const a of ['members.read', 'api_key.listed', 'role.listed', 'integration.credential_decrypted', 'vault.file.download', 'audit.events.export', 'audit.events.list']) expect(isRead(a)).toBe(true);
    for (const a of ['org.rename', 'integration.connected', 'auth.sign_in', 'vault.file.update', 'role.deleted']) expect(isRead(a)).toBe(false);
  });
});
