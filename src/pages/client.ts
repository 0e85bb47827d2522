/* The one script of the account pages, served as /pages/pages.js (same origin, so the strict
   CSP's script-src 'self' allows it; no inline script anywhere). It reads the one-time token
   from the URL fragment (never sent to a server, never in a Referer), removes it from the
   address bar, and completes each step through the public HTTP API with the same calls any
   client makes (docs/api.md). Plain ES2020, no build step, no dependency. */
export const PAGES_JS = String.raw`'use strict';
(function () {
  var csrf = null;
  function $(sel) { return document.querySelector(sel); }
  function say(text, kind) {
    var s = $('#status');
    if (!s) return;
    s.textContent = text;
    s.className = kind || '';
  }
  function tokenFromFragment() {
    var m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
    if (!m) return null;
    // The token stays in this page's memory only: out of the address bar and the history.
    history.replaceState(null, '', location.pathname + location.search);
    try { return decodeURIComponent(m[1]); } catch (e) { return null; }
  }
  function api(method, path, body) {
    var headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    return fetch(path, { method: method, headers: headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (res) {
        return res.text().then(function (t) {
          var data = {};
          try { data = t ? JSON.parse(t) : {}; } catch (e) { data = {}; }
          if (data && typeof data.csrfToken === 'string') csrf = data.csrfToken;
          return { status: res.status, ok: res.ok, body: data };
        });
      });
  }
  function problem(r) {
    var b = r.body || {};
    var text = b.detail || b.title || ('HTTP ' + r.status);
    if (Array.isArray(b.errors) && b.errors.length) text += ': ' + b.errors.map(function (e) { return (e.path ? e.path + ' ' : '') + e.message; }).join('; ');
    say(text + (b.code ? ' (' + b.code + ')' : ''), 'error');
  }
  function values(form) {
    var out = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.value !== '') out[el.name] = el.value;
    });
    return out;
  }
  function show(sel, on) { var el = $(sel); if (el) el.hidden = !on; }
  function busy(form, on) { Array.prototype.forEach.call(form.elements, function (el) { el.disabled = on; }); }

  var token = tokenFromFragment();
  var flows = {
    'sign-up': function (v) {
      return api('POST', '/v1/auth/sign-up', v).then(function (r) {
        if (r.status !== 202) return problem(r);
        say('Check your email for a link to confirm ' + v.email + '. No mail server configured? In development the message, with its link, is printed in the terminal running Palisade.', 'ok');
        show('#form', false);
      });
    },
    'verify-email': function () {
      return api('POST', '/v1/auth/verify-email', { token: token }).then(function (r) {
        if (r.status !== 204) return problem(r);
        say('Your address is confirmed. You can sign in now.', 'ok');
        show('#form', false); show('#next', true);
      });
    },
    'sign-in': function (v) {
      return api('POST', '/v1/auth/sign-in', v).then(function (r) {
        if (r.status !== 200) return problem(r);
        if (r.body.next === 'mfa' && $('#mfa')) { say('Enter a code from your authenticator app, or a recovery code.', ''); show('#form', false); show('#mfa', true); $('#mfa-code').focus(); return; }
        if (r.body.next === 'mfa' || r.body.next === 'mfa_enrol') { say('This account needs a second factor: sign in on the sign-in page, or finish setting one up through the API (POST /v1/me/mfa/totp).', 'error'); return; }
        if ($('body').dataset.page === 'accept-invitation') return flows['accept-invitation']();
        location.assign('/');
      });
    },
    'mfa': function (v) {
      var body = v.code ? { code: v.code } : v.recoveryCode ? { recoveryCode: v.recoveryCode } : null;
      if (!body) { say('Enter a code or a recovery code.', 'error'); return; }
      return api('POST', '/v1/auth/mfa/verify', body).then(function (r) {
        if (r.status !== 200) return problem(r);
        location.assign('/');
      });
    },
    'forgot-password': function (v) {
      return api('POST', '/v1/auth/password/forgot', v).then(function (r) {
        if (r.status !== 202) return problem(r);
        say('If ' + v.email + ' has an account, a link to set a new password is on its way. In development without a mail server, it is printed in the terminal running Palisade.', 'ok');
        show('#form', false);
      });
    },
    'reset-password': function (v) {
      return api('POST', '/v1/auth/password/reset', { token: token, password: v.password }).then(function (r) {
        if (r.status !== 204) return problem(r);
        say('Your password is changed and every session was signed out. Sign in with the new one.', 'ok');
        show('#form', false); show('#next', true);
      });
    },
    'unlock': function () {
      return api('POST', '/v1/auth/unlock', { token: token }).then(function (r) {
        if (r.status !== 204) return problem(r);
        say('This browser may now sign in to your account; the lock still holds for other browsers. If you did not cause the lock, set a new password after signing in.', 'ok');
        show('#form', false); show('#next', true);
      });
    },
    'accept-invitation': function () {
      return api('POST', '/v1/invitations/accept', { token: token }).then(function (r) {
        if (r.status !== 200) return problem(r);
        say('You joined the organisation.', 'ok');
        show('#form', false); show('#sign-in', false); show('#next', true);
      });
    },
    'create-org': function (v) {
      return api('POST', '/v1/orgs', v).then(function (r) {
        if (r.status !== 201) return problem(r);
        return api('PUT', '/v1/me/active-org', { orgId: r.body.id }).then(function () { say('Organisation ' + r.body.name + ' created; it is now your active organisation.', 'ok'); return home(); });
      });
    },
    'sign-out': function () {
      return api('POST', '/v1/auth/sign-out').then(function () { location.assign('/sign-in'); });
    }
  };

  function home() {
    return api('GET', '/v1/me').then(function (r) {
      if (r.status !== 200) { show('#signed-out', true); show('#signed-in', false); return; }
      show('#signed-out', false); show('#signed-in', true);
      $('#who').textContent = r.body.user.email;
      var list = $('#orgs');
      list.textContent = '';
      (r.body.memberships || []).forEach(function (m) {
        var li = document.createElement('li');
        li.textContent = (m.orgName || m.name || m.orgId) + ' — ' + (m.roles || []).join(', ') + (m.orgId === r.body.activeOrgId ? ' (active)' : '');
        list.appendChild(li);
      });
      if (!list.children.length) { var li = document.createElement('li'); li.textContent = 'none yet'; list.appendChild(li); }
    });
  }

  document.addEventListener('submit', function (e) {
    var form = e.target;
    var flow = form && form.dataset && flows[form.dataset.flow];
    if (!flow) return;
    e.preventDefault();
    if (form.dataset.needsToken && !token) { say('This page needs the link from your email, with its #token=… part: open the link itself.', 'error'); return; }
    say('Working…', '');
    busy(form, true);
    Promise.resolve(flow(values(form))).catch(function () { say('The server could not be reached.', 'error'); }).then(function () { busy(form, false); });
  });

  var page = document.body.dataset.page;
  if ((page === 'verify-email' || page === 'reset-password' || page === 'unlock' || page === 'accept-invitation') && !token) {
    say('This page needs the link from your email, with its #token=… part: open the link itself.', 'error');
  }
  if (page === 'home') home();
  if (page === 'accept-invitation' && token) {
    api('GET', '/v1/me').then(function (r) { show('#sign-in', r.status !== 200); show('#form', r.status === 200); });
  }
})();
`;

export const PAGES_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#111;background:#f6f7f9}
main{max-width:32rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #dde;border-radius:8px}
h1{font-size:1.4rem;margin-top:0}label{display:block;margin:.8rem 0 .2rem}
input{width:100%;box-sizing:border-box;padding:.5rem;font:inherit;border:1px solid #bbc;border-radius:4px}
button{margin-top:1rem;padding:.5rem 1rem;font:inherit;border:0;border-radius:4px;background:#1f4fd1;color:#fff;cursor:pointer}
button:disabled{opacity:.6}#status{margin-top:1rem;min-height:1.5rem}#status.ok{color:#065f2c}#status.error{color:#a40e26}
nav{margin-top:1.5rem;font-size:.9rem;color:#556}nav a{margin-right:1rem}[hidden]{display:none!important}
`;
