/* The trust page as HTML: plain, fast (built once per report, see service.ts), accessible
   (landmarks, one h1, ordered headings, tables with captions and header scopes, statuses in
   words, not only colour) and under the global strict CSP (no script at all, one same-origin
   stylesheet). Everything interpolated is escaped: declarations are operator-typed text. */
import type { ClaimEntry, TrustReport, TrustStatus } from './service.js';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** An href only for https:, mailto: and tel: (the schemes the CLI and configuration accept);
    anything else (a javascript: or data: URL written straight into the database) is shown as
    text, never linked. ASVS V1.2.1, V1.2.2. */
export function safeHref(url: string): string | null {
  return /^(https:\/\/|mailto:|tel:)[^\s]+$/i.test(url) ? esc(url) : null;
}

const linkOrText = (url: string, label: string): string => {
  const href = safeHref(url);
  return href ? `<a href="${href}">${esc(label)}</a>` : esc(label);
};

export const STATUS_TEXT: Record<TrustStatus, string> = {
  verified: 'Verified',
  not_yet: 'Not verified',
  in_force: 'In force',
  not_in_force: 'Not in force',
  declared: 'Declared',
  not_declared: 'Not declared',
};

const GOOD: ReadonlySet<TrustStatus> = new Set(['verified', 'in_force', 'declared']);

function evidenceCell(c: ClaimEntry, report: TrustReport): string {
  if (c.check) return `<p>Live check: ${esc(c.check.detail)}</p>${testsList(c, report)}`;
  if (c.declaration) {
    const d = c.declaration;
    return `<p>Declared by the operator on ${esc(d.declaredAt.slice(0, 10))}: ${esc(d.title)} (from ${esc(d.dated)}${d.validUntil ? ` until ${esc(d.validUntil)}` : ''})${d.detail ? `. ${esc(d.detail)}` : ''}</p>`;
  }
  if (c.kind === 'declared') return '<p>The operator has not declared this.</p>';
  return testsList(c, report);
}

function testsList(c: ClaimEntry, report: TrustReport): string {
  if (!c.tests.length) return c.kind === 'verified' ? '<p>No test proves this yet.</p>' : '';
  const passed = c.tests.filter((t) => t.passed).length;
  const when = report.evidence.state === 'bound' && report.evidence.finishedAt ? `, run of ${esc(report.evidence.finishedAt)}` : '';
  return `<details><summary>${passed} of ${c.tests.length} test${c.tests.length === 1 ? '' : 's'} passed${when}</summary><ul>${c.tests
    .map((t) => `<li>${t.passed ? 'Passed' : 'Not passed'}: <code>${esc(t.name)}</code></li>`).join('')}</ul></details>`;
}

