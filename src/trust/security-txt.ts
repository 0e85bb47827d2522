/* /.well-known/security.txt (RFC 9116), generated from configuration: Contact, Expires, Policy,
   Preferred-Languages, Canonical, and the acknowledgement deadline (IR-2) as a comment (RFC 9116
   has no field for it). An expired file is refused, not served stale (RFC 9116 §2.5.5: a
   researcher must not trust it); from PALISADE_SECURITY_TXT_WARN_DAYS before, every start and
   the trust page warn. Not signed: an OpenPGP-signed variant needs the operator's key, which
   Palisade does not hold (docs/trust.md). */
import type { Config } from '../config/schema.js';

export interface SecurityTxtSettings {
  contact: string[];
  expires: Date | null;
  policy: string | null;
  languages: string;
  canonical: string;
  ackDays: number;
  warnDays: number;
  trustPage: string;
}

export type SecurityTxt =
  | { state: 'not_configured'; missing: string[]; settings: SecurityTxtSettings }
  | { state: 'expired'; expires: Date; settings: SecurityTxtSettings }
  | { state: 'ok'; text: string; expires: Date; expiringSoon: boolean; settings: SecurityTxtSettings };

export function securityTxtSettings(config: Config): SecurityTxtSettings {
  const base = config.PALISADE_PUBLIC_URL.replace(/\/+$/, '');
  return {
    contact: config.PALISADE_SECURITY_CONTACT ? config.PALISADE_SECURITY_CONTACT.split(',') : [],
    expires: config.PALISADE_SECURITY_TXT_EXPIRES ? new Date(config.PALISADE_SECURITY_TXT_EXPIRES) : null,
    policy: config.PALISADE_SECURITY_POLICY ?? null,
    languages: config.PALISADE_SECURITY_LANGUAGES.split(',').map((l) => l.trim()).join(', '),
    canonical: `${base}/.well-known/security.txt`,
    ackDays: config.PALISADE_SECURITY_ACK_DAYS,
    warnDays: config.PALISADE_SECURITY_TXT_WARN_DAYS,
    trustPage: `${base}/trust`,
  };
}

export function securityTxt(settings: SecurityTxtSettings, now: Date): SecurityTxt {
  const missing = [settings.contact.length ? null : 'PALISADE_SECURITY_CONTACT', settings.expires ? null : 'PALISADE_SECURITY_TXT_EXPIRES'].filter((m): m is string => m !== null);
  if (missing.length || !settings.expires) return { state: 'not_configured', missing, settings };
  const expires = settings.expires;
  if (expires.getTime() <= now.getTime()) return { state: 'expired', expires, settings };
  const lines = [
    `# Security contact of this Palisade deployment, generated from its configuration.`,
    `# Reports are acknowledged within ${settings.ackDays} day${settings.ackDays === 1 ? '' : 's'} (claim IR-2); see ${settings.trustPage}`,
    ...settings.contact.map((c) => `Contact: ${c}`),
    `Expires: ${expires.toISOString()}`,
    ...(settings.policy ? [`Policy: ${settings.policy}`] : []),
    `Preferred-Languages: ${settings.languages}`,
    `Canonical: ${settings.canonical}`,
  ];
  return { state: 'ok', text: `${lines.join('\n')}\n`, expires, expiringSoon: expires.getTime() - now.getTime() < settings.warnDays * 86_400_000, settings };
}
