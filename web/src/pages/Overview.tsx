import { api } from '../api/client';
import { useMe } from '../App';
import { Field, LoadError, act, formValue, useLoad, useStatus, when } from '../ui';

export function Overview() {
  const { me, orgId, refresh } = useMe();
  const [status, say] = useStatus();
  const org = useLoad(() => (orgId ? api.GET('/v1/org') : Promise.resolve({ data: undefined, error: { detail: 'No organisation yet.' }, response: new Response(null, { status: 404 }) })), [orgId]);
  const perms = useLoad(() => (orgId ? api.GET('/v1/org/my-permissions') : Promise.resolve({ data: undefined, error: undefined, response: new Response(null, { status: 404 }) })), [orgId]);
  return (
    <>
      <h1>Overview</h1>
      {status}
      {orgId && org.data ? (
        <section aria-labelledby="h-org">
          <h2 id="h-org">{org.data.name}</h2>
          <p>Plan <strong>{org.data.plan}</strong>, created {when(org.data.createdAt)}.</p>
          {perms.data ? <p>Your roles: <strong id="my-roles">{perms.data.roles.join(', ')}</strong>. You may: {perms.data.permissions.join(', ') || 'nothing'}.</p> : null}
        </section>
      ) : orgId ? <LoadError error={org.error} /> : <p>You belong to no organisation yet: create one below, or accept an invitation from its mail.</p>}
      <section aria-labelledby="h-orgs">
        <h2 id="h-orgs">Your organisations</h2>
        <ul id="orgs">{me.memberships.map((m) => <li key={m.orgId}>{m.name} ({m.roles.join(', ')})</li>)}</ul>
        <form onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const name = formValue(form, 'name');
          const r = await api.POST('/v1/orgs', { body: { name } });
          if (!(await act(say, Promise.resolve(r), `Organisation ${name} created; it is now your active organisation.`)) || !r.data) return;
          await api.PUT('/v1/me/active-org', { body: { orgId: r.data.id } });
          form.reset();
          await refresh();
        }}>
          <Field id="org-name" label="New organisation"><input id="org-name" name="name" type="text" required maxLength={200} autoComplete="organization" /></Field>
          <button type="submit">Create organisation</button>
        </form>
      </section>
    </>
  );
}