export function renderTrustPage(r: TrustReport): string {
  const row = (c: ClaimEntry) => `<tr id="${esc(c.id)}"><th scope="row">${esc(c.id)}</th><td>${esc(c.summary)}</td><td>${esc(c.kind)}</td>`
    + `<td class="${GOOD.has(c.status) ? 'good' : 'bad'}" data-status="${c.status}">${STATUS_TEXT[c.status]}</td><td>${evidenceCell(c, r)}</td></tr>`;
  const counts = (Object.keys(r.counts) as TrustStatus[]).filter((k) => r.counts[k] > 0).map((k) => `${r.counts[k]} ${STATUS_TEXT[k].toLowerCase()}`).join(', ');
  const s = r.security;
  const security = s.published
    ? `<p>Report vulnerabilities to ${s.contact.map((c) => linkOrText(c, c.replace(/^mailto:/, ''))).join(', ')}. Reports are acknowledged within <strong>${s.acknowledgementDays} day${s.acknowledgementDays === 1 ? '' : 's'}</strong>.${s.policy ? ` Read the ${linkOrText(s.policy, 'disclosure policy')}${safeHref(s.policy) ? '' : ` (${esc(s.policy)})`}.` : ''}</p><p><a href="/.well-known/security.txt">security.txt</a> (expires ${esc(s.expires ?? '')}).</p>`
    : '<p>No security contact is published.</p>';
  const warning = s.warning ? `<p class="warning" role="note">${esc(s.warning)}</p>` : '';
  const subs = r.subprocessors === null
    ? '<p>The operator has not published its subprocessors.</p>'
    : r.subprocessors.length === 0 ? '<p>No subprocessors.</p>'
      : `<table><caption>Subprocessors</caption><thead><tr><th scope="col">Name</th><th scope="col">Purpose</th><th scope="col">Location</th></tr></thead><tbody>${r.subprocessors
        .map((p) => `<tr><td>${esc(p.name)}</td><td>${esc(p.purpose)}</td><td>${esc(p.location)}</td></tr>`).join('')}</tbody></table>`;
  const decls = r.declarations.length
    ? `<table><caption>Operator declarations (not checked by Palisade)</caption><thead><tr><th scope="col">What</th><th scope="col">Kind</th><th scope="col">Dates</th><th scope="col">Declared</th></tr></thead><tbody>${r.declarations
      .map((d) => `<tr><td>${d.url ? linkOrText(d.url, d.title) : esc(d.title)}${d.detail ? `<br>${esc(d.detail)}` : ''}</td><td>${esc(d.category)}</td><td>from ${esc(d.dated)}${d.validUntil ? ` until ${esc(d.validUntil)}` : ''}${d.lapsed ? ' (lapsed)' : ''}</td><td>${esc(d.declaredAt.slice(0, 10))}</td></tr>`).join('')}</tbody></table>`
    : '<p>The operator has declared nothing (certifications, penetration tests, hosting, training).</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trust and security</title><link rel="stylesheet" href="/trust.css"></head>
<body><main>
<h1>Trust and security</h1>
<p>This page is generated by the running system from its claim registry, its test evidence and live checks of its configuration. It states nothing it cannot show: a claim is <em>verified</em> only when the tests that prove it passed for exactly this source, <em>in force</em> only when a live check observed it, and <em>declared</em> when the operator says so. Machine-readable: <a href="/trust.json">trust.json</a>.</p>
<section aria-labelledby="h-evidence"><h2 id="h-evidence">Evidence</h2>
<p>${esc(r.evidence.summary)}</p>
<p>Source: <code>${esc(r.source.hash)}</code> (${r.source.files} files). Claims: ${esc(counts)}. Generated ${esc(r.generatedAt)}.</p>
<p>How to reproduce the evidence yourself: docs/trust.md in the source.</p></section>
<section aria-labelledby="h-security"><h2 id="h-security">Reporting a vulnerability</h2>${warning}${security}</section>
<section aria-labelledby="h-data"><h2 id="h-data">Where data is kept</h2>
<p>${r.residency ? `Data residency: ${esc(r.residency)}.` : 'The operator has not published where data resides.'}</p>${subs}</section>
<section aria-labelledby="h-declared"><h2 id="h-declared">Declarations</h2>${decls}</section>
<section aria-labelledby="h-claims"><h2 id="h-claims">Claims</h2>
<table class="claims"><caption>Every claim, its kind and what shows it</caption><thead><tr><th scope="col">ID</th><th scope="col">Claim</th><th scope="col">Kind</th><th scope="col">Status</th><th scope="col">Evidence</th></tr></thead>
<tbody>${r.claims.map(row).join('\n')}</tbody></table></section>
</main></body></html>
`;
}

export const TRUST_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#111;background:#f6f7f9}
main{max-width:72rem;margin:2rem auto;padding:1rem 2rem;background:#fff;border:1px solid #dde;border-radius:8px}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:.3rem 0}th,td{border-bottom:1px solid #dde;padding:.4rem;text-align:left;vertical-align:top}
td.good{color:#065f2c;font-weight:600}td.bad{color:#8a1020;font-weight:600}code{font-size:.85em;word-break:break-all}
.warning{background:#fff4d6;border:1px solid #c98a00;padding:.5rem;border-radius:4px}a{color:#1f4fd1}details ul{margin:.3rem 0;padding-left:1.2rem}
`;
