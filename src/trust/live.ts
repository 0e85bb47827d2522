/* Live checks of the `configured` claims against the running deployment: each claim is shown
   in force only when the check observed it, never because a setting says so.
   - ENC-1 (HTTPS with HSTS): the public URL is https, and a request over TLS to the deployment
     gets Strict-Transport-Security with max-age ≥ 1 year, includeSubDomains and preload. When
     Palisade serves TLS itself (PALISADE_TLS_CERT) the request goes to its own listener on
     loopback; behind a TLS-terminating proxy it goes to the public URL, certificate validated.
   - ENC-2 (TLS 1.2 minimum): a TLS 1.2+ handshake succeeds and a TLS 1.1 one is refused. The
     probe offers TLS 1.1 with OpenSSL's security level 0, so the refusal is the server's, not
     the probe's own client policy.
   - AUD-4 (audit retention ≥ 3 years): AUDIT_RETENTION_DAYS as the retention job reads it.
   - PRIV-9 (residency and subprocessors published): both configured ("none" counts as stated).
   - IR-2 (security.txt with a contact and acknowledgement deadline): the served
     /.well-known/security.txt answers 200, names a Contact and an unexpired Expires.
   A check that cannot reach what it checks reports not in force, with the reason. */
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:tls';
import type { Config } from '../config/schema.js';

export interface LiveCheck {
  inForce: boolean;
  /** What was observed, in one sentence. */
  detail: string;
}

export interface Listener {
  host: string;
  port: number;
}

export interface LiveContext {
  config: Config;
  now: Date;
  /** This node's own listener (null when not listening, e.g. in-process tests). */
  listener: Listener | null;
  /** GET a path of this deployment in-process (the served route, headers included). */
  get(path: string): Promise<{ status: number; body: string }>;
  timeoutMs?: number;
}

const YEAR_SECONDS = 31_536_000;

export function hstsMeetsClaim(value: string | undefined): boolean {
  if (!value) return false;
  const parts = value.split(';').map((p) => p.trim().toLowerCase());
  const maxAge = parts.map((p) => /^max-age=(\d+)$/.exec(p)).find((m) => m)?.[1];
  return maxAge !== undefined && Number(maxAge) >= YEAR_SECONDS && parts.includes('includesubdomains') && parts.includes('preload');
}

interface Target { host: string; port: number; servername: string; validate: boolean; label: string }

function tlsTarget(config: Config, listener: Listener | null): Target | { error: string } {
  const pub = new URL(config.PALISADE_PUBLIC_URL);
  if (pub.protocol !== 'https:') return { error: `the public URL is ${pub.origin}: pages and the API are served without TLS` };
  if (config.PALISADE_TLS_CERT) {
    if (!listener) return { error: 'this node is not listening, so its TLS could not be checked' };
    return { host: listener.host, port: listener.port, servername: pub.hostname, validate: false, label: `this node's listener (port ${listener.port})` };
  }
  return { host: pub.hostname, port: Number(pub.port || 443), servername: pub.hostname, validate: true, label: pub.origin };
}

function handshake(t: Target, versions: { min: 'TLSv1' | 'TLSv1.2'; max: 'TLSv1.1' | 'TLSv1.3' }, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: t.host, port: t.port, servername: /^[\d.:]+$/.test(t.servername) ? undefined : t.servername,
      rejectUnauthorized: t.validate && versions.max !== 'TLSv1.1', minVersion: versions.min, maxVersion: versions.max,
      ...(versions.max === 'TLSv1.1' ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}),
    }, () => {
      const v = socket.getProtocol() ?? '';
      socket.end();
      resolve(v);
    });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('timed out')));
    socket.on('error', reject);
  });
}

