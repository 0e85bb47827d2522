/* The organisation's side of rights requests (PRIV-3, docs/privacy.md): the requests filed through
   this organisation for its members, with their deadlines and status; file one received outside
   Palisade; answer one (status and the resolution the person reads). Shown to a member whose
   roles carry privacy:requests; the server decides every call all the same, and its refusal
   (a closed request, an erasure marked done by hand) is shown in its own words. */
import { api } from '../api/client';
import type { paths } from '../api/schema';
import { Field, LoadError, Table, act, formValue, useLoad, when, type Say } from '../ui';

type OrgRequest = paths['/v1/org/privacy/requests']['get']['responses'][200]['content']['application/json']['items'][number];
type Answer = paths['/v1/org/privacy/requests/{requestId}']['patch']['requestBody']['content']['application/json']['status'];
type FileType = paths['/v1/org/privacy/requests']['post']['requestBody']['content']['application/json']['type'];

const FILE_TYPES: FileType[] = ['access', 'rectification', 'restriction', 'objection', 'consent_withdrawal'];

/** The moves the server allows from a status: a closed request stays closed, and an erasure is
    completed only by the erasure job, so "completed" is never offered for one. The first is
    the default: taking a request in hand, not closing it. */
export function answersFor(r: Pick<OrgRequest, 'status' | 'type'>): Answer[] {
  if (r.status !== 'open' && r.status !== 'in_progress') return [];
  const next: Answer[] = r.status === 'open' ? ['in_progress', 'completed', 'rejected'] : ['completed', 'rejected'];
  return r.type === 'erasure' ? next.filter((s) => s !== 'completed') : next;
}

const label = (s: string) => s.replace('_', ' ');

export function OrgPrivacyRequests({ say }: { say: Say }) {
  const requests = useLoad(() => api.GET('/v1/org/privacy/requests'), []);
  const members = useLoad(() => api.GET('/v1/org/members', { params: { query: { limit: 100 } } }), []);
  const who = (userId: string) => members.data?.items.find((m) => m.userId === userId)?.email ?? userId;
  const now = Date.now();
  return (
    <section aria-labelledby="h-org-requests">
      <h2 id="h-org-requests">The organisation's requests</h2>
      <p>Requests your members made to this organisation (by mail, by phone), recorded here with their legal deadline. An access request is answered with the member's export (below); an erasure is carried out by the erasure job and cannot be marked done by hand.</p>
      <form onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const details = formValue(form, 'details');
        const body = { userId: formValue(form, 'member'), type: formValue(form, 'type') as FileType, ...(details ? { details } : {}) };
        if (await act(say, api.POST('/v1/org/privacy/requests', { body }), 'Request recorded.')) {
          form.reset();
          requests.reload();
        }
      }}>
        <Field id="or-member" label="Member"><select id="or-member" name="member" required>{members.data?.items.map((m) => <option key={m.userId} value={m.userId}>{m.email}</option>)}</select></Field>
        <Field id="or-type" label="Request received"><select id="or-type" name="type">{FILE_TYPES.map((t) => <option key={t} value={t}>{label(t)}</option>)}</select></Field>
        <Field id="or-details" label="What the member asked (optional)"><textarea id="or-details" name="details" maxLength={2000} /></Field>
        <button type="submit">Record the request</button>
      </form>
      <LoadError error={requests.error} />
      <Table id="org-requests" caption="Requests filed through this organisation, newest first" cols={['Filed', 'Member', 'Type', 'Status', 'Due', 'Details', 'Resolution', 'Answer']}
        rows={requests.data?.items} rowKey={(r) => r.id} empty="No requests."
        row={(r) => {
          const moves = answersFor(r);
          const overdue = !r.closedAt && Date.parse(r.dueAt) < now;
          const what = `the ${label(r.type)} request of ${who(r.subject)}`;
          return [when(r.createdAt), who(r.subject), label(r.type), label(r.status), <span key="due" className={overdue ? 'error' : ''}>{when(r.dueAt)}{overdue ? ' (overdue)' : ''}</span>, r.details ?? '—', r.resolution ?? '—',
            moves.length === 0 ? '—' : (
              <form key="answer" aria-label={`Answer ${what}`} onSubmit={async (e) => {
                e.preventDefault();
                const form = e.currentTarget;
                const body = { status: formValue(form, 'status') as Answer, resolution: formValue(form, 'resolution') };
                if (await act(say, api.PATCH('/v1/org/privacy/requests/{requestId}', { params: { path: { requestId: r.id } }, body }), `The ${label(r.type)} request is now ${label(body.status)}.`)) requests.reload();
              }}>
                <Field id={`ans-status-${r.id}`} label="New status"><select id={`ans-status-${r.id}`} name="status">{moves.map((s) => <option key={s} value={s}>{label(s)}</option>)}</select></Field>
                <Field id={`ans-res-${r.id}`} label="Resolution the member reads"><textarea id={`ans-res-${r.id}`} name="resolution" required maxLength={2000} /></Field>
                <button type="submit" aria-label={`Answer ${what}`}>Answer</button>
              </form>
            )];
        }} />
    </section>
  );
}
