import { api } from '../api/client';
import { useMe } from '../App';
import { Field, LoadError, Table, act, formValue, useLoad, useStatus, when } from '../ui';

export function Members() {
  const { me } = useMe();
  const [status, say] = useStatus();
  const members = useLoad(() => api.GET('/v1/org/members', { params: { query: { limit: 100 } } }), []);
  const invitations = useLoad(() => api.GET('/v1/org/invitations', { params: { query: { limit: 100 } } }), []);
  const roles = useLoad(() => api.GET('/v1/org/roles'), []);
  const roleNames = roles.data?.items.map((r) => r.name) ?? ['admin', 'operator', 'viewer'];
  return (
    <>
      <h1>Members and invitations</h1>
      {status}
      <section aria-labelledby="h-members">
        <h2 id="h-members">Members</h2>
        <LoadError error={members.error} />
        <Table id="members" caption="Members of this organisation" cols={['Email', 'Name', 'Roles', 'Joined', 'Actions']} rows={members.data?.items} rowKey={(m) => m.userId} empty="No members."
          row={(m) => [m.email, m.name ?? '', (
            <form key="roles" className="inline" onSubmit={async (e) => {
              e.preventDefault();
              if (await act(say, api.PATCH('/v1/org/members/{userId}', { params: { path: { userId: m.userId } }, body: { roles: [formValue(e.currentTarget, 'role')] } }), `Roles of ${m.email} changed.`)) members.reload();
            }}>
              <label htmlFor={`role-${m.userId}`} className="sr-only">Role of {m.email}</label>
              <select id={`role-${m.userId}`} name="role" defaultValue={m.roles[0]}>{roleNames.map((r) => <option key={r}>{r}</option>)}</select>
              <button type="submit" aria-label={`Save the role of ${m.email}`}>Save</button>
            </form>
          ), when(m.joinedAt), m.userId === me.user.id ? 'you' : (
            <span key="actions">
              <button type="button" aria-label={`Sign ${m.email} out everywhere`} onClick={() => void act(say, api.DELETE('/v1/org/members/{userId}/sessions', { params: { path: { userId: m.userId } } }), `${m.email} is signed out of every session.`)}>Sign out everywhere</button>{' '}
              <button type="button" className="danger" aria-label={`Remove ${m.email}`} onClick={async () => { if (await act(say, api.DELETE('/v1/org/members/{userId}', { params: { path: { userId: m.userId } } }), `${m.email} removed.`)) members.reload(); }}>Remove</button>
            </span>
          )]} />
      </section>
      <section aria-labelledby="h-invite">
        <h2 id="h-invite">Invitations</h2>
        <form onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const email = formValue(form, 'email');
          if (await act(say, api.POST('/v1/org/invitations', { body: { email, roles: [formValue(form, 'role')] } }), `Invitation sent to ${email}.`)) {
            form.reset();
            invitations.reload();
          }
        }}>
          <Field id="invite-email" label="Email address"><input id="invite-email" name="email" type="email" required autoComplete="off" /></Field>
          <Field id="invite-role" label="Role"><select id="invite-role" name="role" defaultValue="viewer">{roleNames.map((r) => <option key={r}>{r}</option>)}</select></Field>
          <button type="submit">Send invitation</button>
        </form>
        <LoadError error={invitations.error} />
        <Table id="invitations" caption="Pending invitations" cols={['Email', 'Roles', 'Expires', 'Actions']} rows={invitations.data?.items} rowKey={(i) => i.id} empty="None pending."
          row={(i) => [i.email, i.roles.join(', '), when(i.expiresAt),
            <button key="revoke" type="button" className="danger" aria-label={`Revoke the invitation of ${i.email}`} onClick={async () => { if (await act(say, api.DELETE('/v1/org/invitations/{id}', { params: { path: { id: i.id } } }), `Invitation of ${i.email} revoked.`)) invitations.reload(); }}>Revoke</button>]} />
      </section>
    </>
  );
}
