/* `palisade sessions revoke (--user <email|usr_id> | --all) --reason <text>`: the platform-wide
   session kill for incident response (ASVS V7.4.5). Every running node drops the sessions at
   commit (identity/platform-revoke.ts). Exit 0 done, 1 no such user, 2 usage. */
import { parseArgs } from 'node:util';
import type { Db } from '../db/index.js';
import { cliDatabase } from './database.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { revokeSessionsPlatformWide } from '../identity/index.js';

export interface SessionsCliContext {
  db?: Db;
  clock?: Clock;
  out?: { write(s: string): unknown };
  err?: { write(s: string): unknown };
}

const USAGE = `Usage: palisade sessions revoke (--user <email|usr_id> | --all) --reason <text>

  --user <who>     every session of this user, in every organisation
  --all            every session of every user (all must sign in again)
  --reason <text>  why (kept in the audit log)
`;

export async function runSessionsCommand(argv: string[], ctx: SessionsCliContext = {}): Promise<number> {
  const out = ctx.out ?? process.stdout;
  const err = ctx.err ?? process.stderr;
  const [sub, ...rest] = argv;
  let values: { user?: string | undefined; all?: boolean | undefined; reason?: string | undefined };
  try {
    if (sub !== 'revoke') throw new Error(sub ? `unknown subcommand '${sub}'` : 'a subcommand is needed');
    ({ values } = parseArgs({ args: rest, options: { user: { type: 'string' }, all: { type: 'boolean' }, reason: { type: 'string' } }, strict: true, allowPositionals: false }));
    if (Boolean(values.user) === Boolean(values.all)) throw new Error('give exactly one of --user and --all');
    if (!values.reason?.trim()) throw new Error('--reason is required');
  } catch (e) {
    err.write(`palisade sessions: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { db, close } = await cliDatabase(ctx.db);
  try {
    const target = values.all ? { all: true as const } : { user: values.user ?? '' };
    const r = await revokeSessionsPlatformWide(db, ctx.clock ?? systemClock, target, values.reason ?? '');
    if ('user' in target && !r.userId) {
      err.write(`palisade sessions revoke: no user ${target.user}\n`);
      return 1;
    }
    out.write(`revoked ${r.revoked} session(s)${r.userId ? ` of ${r.userId}` : ' platform-wide'}\n`);
    return 0;
  } finally {
    await close();
  }
}
