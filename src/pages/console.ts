/* The admin console's first slice, served at /console: organisation switcher, members and
   invitations, API keys (shown once), and the audit log with filters and in-browser verification
   of each record's inclusion proof and checkpoint signature (WebCrypto: SHA-256 and Ed25519).
   Same invariants as the account pages (routes.ts): one same-origin script, no inline script or
   style, no third-party resource, the HTML carries no user data (built once), every change
   carries X-CSRF-Token. Everything shown is set with textContent, never as HTML.
   The verifier key is pinned in the browser on first use (localStorage) and shown with its key
   id; a later, different key is refused, not silently trusted (AUD-3). Not the React + Vite
   console of issue 19 yet: this is the slice the browser suite drives (docs/trust.md). */

export const CONSOLE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Palisade console</title><link rel="stylesheet" href="/pages/console.css"><script src="/pages/console.js" defer></script></head>
<body data-page="console"><header><p class="brand">Palisade console</p>
<nav aria-label="Console"><a href="/">Home</a><a href="/trust">Trust</a></nav>
<form id="org-switch" data-flow="switch-org"><label for="org-select">Organisation</label><select id="org-select" name="orgId"></select><button type="submit">Switch</button></form></header>
<main><h1>Console</h1>
<p id="status" role="status" aria-live="polite"></p>
<p id="signed-out" hidden>You are not signed in. <a href="/sign-in">Sign in</a>.</p>
<div id="app" hidden>
<section aria-labelledby="h-members"><h2 id="h-members">Members</h2>
<table><caption>Members of the active organisation</caption><thead><tr><th scope="col">Email</th><th scope="col">Roles</th></tr></thead><tbody id="members"></tbody></table>
<h3>Invite someone</h3>
<form data-flow="invite"><label for="inv-email">Email address</label><input id="inv-email" name="email" type="email" required autocomplete="off">
<label for="inv-role">Role</label><select id="inv-role" name="role"><option value="viewer">viewer</option><option value="operator">operator</option><option value="admin">admin</option></select>
<button type="submit">Send invitation</button></form>
<table><caption>Pending invitations</caption><thead><tr><th scope="col">Email</th><th scope="col">Roles</th><th scope="col">Expires</th></tr></thead><tbody id="invitations"></tbody></table></section>
<section aria-labelledby="h-keys"><h2 id="h-keys">API keys</h2>
<form data-flow="create-key"><label for="key-name">Key name</label><input id="key-name" name="name" type="text" required maxlength="100" autocomplete="off">
<label for="key-scope">Scope</label><select id="key-scope" name="scope"><option value="members:read">members:read</option><option value="audit:read">audit:read</option></select>
<button type="submit">Create key</button></form>
<div id="new-key" hidden><p><strong>Copy this key now: it is shown only once.</strong></p><p><code id="new-key-value"></code></p></div>
<table><caption>Keys (the key itself is never shown again)</caption><thead><tr><th scope="col">Name</th><th scope="col">Scopes</th><th scope="col">Hint</th></tr></thead><tbody id="keys"></tbody></table></section>
<section aria-labelledby="h-audit"><h2 id="h-audit">Audit log</h2>
<form data-flow="audit-filter"><label for="f-action">Action starts with</label><input id="f-action" name="actionPrefix" type="text" maxlength="100" autocomplete="off">
<label for="f-outcome">Outcome</label><select id="f-outcome" name="outcome"><option value="">any</option><option value="allowed">allowed</option><option value="denied">denied</option><option value="failed">failed</option></select>
<button type="submit">Filter</button></form>
<p>Verifier key (pinned in this browser): <code id="vkey">not pinned yet</code></p>
<table><caption>Audit records, newest first</caption><thead><tr><th scope="col">Time</th><th scope="col">Action</th><th scope="col">Actor</th><th scope="col">Outcome</th><th scope="col">Proof</th></tr></thead><tbody id="audit"></tbody></table></section>
</div></main></body></html>
`;

export const CONSOLE_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#111;background:#f6f7f9}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.6rem 1.5rem;background:#fff;border-bottom:1px solid #dde}
.brand{font-weight:700;margin:0}header nav a{margin-right:1rem;color:#1f4fd1}header form{display:flex;gap:.5rem;align-items:center;margin-left:auto}
main{max-width:64rem;margin:1.5rem auto;padding:1rem 2rem;background:#fff;border:1px solid #dde;border-radius:8px}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;font-weight:600}th,td{border-bottom:1px solid #dde;padding:.35rem;text-align:left;vertical-align:top}
label{display:block;margin:.6rem 0 .2rem}header label{display:inline;margin:0}input,select{padding:.4rem;font:inherit;border:1px solid #889;border-radius:4px}
button{margin-top:.6rem;padding:.4rem .9rem;font:inherit;border:0;border-radius:4px;background:#1f4fd1;color:#fff;cursor:pointer}header button{margin-top:0}
td button{margin:0;padding:.2rem .6rem}code{word-break:break-all}#status.ok,.ok{color:#065f2c}#status.error,.error{color:#8a1020}[hidden]{display:none!important}
`;

