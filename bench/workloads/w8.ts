/* W8 sign-in with a second factor (issue 14): POST /v1/auth/sign-in answering next: "mfa" and a
   pending session, then POST /v1/auth/mfa/verify with the authenticator code (the TOTP secret
   decrypted through the keyring, the code matched, its step recorded atomically against replay,
   the session completed and audited), against sign-in alone (accounts without a second factor)
   on the same server, same driver, same concurrency. Figure: completed sign-ins per second.
   A TOTP code works once per account and 30-second step (RFC 6238 §5.2, enforced by Palisade),
   so the load generator (bench/servers/flow-driver.ts) holds many enrolled accounts and never
   uses one twice in a step; the step each account used last carries over between rounds. The
   accounts are written directly (one shared argon2id hash, like the W7 seed) with their TOTP
   secrets sealed through Palisade's keyring under the bench's KEK (enrolling 2,400 accounts
   through the API took minutes on a loaded machine); the first account's sign-in checks the
   fixture before anything is measured. */
import postgres from 'postgres';
import type { Ctx } from '../lib/context.js';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { appendAudit } from '../../src/audit/index.js';
import { createKeyring } from '../../src/crypto/keyring.js';
import { localKekProvider, staticKekSet } from '../../src/crypto/index.js';
import { createDb, withOrg } from '../../src/db/index.js';
import type { OrgId } from '../../src/lib/ids.js';
import { flowTarget, runFlow, type FlowResult } from '../lib/flow.js';
import { compare, type Target } from '../lib/measure.js';
import { BENCH_KEK, missingRoutes } from '../lib/palisade.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';
import { createPasswordHasher, OWASP_DEFAULTS } from '../../src/identity/passwords.js';
import { newId } from '../../src/lib/ids.js';
import { signInConnections } from './w3.js';
import { systemUrl } from './w6.js';

const GOAL: Goal = { on: 'ratio', min: 0.85, text: '≥ 0.85× sign-in alone' };
const PASSWORD = 'bench-Password-w8-correct-horse-battery';

interface Account { email: string; password: string; totpHex?: string }

async function seedAccounts(ownerUrl: string, prefix: string, n: number): Promise<Array<Account & { id: string }>> {
  const hasher = await createPasswordHasher(OWASP_DEFAULTS);
  const hash = await hasher.hash(PASSWORD);
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const orgId = newId('org');
  const accounts = Array.from({ length: n }, (_, i) => ({ id: newId('usr'), email: `${prefix}${i}@w8.bench.example` }));
  try {
    await sql.begin(async (tx) => {
      await tx`insert into orgs (id, name) values (${orgId}, ${`W8 ${prefix}`})`;
      for (let i = 0; i < accounts.length; i += 1000) {
        const chunk = accounts.slice(i, i + 1000);
        await tx`insert into users ${tx(chunk.map((a) => ({ id: a.id, email: a.email, email_key: a.email, name: a.email, password_hash: hash, password_changed_at: new Date(), email_verified_at: new Date() })))}`;
        await tx`insert into memberships ${tx(chunk.map((a) => ({ org_id: orgId, user_id: a.id, roles: ['viewer'] })))}`;
      }
    });
  } finally {
    await sql.end();
  }
  return accounts.map((a) => ({ id: a.id, email: a.email, password: PASSWORD }));
}

/** Gives each account an authenticator app as a confirmed enrolment leaves it: a random 20-byte
    secret, sealed by the keyring under the account's own data key, bound to (platform,
    mfa_totp, secret, user id) as Palisade's MFA service seals it, and no step used yet. */
async function enrolDirect(ctx: Ctx, accounts: Array<Account & { id: string }>): Promise<void> {
  const sys = await systemUrl(ctx.palisadeDbUrl);
  if (!sys) throw new Error('W8: no palisade_system secret');
  const db = createDb({ appUrl: ctx.template.appUrl(ctx.palisadeDbUrl), systemUrl: sys, appMax: 4 });
  const keyring = createKeyring({ record: appendAudit, db, keks: staticKekSet(localKekProvider(Buffer.from(BENCH_KEK, 'base64'))) });
  const owner = postgres(ctx.palisadeDbUrl, { max: 4, onnotice: () => {} });
  try {
    // Chunks of 50 accounts, 4 transactions at a time (each account gets its own data key: a
    // few statements each, so this is round-trip bound).
    const chunks: Array<Array<Account & { id: string }>> = [];
    for (let i = 0; i < accounts.length; i += 50) chunks.push(accounts.slice(i, i + 50));
    let next = 0;
    await Promise.all(Array.from({ length: 4 }, async () => {
      for (let k = next++; k < chunks.length; k = next++) {
        const chunk = chunks[k] as Array<Account & { id: string }>;
        const rows: Array<{ user_id: string; secret: Buffer; confirmed_at: Date; created_at: Date }> = [];
        await withOrg(db, 'platform' as OrgId, { type: 'system', id: 'bench' }, async (tx) => {
          for (const a of chunk) {
            const secret = randomBytes(20);
            a.totpHex = secret.toString('hex');
            rows.push({ user_id: a.id, secret: await keyring.encryptField(tx, { table: 'mfa_totp', column: 'secret', rowId: a.id }, secret, { subjectId: a.id }), confirmed_at: new Date(), created_at: new Date() });
          }
        });
        await owner`insert into mfa_totp ${owner(rows)}`;
      }
    }));
  } finally {
    await owner.end();
    await db.close();
  }
}

/** A discoverable ES256 passkey per account, written as a registration stores it (COSE public
    key, counter 0, backed up: a synced passkey). The private key stays with the load generator. */
