/* Cookie parsing and serialising across the dependency pins (issue 12): `engines` allows Node
   20.19, so @fastify/cookie is pinned to 11.1.0 and light-my-request (fastify's inject) to 6.6.0,
   the newest versions that take `cookie` 1 (cookie 2 declares Node >= 22). This checks what
   Palisade relies on from them: the request's Cookie header parsed into request.cookies (our
   session and device cookies, several in one header, a value with '=' and '.', an encoded value,
   junk around them), and inject's cookie option and Set-Cookie parsing, which every HTTP test uses. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildHttp } from './server.js';
import { loadConfig } from '../config/load.js';
import { createLogger } from './logger.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildHttp({ config: loadConfig({}), logger: createLogger('silent'), version: 'test' });
  app.get('/cookies', { config: { access: 'public' } }, async (request) => ({ ...request.cookies }));
  app.get('/set', { config: { access: 'public' } }, async (_request, reply) => {
    reply.header('set-cookie', '__Host-palisade_session=eyJh.eyJi.c2ln; Path=/; Max-Age=604800; HttpOnly; Secure; SameSite=Lax');
    reply.header('set-cookie', '__Host-palisade_device=dev_abc.MAC-_x; Path=/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax');
    return { ok: true };
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('cookies (the cookie 1 dependency chain)', () => {
  it('the Cookie header is parsed into request.cookies: several cookies, values with = and ., percent-encoding decoded, junk ignored', async () => {
    const res = await app.inject({
      method: 'GET', url: '/cookies',
      // (A pair with an empty name, "=x", is kept under the name "" by cookie 1 and dropped by
      // cookie 2; no code reads that name, so it is left out here.)
      headers: { cookie: ' __Host-palisade_session=eyJh.eyJi.c2ln== ; __Host-palisade_device=dev_abc.MAC-_x;junk; other=a%20b; dup=1; dup=2' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      '__Host-palisade_session': 'eyJh.eyJi.c2ln==',
      '__Host-palisade_device': 'dev_abc.MAC-_x',
      other: 'a b',
      dup: '1',
    });
  });

  it("inject's cookies option is sent, and Set-Cookie headers come back whole and parsed", async () => {
    const sent = await app.inject({ method: 'GET', url: '/cookies', cookies: { a: 'x y', b: 'dev_1.2' } });
    expect(sent.json()).toEqual({ a: 'x y', b: 'dev_1.2' });
    const set = await app.inject({ method: 'GET', url: '/set' });
    expect(set.headers['set-cookie']).toEqual([
      '__Host-palisade_session=eyJh.eyJi.c2ln; Path=/; Max-Age=604800; HttpOnly; Secure; SameSite=Lax',
      '__Host-palisade_device=dev_abc.MAC-_x; Path=/; Max-Age=31536000; HttpOnly; Secure; SameSite=Lax',
    ]);
    expect(set.cookies.map((c) => ({ name: c.name, value: c.value, maxAge: c.maxAge, httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite, path: c.path }))).toEqual([
      { name: '__Host-palisade_session', value: 'eyJh.eyJi.c2ln', maxAge: 604800, httpOnly: true, secure: true, sameSite: 'Lax', path: '/' },
      { name: '__Host-palisade_device', value: 'dev_abc.MAC-_x', maxAge: 31536000, httpOnly: true, secure: true, sameSite: 'Lax', path: '/' },
    ]);
  });
});
