/* JSON bodies: Fastify's secure parser (refuses __proto__ and constructor.prototype keys),
   the configured body-size limit, and a nesting-depth limit so a hostile body cannot make
   validators or the DLP walk recurse without bound. */
import type { FastifyInstance } from 'fastify';
import { InvalidJson, JsonTooDeep } from './errors.js';

export function jsonDepth(value: unknown, limit: number): boolean {
  // Iterative, so the check itself cannot overflow the stack.
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d > limit) return false;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return true;
}

export function registerJsonParser(app: FastifyInstance, opts: { bodyLimit: number; maxDepth: number }): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  // JSON only. text/plain is a CORS "simple" type a cross-site form can send without a
  // preflight; refusing it (415) removes that route for forged requests.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: opts.bodyLimit }, (req, body, done) => {
    // Fastify's default parser answers through the callback; its type also allows a promise.
    void parse(req, body as string, (err: Error | null, value?: unknown) => {
      if (err) return done(new InvalidJson('The request body is not valid JSON'), undefined);
      if (!jsonDepth(value, opts.maxDepth)) return done(new JsonTooDeep(`JSON nesting deeper than ${opts.maxDepth} levels`), undefined);
      done(null, value);
    });
  });
}
