/* The export download link's guard (PRIV-1), found by mutation testing (issue 21): a genuine link
   dated further ahead than links ever live (the server's clock moved back) is refused whatever its
   signature says; a well-formed signature of another length, or one for an export that does not
   exist, is refused as invalid — never a 500 from the comparison or a missing row. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/fixtures/app.js';
import { call, createUser, signIn, type Session } from '../../test/security/harness.js';
import { fixedClock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';

let app: TestApp;
const clock = fixedClock('2026-07-01T10:00:00Z');
let person: Session;

async function readyLink(): Promise<{ id: string; url: URL }> {
  const req = await call(app, { session: person }, 'POST', '/v1/me/export');
  expect(req.status, req.text).toBe(202);
  await app.privacyIdle();
  const r = await call(app, { session: person }, 'GET', `/v1/me/exports/${String(req.body.id)}`);
  const v = r.body as { id: string; download: { url: string } | null };
  expect(v.download, r.text).not.toBeNull();
  return { id: v.id, url: new URL(v.download?.url ?? '') };
}

const fetchPath = async (path: string) => {
  const res = await app.http.inject({ method: 'GET', url: path });
  return { status: res.statusCode, code: res.statusCode === 200 ? null : (JSON.parse(res.body) as { code?: string }).code };
};

beforeAll(async () => {
  app = await buildTestApp({ clock, env: { PALISADE_PUBLIC_URL: 'https://palisade.example.test' } });
  person = await signIn(app, await createUser(app));
});

afterAll(async () => {
  await app?.close();
});

describe('export link guard', () => {
  it('PRIV-1: a genuine link whose expiry is more than five minutes ahead of the server clock is refused as invalid, and takes nothing', async () => {
    const { url } = await readyLink();
    clock.advance(-3_600_000); // the clock moved back an hour: the link now claims 65 minutes of life
    expect(await fetchPath(url.pathname + url.search)).toEqual({ status: 403, code: 'export_link_invalid' });
    clock.advance(3_600_000);
    expect((await fetchPath(url.pathname + url.search)).status).toBe(200);
  });

  it('PRIV-1: a well-formed signature of another length is refused as invalid, not a server error', async () => {
    const { url } = await readyLink();
    const sig = url.searchParams.get('signature') ?? '';
    for (const forged of [sig.slice(0, -1), `${sig}a`, 'fp_a']) {
      const q = new URLSearchParams({ expires: url.searchParams.get('expires') ?? '', signature: forged });
      expect(await fetchPath(`${url.pathname}?${q.toString()}`), forged).toEqual({ status: 403, code: 'export_link_invalid' });
    }
    expect((await fetchPath(url.pathname + url.search)).status).toBe(200);
  });

  it('PRIV-1: a link naming an export that does not exist is refused as invalid, exactly like a forged one', async () => {
    const { url } = await readyLink();
    const path = url.pathname.replace(/exports\/[^/]+\//, `exports/${newId('pex')}/`);
    expect(await fetchPath(path + url.search)).toEqual({ status: 403, code: 'export_link_invalid' });
  });

  it('PRIV-1: a link is expired from its expires second on, like the vault\'s signed URLs: refused at that second (taking nothing), accepted one second before', async () => {
    const { url } = await readyLink();
    const expires = Number(url.searchParams.get('expires'));
    clock.set(new Date(expires * 1000));
    expect(await fetchPath(url.pathname + url.search)).toEqual({ status: 403, code: 'export_link_expired' });
    clock.set(new Date(expires * 1000 - 1));
    expect(await fetchPath(url.pathname + url.search)).toEqual({ status: 200, code: null });
  });
});
