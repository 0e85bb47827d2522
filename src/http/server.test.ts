/* The HTTP pipeline itself, on a route with a strict body schema: the same hooks every domain
   route goes through. */
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyInstance } from 'fastify';
import { buildHttp } from './server.js';
import { loadConfig } from '../config/load.js';
import { createLogger } from './logger.js';
import { PalisadeError } from '../lib/errors.js';
import { jsonDepth } from './json-parser.js';
import { enforceNoSensitiveData } from '../crypto/index.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildHttp({
    config: loadConfig({ PALISADE_BODY_LIMIT_BYTES: '1024', PALISADE_JSON_MAX_DEPTH: '4' }), logger: createLogger('silent'), version: 'test',
    bodyInspectors: [(body, req) => enforceNoSensitiveData(body, { allowMaskPaths: req.routeOptions.config.dlpMaskPaths ?? [] })],
  });
  app.withTypeProvider<ZodTypeProvider>().post('/evidence', {
    config: { access: 'public', dlpMaskPaths: ['$.text'] },
    schema: { body: z.strictObject({ text: z.string(), title: z.string().optional() }) },
  }, async (req) => ({ stored: req.body.text }));
  app.withTypeProvider<ZodTypeProvider>().post('/echo', {
    config: { access: 'public' },
    schema: { body: z.strictObject({ name: z.string().max(20), tags: z.array(z.string()).max(3).optional() }) },
  }, async (req) => ({ ok: req.body.name }));
  app.get('/boom', { config: { access: 'public' } }, async () => { throw new Error('secret internal detail: SELECT * FROM users'); });
  await app.ready();
});
afterAll(async () => { await app.close(); });

const post = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => app.inject({ method: 'POST', url: '/echo', payload, headers });

describe('HTTP pipeline', () => {
  it('VAL-1: accepts a valid body and refuses an unknown field', async () => {
    expect((await post('{"name":"a"}')).json()).toEqual({ ok: 'a' });
    const r = await post('{"name":"a","admin":true}');
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code: 'validation_failed', status: 400 });
  });

  it('refuses wrong types, invalid JSON, prototype pollution, deep nesting, oversize, and other media types', async () => {
    expect((await post('{"name":5}')).json()).toMatchObject({ code: 'validation_failed' });
    expect((await post('{"name":')).json()).toMatchObject({ code: 'invalid_json' });
    expect((await post('{"__proto__":{"x":1},"name":"a"}')).json()).toMatchObject({ code: 'invalid_json' });
    expect((await post('{"name":"a","tags":[[[[["x"]]]]]}')).json()).toMatchObject({ code: 'json_too_deep' });
    expect((await post(JSON.stringify({ name: 'x'.repeat(2000) }))).json()).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect((await post('name=a', { 'content-type': 'text/plain' })).json()).toMatchObject({ code: 'unsupported_media_type', status: 415 });
  });

  it('DLP-1: a card number anywhere in a body is refused with 422 naming the path, never the value', async () => {
    const r = await post(JSON.stringify({ name: 'a', tags: ['4111-1111-1111-1111'] }));
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'sensitive_data_refused' });
    expect(r.body).toContain('$.tags[0]');
    expect(r.body).not.toContain('4111');
  });

  it('DLP-2: a CVV field is refused', async () => {
    const r = await post(JSON.stringify({ name: 'a', cvc: '123' }));
    expect(r.json()).toMatchObject({ code: 'sensitive_data_refused', status: 422 });
  });

  it('DLP-3: an IBAN is refused; an evidence field opted in is masked to the last 4 instead', async () => {
    expect((await post(JSON.stringify({ name: 'DE89 3704 0044 0532 0130 00' }))).json()).toMatchObject({ code: 'sensitive_data_refused' });
    const ok = await app.inject({ method: 'POST', url: '/evidence', payload: { text: 'receipt for card 4111 1111 1111 1111' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).not.toContain('4111 1111 1111');
    expect(ok.json().stored).toContain('1111');
    const refused = await app.inject({ method: 'POST', url: '/evidence', payload: { text: 'x', title: '4111 1111 1111 1111' } });
    expect(refused.statusCode).toBe(422);
  });

  it('a crash is a generic 500 that leaks nothing', async () => {
    const r = await app.inject({ method: 'GET', url: '/boom' });
    expect(r.statusCode).toBe(500);
    expect(r.json()).toMatchObject({ code: 'internal_error' });
    expect(r.body).not.toContain('SELECT');
    expect(r.body).not.toContain('secret internal detail');
    expect(r.body).not.toContain('.ts:');
  });

  it('a route without an access declaration cannot be registered', async () => {
    const { authHookPlugin } = await import('./auth-hook.js');
    const a = await buildHttp({ config: loadConfig({}), logger: createLogger('silent'), version: 'test' });
    await a.register(authHookPlugin, { db: {} as never, authenticators: [], authorize: async () => ({ allowed: true }) });
    const attempt = async () => {
      await a.register(async (inst) => { inst.get('/open', async () => 'x'); });
      await a.ready();
    };
    await expect(attempt()).rejects.toThrow(/declares no config.access/);
  });

  it('jsonDepth counts nesting without recursion', () => {
    expect(jsonDepth({ a: { b: 1 } }, 2)).toBe(true);
    expect(jsonDepth({ a: { b: {} } }, 2)).toBe(false);
    const deep = JSON.parse('['.repeat(100000) + ']'.repeat(100000)) as unknown;
    expect(jsonDepth(deep, 32)).toBe(false);
  });

  it('error classes keep detail and cause out of the message', () => {
    class X extends PalisadeError { readonly code: string = 'x' + '_test'; readonly status = 400; }
    const e = new X('safe', { secret: 1 }, { cause: new Error('inner') });
    expect(e.message).toBe('safe');
    expect(e.name).toBe('X');
  });
});
