/* Export download links are compared in constant time (the signature is an HMAC, service.ts). */
import { timingSafeEqual } from 'node:crypto';

export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
