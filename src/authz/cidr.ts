/* Parsing for API key IP allow-lists. Only the syntax is checked here (node:net decides what an
   address is); containment is PostgreSQL's `inet <<=`, evaluated in the key lookup itself, so
   there is no hand-written prefix arithmetic. An IPv4 client seen through an IPv6 socket
   (::ffff:a.b.c.d) is compared as IPv4, or an IPv4 allow-list would never match it. */
import { isIP } from 'node:net';

/** `addr` or `addr/prefix` → `addr/prefix`, or null when it is not an address or range. */
export function parseCidr(text: string): string | null {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const addr = normalizeIp(slash === -1 ? trimmed : trimmed.slice(0, slash));
  const version = isIP(addr);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  if (slash === -1) return `${addr}/${max}`;
  const prefixText = trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  return prefix <= max ? `${addr}/${prefix}` : null;
}

export function normalizeIp(ip: string): string {
  const m = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return m?.[1] ?? ip;
}
