/* The pages every mail links to (/sign-in, /sign-up, /verify-email, /forgot-password,
   /reset-password, /unlock, /accept-invitation) and a small home page (/): minimal server-rendered HTML
   that explains each step and completes it through the public API, until the hosted console
   replaces them. Invariants:
   - Strict CSP (the global one: script-src 'self', no inline script or style): the behaviour is
     one same-origin script, /pages/pages.js; the HTML carries no user data (it is the same for
     everyone, so it can be built once at start).
   - One-time tokens arrive in the URL fragment (#token=…), which browsers never send to a
     server or put in a Referer; the script takes it out of the address bar at once. Nothing
     happens on page load alone: a mail scanner that opens a link spends no token.
   - Every answer is no-store (as the API's), framing is refused (frame-ancestors 'none').
   Claims VAL-3 (CSP on every page), AUTH-13 (the script's changes carry Origin and X-CSRF-Token). */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { PAGES_CSS, PAGES_JS } from './client.js';
import { NotFound } from '../lib/errors.js';
import { loadConsoleBuild } from './console.js';

interface Field { name: string; label: string; type: string; autocomplete: string; required?: boolean }

interface Page {
  path: string;
  title: string;
  intro: string;
  /** The form's data-flow (the script's step), its fields and button. */
  form?: { flow: string; fields: Field[]; button: string; needsToken?: boolean };
  /** Extra HTML after the status line (static; no user data). */
  extra?: string;
}

const email: Field = { name: 'email', label: 'Email address', type: 'email', autocomplete: 'username', required: true };
const newPassword = (name = 'password'): Field => ({ name, label: 'Password (15 characters or more)', type: 'password', autocomplete: 'new-password', required: true });

const NAV = '<nav><a href="/">Home</a><a href="/sign-in">Sign in</a><a href="/sign-up">Create an account</a><a href="/forgot-password">Forgot your password?</a></nav>';