async function seedPasskeys(ownerUrl: string, accounts: Array<{ id: string }>): Promise<Array<{ userId: string; credentialId: string; privateKeyPem: string }>> {
  const out: Array<{ userId: string; credentialId: string; privateKeyPem: string }> = [];
  const rows = accounts.map((a) => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const x = Buffer.from(jwk.x ?? '', 'base64url');
    const y = Buffer.from(jwk.y ?? '', 'base64url');
    // COSE_Key {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y}, CBOR-encoded.
    const cose = Buffer.concat([Buffer.from([0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20]), x, Buffer.from([0x22, 0x58, 0x20]), y]);
    const credentialId = randomBytes(16);
    out.push({ userId: a.id, credentialId: credentialId.toString('base64url'), privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() });
    return { id: newId('pk'), user_id: a.id, credential_id: credentialId, public_key: cose, sign_count: 0, transports: ['internal', 'hybrid'], name: 'bench passkey', aaguid: '00000000-0000-0000-0000-000000000000', device_type: 'multiDevice', backed_up: true, created_at: new Date() };
  });
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  try {
    await sql`insert into webauthn_credentials ${sql(rows)}`;
  } finally {
    await sql.end();
  }
  return out;
}

export async function w8(ctx: Ctx): Promise<Row[]> {
  const workload = 'W8 sign-in + TOTP vs sign-in alone';
  const unit = 'sign-ins/s';
  const ours = 'Palisade sign-in + TOTP second step';
  const alone = 'Palisade sign-in alone (no second factor)';
  const skip = ctx.palisadeSkip ?? missingRoutes(ctx.palisadeRoutes, ['POST /v1/auth/sign-in', 'POST /v1/me/mfa/totp', 'POST /v1/me/mfa/totp/confirm', 'POST /v1/auth/mfa/verify']);
  if (skip || !ctx.palisade) return [skippedRow(workload, unit, skip ?? 'Palisade not available', GOAL, { ours, baseline: alone })];
  const server = ctx.palisade;
  const c = signInConnections(ctx);
  // Enough accounts that no round waits for the next step: a full run makes ≤ ~2,000 TOTP
  // sign-ins in its ~17 s of load; accounts used in one step are free again in the next.
  const enrolled = ctx.smoke ? 60 : 2400;
  const t0 = performance.now();
  const totpAccounts = await seedAccounts(ctx.palisadeDbUrl, 'totp', enrolled);
  const plainAccounts = (await seedAccounts(ctx.palisadeDbUrl, 'plain', 16)).map(({ email, password }) => ({ email, password }));
  await enrolDirect(ctx, totpAccounts);
  const lastStep = totpAccounts.map(() => -1);
  ctx.log(`  ${enrolled} accounts with an authenticator app written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // The fixture must be what a real enrolment leaves: the first account signs in with a code.
  const check = await runFlow({ kind: 'signin', url: server.url, concurrency: 1, users: totpAccounts.slice(0, 1), lastStep: lastStep.slice(0, 1) }, 0.01);
  if (check.ok !== 1) throw new Error(`W8: the seeded authenticator app does not sign in (${JSON.stringify(check.statusCodes)})`);
  lastStep[0] = check.lastStep?.[0] ?? lastStep[0] as number;
  const passkeyUsers = await seedPasskeys(ctx.palisadeDbUrl, await seedAccounts(ctx.palisadeDbUrl, 'passkey', ctx.smoke ? 10 : 100));
  const passkeyCheck = await runFlow({ kind: 'passkey', url: server.url, concurrency: 1, users: passkeyUsers.slice(0, 1) }, 0.01);
  const passkeySkip = passkeyCheck.ok === 1 ? null : `the seeded passkey does not sign in (${JSON.stringify(passkeyCheck.statusCodes)})`;
  if (passkeySkip) ctx.log(`  ${passkeySkip}`);
  let starved = 0;
  const targets: Target[] = [
    flowTarget(ours, server.pid, () => ({ kind: 'signin', url: server.url, concurrency: c, users: totpAccounts.map(({ email, password, totpHex }) => ({ email, password, totpHex })), lastStep }), (r: FlowResult) => {
      r.lastStep?.forEach((s, i) => { if (s > (lastStep[i] as number)) lastStep[i] = s; });
      starved += r.starved ?? 0;
    }),
    flowTarget(alone, server.pid, () => ({ kind: 'signin', url: server.url, concurrency: c, users: plainAccounts })),
  ];
  const passkey = 'Palisade passwordless passkey sign-in (ES256)';
  if (!passkeySkip) targets.push(flowTarget(passkey, server.pid, () => ({ kind: 'passkey', url: server.url, concurrency: c, users: passkeyUsers })));
  const m = await compare(targets, ctx.plan, ctx.log);
  const o = m.find((x) => x.label === ours);
  const b = m.find((x) => x.label === alone);
  if (!o || !b) throw new Error('W8: missing measurement');
  const row = makeRow({ workload, unit, ours: o, baseline: b, goal: GOAL }, !ctx.smoke);
  row.note = `${enrolled} accounts with an authenticator app, each code used once per 30-s step; ${starved} flow starts found every account's step used (waited 20 ms)`;
  const pkWorkload = 'W8 passkey sign-in (reference: vs password sign-in alone)';
  const pk = m.find((x) => x.label === passkey);
  const pkRow = pk ? makeRow({ workload: pkWorkload, unit, ours: pk, baseline: b, goal: null }, !ctx.smoke) : skippedRow(pkWorkload, unit, passkeySkip ?? 'not measured', null, { ours: passkey, baseline: alone }, b);
  pkRow.note = 'options (challenge bound to the browser) + assertion verified by @simplewebauthn/server, session issued; Better Auth\'s passkey plugin not compared (see bench/README.md)';
  return [row, pkRow];
}
