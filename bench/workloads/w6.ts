/* W6 envelope crypto: placeholder replaced once the crypto module's keyring lands. */
import type { Ctx } from '../lib/context.js';
import { skippedRow, type Row } from '../lib/report.js';

export async function w6(_ctx: Ctx): Promise<Row[]> {
  return [skippedRow('W6 envelope encrypt+decrypt 1 KiB vs raw AES-256-GCM', 'ops/s', 'pending', { on: 'ratio', min: 0.7, text: '≥ 0.7× raw' }, { ours: 'crypto module', baseline: 'node:crypto' })];
}