export const PAGES: readonly Page[] = [
  {
    path: '/',
    title: 'Palisade',
    intro: '',
    extra: `<section id="signed-out" hidden><p>You are not signed in.</p><p><a href="/sign-in">Sign in</a> or <a href="/sign-up">create an account</a>.</p></section>
<section id="signed-in" hidden><p>Signed in as <strong id="who"></strong>. <a href="/console">Open the console</a> (members, roles, API keys, sessions, policies, alerts, audit log, files, webhooks, privacy, SSO and MFA). <a href="/security">Your second factors and passkeys</a>.</p><h2>Your organisations</h2><ul id="orgs"></ul>
<form data-flow="create-org"><label for="org-name">New organisation</label><input id="org-name" name="name" type="text" required maxlength="200" autocomplete="organization"><button type="submit">Create organisation</button></form>
<form data-flow="sign-out"><button type="submit">Sign out</button></form></section>`,
  },
  {
    path: '/sign-up',
    title: 'Create an account',
    intro: 'We will email you a link to confirm your address. The answer is the same whether or not the address already has an account.',
    form: { flow: 'sign-up', fields: [email, { name: 'name', label: 'Name (optional)', type: 'text', autocomplete: 'name' }, newPassword()], button: 'Create account' },
  },
  {
    path: '/verify-email',
    title: 'Confirm your email address',
    intro: 'You followed the link from the confirmation mail. Confirm below to finish creating your account; the link works once and expires after 24 hours.',
    form: { flow: 'verify-email', fields: [], button: 'Confirm my address', needsToken: true },
    extra: '<p id="next" hidden><a href="/sign-in">Sign in</a></p>',
  },
  {
    path: '/sign-in',
    title: 'Sign in',
    intro: '',
    form: { flow: 'sign-in', fields: [email, { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true }], button: 'Sign in' },
    // The second step of a sign-in that answered next: "mfa" (AUTH-8): a code from the
    // authenticator app, or one of the recovery codes.
    extra: `<form id="mfa" data-flow="mfa" hidden><p>This account has a second factor.</p><label for="mfa-code">Code from your authenticator app</label><input id="mfa-code" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code">
<label for="mfa-recovery">Or one of your recovery codes</label><input id="mfa-recovery" name="recoveryCode" type="text" maxlength="64" autocomplete="off"><button type="submit">Continue</button></form>
<form id="mfa-passkey" data-flow="passkey" hidden><p>Or confirm with a passkey on this device.</p><button type="submit">Use a passkey</button></form>
<section id="other-ways"><h2>Other ways in</h2>
<form data-flow="passkey"><p>With a passkey (no password: your device checks it is you).</p><button type="submit">Use a passkey</button></form>
<form data-flow="sso"><label for="sso-email">Work address (single sign-on)</label><input id="sso-email" name="email" type="email" autocomplete="off" required><button type="submit">Continue with single sign-on</button></form></section>`,
  },
  {
    path: '/security',
    title: 'Second factors',
    intro: 'A second factor keeps your account safe when your password is not: an authenticator app, or a passkey on this device. Changes need a recent sign-in.',
    // AUTH-8: TOTP enrolment (QR code and secret, confirmed by a first code; recovery codes shown
    // once) and passkey registration, list and removal. Filled by /pages/pages.js from the API.
    extra: `<section id="security" hidden><p id="mfa-state"></p>
<h2>Passkeys</h2><ul id="passkeys"></ul>
<form data-flow="add-passkey"><label for="pk-name">Name for the new passkey</label><input id="pk-name" name="name" type="text" maxlength="100" autocomplete="off" placeholder="My laptop"><button type="submit">Add a passkey</button></form>
<h2>Authenticator app</h2>
<form id="totp-start" data-flow="totp-start"><button type="submit">Set up an authenticator app</button></form>
<div id="totp-setup" hidden><p>Scan this code with your authenticator app, or type the key.</p><img id="totp-qr" alt="QR code of the authenticator key" width="200" height="200"><p>Key: <code id="totp-secret"></code></p>
<form data-flow="totp-confirm"><label for="totp-code">Code from the app</label><input id="totp-code" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required><button type="submit">Confirm the app</button></form></div>
<div id="recovery" hidden><h2>Your recovery codes</h2><p>Each works once if you lose your factors. Keep them somewhere safe: they are shown only now.</p><ol id="recovery-codes"></ol></div></section>`,
  },
  {
    path: '/forgot-password',
    title: 'Forgot your password?',
    intro: 'We will email a link to set a new password if the address has an account (the answer is the same either way).',
    form: { flow: 'forgot-password', fields: [email], button: 'Send the link' },
  },
  {
    path: '/reset-password',
    title: 'Set a new password',
    intro: 'You followed the link from the password-reset mail. It works once and expires after 30 minutes; every session of the account is signed out.',
    form: { flow: 'reset-password', fields: [newPassword()], button: 'Set the new password', needsToken: true },
    extra: '<p id="next" hidden><a href="/sign-in">Sign in</a></p>',
  },
  {
    path: '/unlock',
    title: 'Sign in from this browser',
    intro: 'You followed the link from the lockout mail. Confirm below and this browser may sign in to your account while the lock still holds for every other browser; the link works once and expires after 24 hours.',
    form: { flow: 'unlock', fields: [], button: 'Let this browser sign in', needsToken: true },
    extra: '<p id="next" hidden><a href="/sign-in">Sign in</a></p>',
  },
  {
    path: '/accept-invitation',
    title: 'Join an organisation',
    intro: 'You were invited to an organisation. Sign in with the address the invitation was sent to, then accept it.',
    form: { flow: 'accept-invitation', fields: [], button: 'Accept the invitation', needsToken: true },
    extra: `<section id="sign-in" hidden><p>Sign in first (no account yet? <a href="/sign-up">create one</a> with the invited address, confirm it, then open the invitation link again).</p>
<form data-flow="sign-in"><label for="si-email">Email address</label><input id="si-email" name="email" type="email" required autocomplete="username"><label for="si-password">Password</label><input id="si-password" name="password" type="password" required autocomplete="current-password"><button type="submit">Sign in</button></form></section>
<p id="next" hidden><a href="/">Go to your organisations</a></p>`,
  },
];

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function renderPage(page: Page): string {
  const name = page.path === '/' ? 'home' : page.path.slice(1);
  const form = page.form
    ? `<form id="form" data-flow="${page.form.flow}"${page.form.needsToken ? ' data-needs-token="1"' : ''}${name === 'accept-invitation' ? ' hidden' : ''}>${page.form.fields
      .map((f) => `<label for="f-${f.name}">${esc(f.label)}</label><input id="f-${f.name}" name="${f.name}" type="${f.type}" autocomplete="${f.autocomplete}"${f.required ? ' required' : ''}>`)
      .join('')}<button type="submit">${esc(page.form.button)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)}</title><link rel="stylesheet" href="/pages/pages.css"><script src="/pages/pages.js" defer></script></head>
<body data-page="${name}"><main><h1>${esc(page.title)}</h1>${page.intro ? `<p>${esc(page.intro)}</p>` : ''}
${form}
<p id="status" role="status" aria-live="polite"></p>
${page.extra ?? ''}
${NAV}</main></body></html>
`;
}

export async function pageRoutes(app: FastifyInstance): Promise<void> {
  for (const page of PAGES) {
    const html = renderPage(page);
    app.get(page.path, { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html));
  }
  app.get('/pages/pages.js', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(PAGES_JS));
  app.get('/pages/pages.css', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').send(PAGES_CSS));
  // The admin console (web/, console.ts): its index page for every path under /console (its
  // own router shows the page), its hashed assets, gzipped when the browser accepts it.
  const build = loadConsoleBuild();
  if (!build) return;
  const index = (_request: unknown, reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(build.index);
  app.get('/console', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => index(request, reply));
  app.get('/console/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => index(request, reply));
  app.get<{ Params: { name: string } }>('/console/assets/:name', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const asset = build.assets.get(request.params.name);
    if (!asset) throw new NotFound('No console asset has this name');
    reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(asset.gzip);
    return reply.send(asset.body);
  });
}