function hstsOf(t: Target, timeoutMs: number): Promise<{ status: number; hsts: string | undefined; validTo: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({
      host: t.host, port: t.port, path: '/healthz', method: 'GET', servername: /^[\d.:]+$/.test(t.servername) ? undefined : t.servername,
      headers: { host: t.servername }, rejectUnauthorized: t.validate, timeout: timeoutMs, agent: false,
    }, (res) => {
      const cert = (res.socket as import('node:tls').TLSSocket).getPeerCertificate?.();
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'] as string | undefined, validTo: cert?.valid_to }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

async function checkEnc1(ctx: LiveContext): Promise<LiveCheck> {
  const t = tlsTarget(ctx.config, ctx.listener);
  if ('error' in t) return { inForce: false, detail: `Not in force: ${t.error}.` };
  try {
    const r = await hstsOf(t, ctx.timeoutMs ?? 5000);
    if (r.validTo && new Date(r.validTo).getTime() <= ctx.now.getTime()) return { inForce: false, detail: `Not in force: the certificate served by ${t.label} expired on ${r.validTo}.` };
    if (!hstsMeetsClaim(r.hsts)) return { inForce: false, detail: `Not in force: HTTPS from ${t.label} sent ${r.hsts ? `Strict-Transport-Security "${r.hsts}"` : 'no Strict-Transport-Security header'} (needed: max-age of a year or more, includeSubDomains, preload).` };
    return { inForce: true, detail: `HTTPS from ${t.label} sent Strict-Transport-Security "${r.hsts ?? ''}"${r.validTo ? `; certificate valid until ${r.validTo}` : ''}.` };
  } catch (e) {
    return { inForce: false, detail: `Not in force: HTTPS to ${t.label} failed (${(e as Error).message}).` };
  }
}

async function checkEnc2(ctx: LiveContext): Promise<LiveCheck> {
  const t = tlsTarget(ctx.config, ctx.listener);
  if ('error' in t) return { inForce: false, detail: `Not in force: ${t.error}.` };
  const timeout = ctx.timeoutMs ?? 5000;
  let modern: string;
  try {
    modern = await handshake(t, { min: 'TLSv1.2', max: 'TLSv1.3' }, timeout);
  } catch (e) {
    return { inForce: false, detail: `Not in force: a TLS 1.2+ handshake with ${t.label} failed (${(e as Error).message}).` };
  }
  try {
    const old = await handshake(t, { min: 'TLSv1', max: 'TLSv1.1' }, timeout);
    return { inForce: false, detail: `Not in force: ${t.label} accepted a ${old} handshake.` };
  } catch {
    return { inForce: true, detail: `${t.label} negotiated ${modern} and refused TLS 1.1.` };
  }
}

function checkAud4(config: Config): LiveCheck {
  const days = config.AUDIT_RETENTION_DAYS;
  return days >= 1095
    ? { inForce: true, detail: `Audit records are kept ${days} days before the retention job may delete them.` }
    : { inForce: false, detail: `Not in force: audit records are kept only ${days} days (AUDIT_RETENTION_DAYS), less than 3 years.` };
}

export interface Subprocessor { name: string; purpose: string; location: string }

export function subprocessors(config: Config): Subprocessor[] | null {
  const v = config.PALISADE_TRUST_SUBPROCESSORS;
  if (!v) return null;
  if (v === 'none') return [];
  return v.split('|').map((e) => {
    const [name = '', purpose = '', location = ''] = e.split(';').map((p) => p.trim());
    return { name, purpose, location };
  });
}

function checkPriv9(config: Config): LiveCheck {
  const subs = subprocessors(config);
  const missing = [config.PALISADE_TRUST_RESIDENCY ? null : 'PALISADE_TRUST_RESIDENCY', subs ? null : 'PALISADE_TRUST_SUBPROCESSORS'].filter(Boolean);
  if (missing.length) return { inForce: false, detail: `Not in force: the operator has not published ${missing.join(' and ')}.` };
  return { inForce: true, detail: `Data resides in ${config.PALISADE_TRUST_RESIDENCY ?? ''}; ${subs?.length ? `${subs.length} subprocessor${subs.length === 1 ? '' : 's'} listed` : 'no subprocessors'}.` };
}

async function checkIr2(ctx: LiveContext): Promise<LiveCheck> {
  const r = await ctx.get('/.well-known/security.txt');
  if (r.status !== 200) {
    let code = '';
    try {
      code = (JSON.parse(r.body) as { code?: string }).code ?? '';
    } catch { /* not problem+json */ }
    return { inForce: false, detail: `Not in force: /.well-known/security.txt answers ${r.status}${code ? ` (${code})` : ''}.` };
  }
  const expires = /^Expires: (.+)$/m.exec(r.body)?.[1];
  const contact = /^Contact: (.+)$/m.exec(r.body)?.[1];
  const ack = /acknowledged within (\d+) days?/.exec(r.body)?.[1];
  if (!contact || !expires || !ack) return { inForce: false, detail: 'Not in force: /.well-known/security.txt lacks a Contact, an Expires or the acknowledgement deadline.' };
  if (new Date(expires).getTime() <= ctx.now.getTime()) return { inForce: false, detail: `Not in force: security.txt expired on ${expires}.` };
  return { inForce: true, detail: `/.well-known/security.txt is served (Contact ${contact}, expires ${expires}); reports are acknowledged within ${ack} day${ack === '1' ? '' : 's'}.` };
}

/** Every live check, by claim id. */
export async function runLiveChecks(ctx: LiveContext): Promise<Record<string, LiveCheck>> {
  const [enc1, enc2, ir2] = await Promise.all([checkEnc1(ctx), checkEnc2(ctx), checkIr2(ctx)]);
  return { 'ENC-1': enc1, 'ENC-2': enc2, 'AUD-4': checkAud4(ctx.config), 'PRIV-9': checkPriv9(ctx.config), 'IR-2': ir2 };
}
