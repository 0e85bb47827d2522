/* The access log (issue 12): one line per request with method, route pattern, status, duration
   and request id, and nothing a request carried that could be a secret — query strings, headers,
   cookies, path parameters. The pino output is captured whole, through the same logger the server
   uses in production (redaction, scrubbing). Claim AUD-6. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildHttp } from './server.js';
import { loadConfig } from '../config/load.js';
import { createLogger, scrubTokens } from './logger.js';

const lines: string[] = [];
let app: FastifyInstance;

beforeAll(async () => {
  const logger = createLogger('info', { stream: { write: (l: string) => void lines.push(l) }, scrub: [scrubTokens] });
  app = await buildHttp({ config: loadConfig({}), logger, version: 'test' });
  app.get('/v1/things/:id', { config: { access: 'public' } }, async () => ({ ok: true }));
  app.post('/v1/things/:id/refuse', { config: { access: 'public' } }, async (_req, reply) => reply.status(409).send({ no: true }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

const SECRETS = ['query-secret-value-1234', 'Bearer-secret-value-5678', 'cookie-secret-value-9012', 'csrf-secret-value-3456', 'path-secret-value-7890', 'api-key-secret-value-2468'];

const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('request logs', () => {
  it('AUD-6: each request is one line with method, route pattern, status, duration and request id, and no query, header, cookie or path value', async () => {
    lines.length = 0;
    const res = await app.inject({
      method: 'GET',
      url: `/v1/things/${SECRETS[4]}?token=${SECRETS[0]}&apiKey=${SECRETS[5]}`,
      headers: { authorization: `Bearer ${SECRETS[1]}`, cookie: `__Host-palisade_session=${SECRETS[2]}`, 'x-csrf-token': SECRETS[3] ?? '' },
    });
    expect(res.statusCode).toBe(200);
    const records = logged();
    expect(records).toHaveLength(1);
    const [line] = records;
    expect(line).toMatchObject({ level: 30, msg: 'request', method: 'GET', route: '/v1/things/:id', status: 200, reqId: res.headers['x-request-id'] });
    expect(typeof line?.durationMs).toBe('number');
    expect(line?.durationMs).toBeGreaterThanOrEqual(0);
    const raw = lines.join('');
    for (const s of SECRETS) expect(raw).not.toContain(s);
  });

  it('AUD-6: a refused request and an unmatched path are logged the same way (no route: null, never the path)', async () => {
    lines.length = 0;
    const refused = await app.inject({ method: 'POST', url: `/v1/things/${SECRETS[4]}/refuse?token=${SECRETS[0]}`, headers: { cookie: `a=${SECRETS[2]}` } });
    const missing = await app.inject({ method: 'GET', url: `/v1/nothing/${SECRETS[4]}?token=${SECRETS[0]}` });
    expect(refused.statusCode).toBe(409);
    expect(missing.statusCode).toBe(404);
    const requestLines = logged().filter((l) => l.msg === 'request');
    expect(requestLines).toEqual([
      expect.objectContaining({ method: 'POST', route: '/v1/things/:id/refuse', status: 409, reqId: refused.headers['x-request-id'] }),
      expect.objectContaining({ method: 'GET', route: null, status: 404, reqId: missing.headers['x-request-id'] }),
    ]);
    const raw = lines.join('');
    for (const s of SECRETS) expect(raw).not.toContain(s);
  });
});
