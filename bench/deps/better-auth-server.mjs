// Baseline (b): a Better Auth server with its organization plugin and email+password sign-in,
// on the same PostgreSQL cluster as Palisade (its own database), run as a separate process.
// Configuration is Better Auth's defaults except what a benchmark needs to be fair and quiet:
// rate limiting off (Palisade's limits are relaxed the same way in the bench), telemetry off,
// and the request origin trusted. Served by node:http through Better Auth's own Node handler
// (lighter than Fastify, so this favours the baseline, never Palisade).
// Plain JavaScript because better-auth lives in bench/deps, outside the main package.
//
// env: DATABASE_URL (owner of an empty database), PORT, BENCH_USERS (JSON: [{email,password,name}];
// the first user owns one organisation, every user is a member of it).
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { betterAuth } from 'better-auth';
import { organization } from 'better-auth/plugins/organization';
import { toNodeHandler } from 'better-auth/node';
import { getMigrations } from 'better-auth/db/migration';

const port = Number(process.env.PORT);
const baseURL = `http://127.0.0.1:${port}`;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) });

const auth = betterAuth({
  baseURL,
  secret: randomBytes(32).toString('base64url'),
  database: pool,
  emailAndPassword: { enabled: true },
  plugins: [organization()],
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
  trustedOrigins: [baseURL],
  logger: { level: 'error' },
});

const { runMigrations } = await getMigrations(auth.options);
await runMigrations();

// Seed the organisation once: sign-up through Better Auth's own API (its scrypt hashing).
const users = JSON.parse(process.env.BENCH_USERS ?? '[]');
const ids = [];
for (const u of users) {
  const r = await auth.api.signUpEmail({ body: { email: u.email, password: u.password, name: u.name } });
  ids.push(r.user.id);
}
let orgId = null;
if (ids.length) {
  const org = await auth.api.createOrganization({ body: { name: 'Bench Org', slug: `bench-${randomBytes(4).toString('hex')}`, userId: ids[0] } });
  orgId = org.id;
  for (const id of ids.slice(1)) {
    await auth.api.addMember({ body: { userId: id, organizationId: orgId, role: 'member' } });
  }
}

const handler = toNodeHandler(auth);
const server = createServer((req, res) => {
  if (req.url?.startsWith('/api/auth/')) return handler(req, res);
  res.writeHead(404).end();
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${JSON.stringify({ port, orgId })}\n`);
});
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
