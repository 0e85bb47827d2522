/* Output encoding of the trust page (ASVS V1.2.1, V1.2.2): everything it interpolates —
   operator declarations, configuration (residency, subprocessors, security contact and policy),
   test names — is encoded for its HTML context, text or attribute, so hostile text changes no
   element or attribute of the page; a URL is linked only with a scheme the page allows. */
import { describe, expect, it } from 'vitest';
import { renderTrustPage } from './render.js';
import type { TrustReport } from './service.js';

const HOSTILE = `"'><script>alert(1)</script><img src=x onerror=alert(2)><!--&amp;`;

function report(text: (name: string) => string, url: (name: string) => string): TrustReport {
  return {
    generatedAt: text('generatedAt'),
    source: { hash: text('hash'), files: 3 },
    evidence: { state: 'bound', file: text('file'), finishedAt: text('finishedAt'), summary: text('summary') },
    counts: { verified: 1, not_yet: 1, in_force: 1, not_in_force: 0, declared: 1, not_declared: 0 },
    claims: [
      { id: text('id1'), kind: 'verified', summary: text('claim'), status: 'verified', tests: [{ name: text('test'), passed: true }], check: null, declaration: null },
      { id: text('id2'), kind: 'configured', summary: text('claim2'), status: 'in_force', tests: [], check: { inForce: true, detail: text('detail') }, declaration: null },
      { id: text('id3'), kind: 'declared', summary: text('claim3'), status: 'declared', tests: [], check: null,
        declaration: { id: 'dcl_1', category: 'claim', claimId: 'X-1', title: text('dtitle'), detail: text('ddetail'), url: url('durl'), dated: text('dated'), validUntil: text('until'), declaredAt: text('declaredAt'), lapsed: false } },
    ],
    declarations: [{ id: 'dcl_2', category: 'certification', claimId: null, title: text('title'), detail: text('detail2'), url: url('url'), dated: text('dated2'), validUntil: null, declaredAt: text('at'), lapsed: true }],
    residency: text('residency'),
    subprocessors: [{ name: text('sub'), purpose: text('purpose'), location: text('location') }],
    security: { published: true, url: url('canonical'), contact: [url('contact'), `mailto:${text('mail')}`], expires: text('expires'), policy: url('policy'), acknowledgementDays: 5, warning: text('warning') },
  };
}

const tags = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g)].map((m) => `${m[1]}|${(m[2] ?? '').replace(/"[^"]*"/g, '""')}`);

describe('trust page encoding', () => {
  it('V1.2.1: hostile text in every interpolated field leaves the page structure (elements and attributes) unchanged and shows as text', () => {
    const benign = renderTrustPage(report((n) => `plain ${n}`, (n) => `https://example.test/${n}`));
    const hostile = renderTrustPage(report((n) => `${n}${HOSTILE}`, (n) => `https://example.test/${n}?q="'><script>alert(1)</script><!--`));
    expect(tags(hostile)).toEqual(tags(benign));
    expect(hostile).not.toMatch(/<script|<img|<!--/i);
    expect(hostile).toContain('residency&quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // An attribute value stays inside its quotes.
    for (const m of hostile.matchAll(/href="([^"]*)"/g)) expect(m[1]).not.toMatch(/[<>"']/);
  });

  it('V1.2.2: a declaration or contact URL with a javascript:, data: or other scheme is shown as text, never linked', () => {
    const bad = ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '//evil.test/x', 'http://plain.test/'];
    for (const u of bad) {
      const html = renderTrustPage(report((n) => n, () => u));
      const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      expect(hrefs, u).toEqual(['/trust.css', '/trust.json', 'mailto:mail', '/.well-known/security.txt']);
    }
    const ok = renderTrustPage(report((n) => n, (n) => `https://example.test/${n}`));
    expect(ok).toContain('<a href="https://example.test/url">');
    expect(ok).toContain('<a href="https://example.test/policy">disclosure policy</a>');
  });
});
