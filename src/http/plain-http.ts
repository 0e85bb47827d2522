/* The plain-HTTP port next to HTTPS (PALISADE_HTTP_REDIRECT_PORT). A browser typing the bare
   host name is sent to the HTTPS origin with a 301 — to the configured public origin, never to
   the Host header (open redirect). An API request (/v1/…) is refused with 403 https_required
   instead: a redirect would teach a client that sending its credentials in clear works, and
   some clients follow it with the credentials again (ASVS V4.1.2; claim ENC-1). Nothing here
   reads the request's headers or body. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { newRequestId } from '../lib/ids.js';
import { HttpsRequired } from './errors.js';

export function plainHttpHandler(publicUrl: string): (req: IncomingMessage, res: ServerResponse) => void {
  const target = new URL(publicUrl).origin;
  return (req, res) => {
    const path = req.url ?? '/';
    if (path === '/v1' || path.startsWith('/v1/') || path.startsWith('/v1?')) {
      const e = new HttpsRequired('The API is served over HTTPS only; this request was not processed');
      const body = JSON.stringify({ type: `https://palisade.dev/errors/${e.code}`, title: 'Forbidden', status: e.status, detail: e.message, code: e.code, requestId: newRequestId() });
      res.writeHead(e.status, { 'content-type': 'application/problem+json', 'cache-control': 'no-store', connection: 'close' }).end(body);
      return;
    }
    res.writeHead(301, { location: `${target}${path}`, 'cache-control': 'no-store' }).end();
  };
}
