/* Baseline for W10 (inbound): bare Fastify + postgres.js verifying a Stripe event with Stripe's
   own library (stripe.webhooks.constructEvent over the raw body, the same secret and 300 s
   tolerance as Palisade) and inserting its id with one INSERT, on the same database as
   Palisade's inbox — no transaction around it, no duplicate handling beyond the primary key,
   no audit record.
   env: DATABASE_URL, STRIPE_SECRET, POOL_MAX, PORT (0 = any). */
import Fastify from 'fastify';
import postgres from 'postgres';
import Stripe from 'stripe';

const secret = process.env.STRIPE_SECRET ?? '';
const sql = postgres(process.env.DATABASE_URL ?? '', { max: Number(process.env.POOL_MAX ?? 10), onnotice: () => {} });
await sql`create table if not exists bench_stripe_raw (id text primary key, type text not null, created timestamptz not null, received_at timestamptz not null default now())`;
const app = Fastify({ logger: false });
app.removeAllContentTypeParsers();
app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));

app.post('/stripe', async (request, reply) => {
  const sig = request.headers['stripe-signature'];
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(request.body as Buffer, typeof sig === 'string' ? sig : '', secret, 300);
  } catch {
    return reply.code(400).send({ error: 'bad signature' });
  }
  await sql`insert into bench_stripe_raw (id, type, created) values (${event.id}, ${event.type}, ${new Date(event.created * 1000)}) on conflict (id) do nothing`;
  return { received: true };
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
