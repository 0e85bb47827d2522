import { useState } from 'react';
import { api } from '../api/client';
import { useMe } from '../App';
import { Field, LoadError, Table, act, formValue, useLoad, useStatus, when } from '../ui';
import { OrgPrivacyRequests } from './PrivacyOrg';

type RequestType = 'access' | 'rectification' | 'erasure' | 'restriction' | 'objection' | 'consent_withdrawal';
type Export = { id: string; status: string; download: { url: string; expiresAt: string } | null; expiresAt: string };

export function Privacy() {
  const { orgId } = useMe();
  const [status, say] = useStatus();
  const [exp, setExp] = useState<Export | null>(null);
  const requests = useLoad(() => api.GET('/v1/me/privacy-requests'), []);
  // The organisation's requests are shown to roles carrying privacy:requests (admins by default).
  const perms = useLoad(() => (orgId ? api.GET('/v1/org/my-permissions') : Promise.resolve({ data: { roles: [], permissions: [], plan: '' }, response: new Response() })), [orgId]);
  const members = useLoad(() => (orgId ? api.GET('/v1/org/members', { params: { query: { limit: 100 } } }) : Promise.resolve({ data: { items: [], nextCursor: null }, response: new Response() })), [orgId]);
  return (
    <>
      <h1>Privacy requests</h1>
      {status}
      <section aria-labelledby="h-mine">
        <h2 id="h-mine">Your requests</h2>
        <p>Requests about your own data (GDPR articles 15–21), each with its legal deadline. Erasure destroys your keys (crypto-shredding, PRIV-2); the audit log keeps only an opaque id.</p>
        <form onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const details = formValue(form, 'details');
          if (await act(say, api.POST('/v1/me/privacy-requests', { body: { type: formValue(form, 'type') as RequestType, ...(details ? { details } : {}) } }), 'Request filed.')) {
            form.reset();
            requests.reload();
          }
        }}>
          <Field id="pr-type" label="Request"><select id="pr-type" name="type"><option value="access">access</option><option value="rectification">rectification</option><option value="erasure">erasure</option><option value="restriction">restriction</option><option value="objection">objection</option><option value="consent_withdrawal">consent withdrawal</option></select></Field>
          <Field id="pr-details" label="Details (optional)"><textarea id="pr-details" name="details" maxLength={2000} /></Field>
          <button type="submit">File the request</button>
        </form>
        <LoadError error={requests.error} />
        <Table id="requests" caption="Your privacy requests" cols={['Filed', 'Type', 'Status', 'Due', 'Resolution', 'Action']} rows={requests.data?.items} rowKey={(r) => r.id} empty="No requests."
          row={(r) => [when(r.createdAt), r.type, r.status, when(r.dueAt), r.resolution ?? '—',
            r.closedAt ? '—' : <button type="button" aria-label={`Withdraw the ${r.type} request filed ${when(r.createdAt)}`} onClick={async () => {
              if (await act(say, api.POST('/v1/me/privacy-requests/{requestId}/withdraw', { params: { path: { requestId: r.id } } }), 'Request withdrawn.')) requests.reload();
            }}>Withdraw</button>]} />
      </section>
      {perms.data?.permissions.includes('privacy:requests') ? <OrgPrivacyRequests say={say} /> : null}
      <section aria-labelledby="h-export">
        <h2 id="h-export">Exports</h2>
        <p>An export is sealed, kept for a short time, and its download link works once.</p>
        <button type="button" onClick={async () => {
          const r = await api.POST('/v1/me/export');
          if (await act(say, Promise.resolve(r), 'Your export is ready below.') && r.data) setExp(r.data);
        }}>Export my data</button>
        {orgId ? (
          <form onSubmit={async (e) => {
            e.preventDefault();
            const r = await api.POST('/v1/org/members/{userId}/export', { params: { path: { userId: formValue(e.currentTarget, 'member') } } });
            if (await act(say, Promise.resolve(r), 'The member\'s export is ready below.') && r.data) setExp(r.data);
          }}>
            <Field id="pr-member" label="Export a member's data (administrators)"><select id="pr-member" name="member">{members.data?.items.map((m) => <option key={m.userId} value={m.userId}>{m.email}</option>)}</select></Field>
            <button type="submit">Export the member's data</button>
          </form>
        ) : null}
        {exp ? <p id="export">Export {exp.status}{exp.download ? <>: <a href={exp.download.url}>download it</a> (the link works once, until {when(exp.download.expiresAt)})</> : null}.</p> : null}
      </section>
    </>
  );
}
