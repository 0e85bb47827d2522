/* HTTP surface of the webhooks module. Thin: parse, call the service, shape the reply.
   POST /v1/inbound/stripe is public: its authority is the Stripe-Signature over the raw body,
   so it lives in a child plugin whose JSON parser keeps the bytes unparsed (a re-serialised
   body would not verify) and hands them to the inbox. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { StripeInbox } from './stripe.js';
import * as s from './schemas.js';

export interface WebhookRoutesOptions {
  stripe: StripeInbox;
  bodyLimit: number;
}

const rawBodies = new WeakMap<FastifyRequest['raw'], Buffer>();

export async function webhookRoutes(app: FastifyInstance, opts: WebhookRoutesOptions): Promise<void> {
  await app.register(async (inbound) => {
    inbound.removeAllContentTypeParsers();
    inbound.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: opts.bodyLimit }, (request, body, done) => {
      rawBodies.set(request.raw, body as Buffer);
      done(null, undefined);
    });
    const r = inbound.withTypeProvider<ZodTypeProvider>();
    r.post('/v1/inbound/stripe', {
      config: { access: 'public' },
      schema: {
        summary: 'Stripe webhook endpoint: verified with the Stripe-Signature header over the raw body, each event id processed exactly once',
        tags: ['webhooks'],
        consumes: ['application/json'],
        body: s.rawJson,
        response: { 200: s.stripeReceipt, ...s.problemsOf(400, 404, 413, 415) },
      },
    }, async (request) => {
      const raw = rawBodies.get(request.raw) ?? Buffer.alloc(0);
      const signature = request.headers['stripe-signature'];
      const receipt = await opts.stripe.receive(raw, typeof signature === 'string' ? signature : undefined, request.source);
      return { received: true as const, ...receipt };
    });
  });
}
