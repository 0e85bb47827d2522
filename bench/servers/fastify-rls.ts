/* Baseline (a) for W1/W2/W7: bare Fastify + postgres.js running the members SELECT inside the
   same kind of RLS transaction Palisade uses (role palisade_app, FORCE RLS, palisade.org_id set
   locally), against the same database and rows — but with no authentication, no permission
   check and no audit record. The org is fixed by the environment. Also serves:
   - GET /hello: bare Fastify (a calibration figure: what this machine can do at all);
   - POST /mutate: the raw counterpart of W5's audited mutation (one UPDATE in an RLS
     transaction, no audit).
   env: DATABASE_URL (as palisade_app), ORG_ID, POOL_MAX, PORT (0 = any). */
import Fastify from 'fastify';
import postgres from 'postgres';

const orgId = process.env.ORG_ID ?? '';
const sql = postgres(process.env.DATABASE_URL ?? '', { max: Number(process.env.POOL_MAX ?? 10), onnotice: () => {} });
const app = Fastify({ logger: false });

app.get('/hello', async () => ({ hello: 'world' }));

app.get('/members', async () => {
  const items = await sql.begin(async (tx) => {
    await tx`select set_config('palisade.org_id', ${orgId}, true), set_config('palisade.actor', 'user:bench', true)`;
    return tx`
      select m.user_id, u.email, u.name, m.roles, m.created_at
        from memberships m join users u on u.id = m.user_id
       where m.org_id = ${orgId}
       order by m.created_at, m.user_id
       limit 100`;
  });
  return { items, nextCursor: null };
});

let n = 0;
app.post('/mutate', async () => {
  n++;
  await sql.begin(async (tx) => {
    await tx`select set_config('palisade.org_id', ${orgId}, true), set_config('palisade.actor', 'user:bench', true)`;
    await tx`update orgs set settings = jsonb_set(settings, '{bench}', to_jsonb(${n}::int)) where id = ${orgId}`;
  });
  return { ok: true };
});

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.stdout.write(`LISTENING ${JSON.stringify({ port: Number(new URL(address).port) })}\n`);
const stop = async () => {
  await app.close();
  await sql.end({ timeout: 5 });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
