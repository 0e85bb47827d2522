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
        if (r.body.next === 'mfa' && $('#mfa')) { say('Enter a code from your authenticator app or a recovery code, or use a passkey.', ''); show('#form', false); show('#other-ways', false); show('#mfa', true); show('#mfa-passkey', true); $('#mfa-code').focus(); return; }
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
    // Passkeys (AUTH-8): the server picks the ceremony from this browser's session — none:
    // passwordless sign-in; a pending second step: finish it. The browser's own JSON helpers
    // turn the options into navigator.credentials.get() arguments and the answer back.
    'passkey': function () {
      if (!passkeysWork()) return;
      return api('POST', '/v1/auth/passkey/options').then(function (r) {
        if (r.status !== 200) return problem(r);
        return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(r.body.options) }).then(function (cred) {
          return api('POST', '/v1/auth/passkey/verify', { response: cred.toJSON() });
        }, function () { say('The passkey was not used (cancelled or not found on this device).', 'error'); return null; });
      }).then(function (r) {
        if (!r) return;
        if (r.status !== 200) return problem(r);
        location.assign('/');
      });
    },
    'sso': function (v) {
      location.assign('/v1/auth/sso/start?email=' + encodeURIComponent(v.email));
    },
    'add-passkey': function (v) {
      if (!passkeysWork()) return;
      return api('POST', '/v1/me/passkeys/options').then(function (r) {
        if (r.status !== 200) return problem(r);
        return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(r.body.options) }).then(function (cred) {
          return api('POST', '/v1/me/passkeys', v.name ? { name: v.name, response: cred.toJSON() } : { response: cred.toJSON() });
        }, function () { say('No passkey was made (cancelled, or this device already holds one for your account).', 'error'); return null; });
      }).then(function (r) {
        if (!r) return;
        if (r.status !== 201) return problem(r);
        say('Passkey "' + r.body.passkey.name + '" added.', 'ok');
        if (r.body.recoveryCodes) showRecovery(r.body.recoveryCodes);
        return security();
      });
    },
    'totp-start': function () {
      return api('POST', '/v1/me/mfa/totp').then(function (r) {
        if (r.status !== 201) return problem(r);
        $('#totp-qr').src = 'data:image/svg+xml;base64,' + btoa(r.body.qrSvg);
        $('#totp-secret').textContent = r.body.secret;
        show('#totp-setup', true); show('#totp-start', false);
        say('Scan the code, then type the six digits the app shows.', '');
      });
    },
    'totp-confirm': function (v) {
      return api('POST', '/v1/me/mfa/totp/confirm', { code: v.code }).then(function (r) {
        if (r.status !== 200) return problem(r);
        show('#totp-setup', false);
        say('The authenticator app is set up.', 'ok');
        showRecovery(r.body.recoveryCodes);
        return security();
      });
    },
    'remove-passkey': function (v, form) {
      return api('DELETE', '/v1/me/passkeys/' + encodeURIComponent(form.dataset.id)).then(function (r) {
        if (r.status !== 204) return problem(r);
        say('Passkey removed.', 'ok');
        return security();
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

  function passkeysWork() {
    if (window.PublicKeyCredential && PublicKeyCredential.parseRequestOptionsFromJSON && PublicKeyCredential.parseCreationOptionsFromJSON) return true;
    say('This browser cannot use passkeys on this page (it lacks the WebAuthn JSON methods).', 'error');
    return false;
  }
  function showRecovery(codes) {
    var list = $('#recovery-codes');
    list.textContent = '';
    codes.forEach(function (c) { var li = document.createElement('li'); li.textContent = c; list.appendChild(li); });
    show('#recovery', true);
  }
  function security() {
    return api('GET', '/v1/me').then(function (me) {
      if (me.status !== 200) { say('Sign in first, then come back to this page.', 'error'); show('#security', false); return; }
      show('#security', true);
      return api('GET', '/v1/me/mfa').then(function (r) {
        if (r.status !== 200) return problem(r);
        $('#mfa-state').textContent = 'Authenticator app: ' + (r.body.totp.enabled ? 'set up' : 'not set up') + '. Passkeys: ' + r.body.passkeys + '. Recovery codes left: ' + r.body.recoveryCodesLeft + '.' + (r.body.requiredByOrg ? ' An organisation you belong to requires a second factor.' : '');
        show('#totp-start', !r.body.totp.enabled);
        return api('GET', '/v1/me/passkeys');
      }).then(function (r) {
        if (!r || r.status !== 200) return;
        var list = $('#passkeys');
        list.textContent = '';
        r.body.items.forEach(function (p) {
          var li = document.createElement('li');
          li.textContent = p.name + ' — added ' + p.createdAt.slice(0, 10) + (p.lastUsedAt ? ', last used ' + p.lastUsedAt.slice(0, 10) : ', never used') + ' ';
          var f = document.createElement('form');
          f.dataset.flow = 'remove-passkey'; f.dataset.id = p.id; f.className = 'inline';
          var b = document.createElement('button'); b.type = 'submit'; b.textContent = 'Remove ' + p.name;
          f.appendChild(b); li.appendChild(f); list.appendChild(li);
        });
        if (!list.children.length) { var li = document.createElement('li'); li.textContent = 'none yet'; list.appendChild(li); }
      });
    });
  }

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
    Promise.resolve(flow(values(form), form)).catch(function () { say('The server could not be reached.', 'error'); }).then(function () { busy(form, false); });
  });

  var page = document.body.dataset.page;
  if ((page === 'verify-email' || page === 'reset-password' || page === 'unlock' || page === 'accept-invitation') && !token) {
    say('This page needs the link from your email, with its #token=… part: open the link itself.', 'error');
  }
  // Single sign-on lands on /?next=mfa when the account has a second factor: its second step is on the sign-in page.
  if (page === 'home' && /[?&]next=mfa(&|$)/.test(location.search)) { location.assign('/sign-in?next=mfa'); return; }
  if (page === 'sign-in' && /[?&]next=mfa(&|$)/.test(location.search)) {
    api('GET', '/v1/auth/mfa/pending').then(function (r) {
      if (r.status !== 200 || r.body.step !== 'mfa') return;
      say('Single sign-on done. Enter a code from your authenticator app or a recovery code, or use a passkey.', '');
      show('#form', false); show('#other-ways', false); show('#mfa', true); show('#mfa-passkey', true);
    });
  }
  if (page === 'home') home();
  if (page === 'security') security();
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
h2{font-size:1.1rem;margin-top:1.5rem}form.inline{display:inline}form.inline button{margin:0 0 0 .5rem;padding:.2rem .6rem}#recovery-codes{font-family:monospace}
`;