export const CONSOLE_JS = String.raw`'use strict';
(function () {
  var csrf = null;
  var me = null;
  function $(sel) { return document.querySelector(sel); }
  function say(text, kind) { var s = $('#status'); s.textContent = text; s.className = kind || ''; }
  function api(method, path, body, headers) {
    var h = { accept: 'application/json' };
    if (body !== undefined) h['content-type'] = 'application/json';
    if (csrf && method !== 'GET') h['x-csrf-token'] = csrf;
    Object.keys(headers || {}).forEach(function (k) { h[k] = headers[k]; });
    return fetch(path, { method: method, headers: h, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) }).then(function (res) {
      return res.text().then(function (t) {
        var data = {};
        var type = res.headers.get('content-type') || '';
        if (type.indexOf('json') >= 0) { try { data = t ? JSON.parse(t) : {}; } catch (e) { data = {}; } } else { data = { text: t }; }
        if (data && typeof data.csrfToken === 'string') csrf = data.csrfToken;
        return { status: res.status, body: data };
      });
    });
  }
  function problem(r) { var b = r.body || {}; say((b.detail || b.title || ('HTTP ' + r.status)) + (b.code ? ' (' + b.code + ')' : ''), 'error'); }
  function cell(tr, text) { var td = document.createElement('td'); td.textContent = text; tr.appendChild(td); return td; }
  function rows(sel, items, fill, empty) {
    var tb = $(sel); tb.textContent = '';
    items.forEach(function (it) { var tr = document.createElement('tr'); fill(tr, it); tb.appendChild(tr); });
    if (!items.length) { var tr = document.createElement('tr'); cell(tr, empty).colSpan = 5; tb.appendChild(tr); }
  }

  // ---- verification (RFC 9162 inclusion proofs, C2SP signed-note checkpoints) with WebCrypto
  function b64(s) { var bin = atob(s); var out = new Uint8Array(bin.length); for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i); return out; }
  function cat() { var n = 0, i; for (i = 0; i < arguments.length; i++) n += arguments[i].length; var out = new Uint8Array(n), o = 0; for (i = 0; i < arguments.length; i++) { out.set(arguments[i], o); o += arguments[i].length; } return out; }
  function sha256(bytes) { return crypto.subtle.digest('SHA-256', bytes).then(function (d) { return new Uint8Array(d); }); }
  function hex(bytes) { return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join(''); }
  function equal(a, b) { if (a.length !== b.length) return false; var d = 0; for (var i = 0; i < a.length; i++) d |= a[i] ^ b[i]; return d === 0; }
  var enc = new TextEncoder();
  function verifyInclusion(index, size, leafHash, path, root) {
    if (index >= size) return Promise.resolve(false);
    var fn = index, sn = size - 1, r = leafHash, i = 0;
    function step() {
      if (i === path.length) return Promise.resolve(sn === 0 && equal(r, root));
      var p = path[i++];
      if (sn === 0) return Promise.resolve(false);
      var next;
      if ((fn & 1) || fn === sn) {
        next = sha256(cat(new Uint8Array([1]), p, r));
        if (!(fn & 1)) while (!(fn & 1) && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      } else {
        next = sha256(cat(new Uint8Array([1]), r, p));
      }
      fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
      return next.then(function (h) { r = h; return step(); });
    }
    return step();
  }
  function parseVkey(vkey) {
    var a = vkey.indexOf('+'), b = vkey.indexOf('+', a + 1);
    var name = vkey.slice(0, a), id = vkey.slice(a + 1, b), key = b64(vkey.slice(b + 1));
    if (key[0] !== 1 || key.length !== 33) throw new Error('not an Ed25519 signed-note key');
    return sha256(cat(enc.encode(name + '\n'), key)).then(function (h) {
      if (hex(h.slice(0, 4)) !== id) throw new Error('verifier key hash mismatch');
      return crypto.subtle.importKey('raw', key.slice(1), { name: 'Ed25519' }, false, ['verify']).then(function (k) { return { name: name, id: h.slice(0, 4), key: k }; });
    });
  }
  function openCheckpoint(note, vk) {
    var cut = note.lastIndexOf('\n\n');
    var text = note.slice(0, cut + 1), sigs = note.slice(cut + 2).split('\n').filter(Boolean);
    var tries = sigs.map(function (line) {
      var parts = line.split(' ');
      if (parts.length !== 3 || parts[0] !== '\u2014' || parts[1] !== vk.name) return Promise.resolve(false);
      var sig = b64(parts[2]);
      if (!equal(sig.slice(0, 4), vk.id)) return Promise.resolve(false);
      return crypto.subtle.verify({ name: 'Ed25519' }, vk.key, sig.slice(4), enc.encode(text));
    });
    return Promise.all(tries).then(function (ok) {
      if (ok.indexOf(true) < 0) throw new Error('no valid signature by the pinned key');
      var lines = text.split('\n');
      return { origin: lines[0], size: Number(lines[1]), root: b64(lines[2]) };
    });
  }
  var pinned = null;
  function verifierKey() {
    if (pinned) return Promise.resolve(pinned);
    return api('GET', '/v1/audit/verifier-key').then(function (r) {
      var served = (r.body.text || '').trim();
      var stored = localStorage.getItem('palisade.vkey');
      if (stored && stored !== served) throw new Error('the server now presents another verifier key than the one pinned in this browser');
      if (!stored) localStorage.setItem('palisade.vkey', served);
      $('#vkey').textContent = served;
      return parseVkey(served).then(function (vk) { pinned = vk; return vk; });
    });
  }
  function verifyRecord(id, out) {
    out.textContent = 'verifying…';
    var reason = { 'palisade-audit-reason': 'console: verify a record' };
    return Promise.all([verifierKey(), api('GET', '/v1/org/audit/events/' + encodeURIComponent(id) + '/proof', undefined, reason)]).then(function (all) {
      var vk = all[0], r = all[1];
      if (r.status !== 200) throw new Error((r.body && r.body.code) || ('HTTP ' + r.status));
      var p = r.body;
      return openCheckpoint(p.checkpoint, vk).then(function (cp) {
        if (!me || cp.origin.slice(cp.origin.lastIndexOf('/') + 1) !== me.activeOrgId) throw new Error('the checkpoint is for another organisation (' + cp.origin + ')');
        if (cp.size !== p.treeSize) throw new Error('the proof is for another tree size');
        return sha256(cat(new Uint8Array([0]), b64(p.leaf))).then(function (leafHash) {
          return verifyInclusion(p.leafIndex, p.treeSize, leafHash, p.auditPath.map(b64), cp.root);
        }).then(function (ok) {
          if (!ok) throw new Error('the inclusion proof does not lead to the signed root');
          out.textContent = 'Verified: leaf ' + p.leafIndex + ' of ' + p.treeSize + ', checkpoint signed by ' + vk.name;
          out.className = 'ok';
        });
      });
    }).catch(function (e) { out.textContent = 'Not verified: ' + e.message; out.className = 'error'; });
  }

  // ---- data
  function load() {
    return api('GET', '/v1/me').then(function (r) {
      if (r.status !== 200) { $('#signed-out').hidden = false; $('#app').hidden = true; return; }
      me = r.body;
      var sel = $('#org-select'); sel.textContent = '';
      (me.memberships || []).forEach(function (m) {
        var o = document.createElement('option'); o.value = m.orgId; o.textContent = m.name; o.selected = m.orgId === me.activeOrgId; sel.appendChild(o);
      });
      if (!me.activeOrgId) { say('Create an organisation on the home page first.', 'error'); return; }
      $('#app').hidden = false;
      return Promise.all([members(), invitations(), keys(), audit({})]);
    });
  }
  function members() {
    return api('GET', '/v1/org/members').then(function (r) {
      if (r.status !== 200) return problem(r);
      rows('#members', r.body.items || [], function (tr, m) { cell(tr, m.email); cell(tr, (m.roles || []).join(', ')); }, 'no members');
    });
  }
  function invitations() {
    return api('GET', '/v1/org/invitations').then(function (r) {
      if (r.status !== 200) return problem(r);
      rows('#invitations', r.body.items || [], function (tr, i) { cell(tr, i.email); cell(tr, (i.roles || []).join(', ')); cell(tr, i.expiresAt || ''); }, 'none pending');
    });
  }
  function keys() {
    return api('GET', '/v1/org/api-keys').then(function (r) {
      if (r.status !== 200) return problem(r);
      rows('#keys', r.body.items || [], function (tr, k) { cell(tr, k.name); cell(tr, (k.scopes || []).join(', ')); cell(tr, k.hint || ''); }, 'no keys');
    });
  }
  var filter = {};
  function audit(f) {
    filter = f;
    var q = Object.keys(f).filter(function (k) { return f[k]; }).map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(f[k]); }).join('&');
    return api('GET', '/v1/org/audit/events?limit=50' + (q ? '&' + q : ''), undefined, { 'palisade-audit-reason': 'console: browse the audit log' }).then(function (r) {
      if (r.status !== 200) return problem(r);
      rows('#audit', r.body.items || [], function (tr, e) {
        cell(tr, e.occurredAt); cell(tr, e.action); cell(tr, e.actor ? e.actor.type + (e.actor.id ? ' ' + e.actor.id : '') : ''); cell(tr, e.outcome || '');
        var td = cell(tr, '');
        if (e.leafIndex === null || e.leafIndex === undefined) { td.textContent = 'not sealed yet'; return; }
        var b = document.createElement('button'); b.type = 'button'; b.textContent = 'Verify'; b.setAttribute('aria-label', 'Verify record ' + e.action);
        var out = document.createElement('span');
        b.addEventListener('click', function () { verifyRecord(e.id, out); });
        td.appendChild(b); td.appendChild(document.createTextNode(' ')); td.appendChild(out);
      }, 'no records');
    });
  }

  var flows = {
    'switch-org': function (v) {
      return api('PUT', '/v1/me/active-org', { orgId: v.orgId }).then(function (r) { if (r.status !== 204) return problem(r); say('Switched organisation.', 'ok'); return load(); });
    },
    'invite': function (v) {
      return api('POST', '/v1/org/invitations', { email: v.email, roles: [v.role] }).then(function (r) {
        if (r.status !== 201) return problem(r);
        say('Invitation sent to ' + v.email + '.', 'ok'); return invitations();
      });
    },
    'create-key': function (v) {
      return api('POST', '/v1/org/api-keys', { name: v.name, scopes: [v.scope] }).then(function (r) {
        if (r.status !== 201) return problem(r);
        $('#new-key-value').textContent = r.body.key; $('#new-key').hidden = false;
        say('Key ' + v.name + ' created.', 'ok'); return keys();
      });
    },
    'audit-filter': function (v) { return audit({ actionPrefix: v.actionPrefix || '', outcome: v.outcome || '' }); }
  };
  document.addEventListener('submit', function (e) {
    var form = e.target, flow = form && form.dataset && flows[form.dataset.flow];
    if (!flow) return;
    e.preventDefault();
    var v = {};
    Array.prototype.forEach.call(form.elements, function (el) { if (el.name) v[el.name] = el.value; });
    say('Working…', '');
    Promise.resolve(flow(v)).catch(function () { say('The server could not be reached.', 'error'); });
  });
  // GET /v1/me answers the session's CSRF token with the account (api() keeps it).
  load();
})();
`;
