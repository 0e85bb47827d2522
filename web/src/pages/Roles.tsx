import { api } from '../api/client';
import { Field, LoadError, Table, act, formValue, useLoad, useStatus } from '../ui';

export function Roles() {
  const [status, say] = useStatus();
  const roles = useLoad(() => api.GET('/v1/org/roles'), []);
  const catalogue = useLoad(() => api.GET('/v1/permissions'), []);
  return (
    <>
      <h1>Roles and permissions</h1>
      {status}
      <LoadError error={roles.error} />
      <Table id="roles" caption="Roles in this organisation" cols={['Role', 'Description', 'Permissions', 'Actions']} rows={roles.data?.items} rowKey={(r) => r.id} empty="No roles."
        row={(r) => [r.name + (r.builtIn ? ' (built in)' : ''), r.description, r.permissions.join(', '), r.builtIn ? '' : (
          <button key="del" type="button" className="danger" aria-label={`Delete role ${r.name}`} onClick={async () => { if (await act(say, api.DELETE('/v1/org/roles/{id}', { params: { path: { id: r.id } } }), `Role ${r.name} deleted.`)) roles.reload(); }}>Delete</button>
        )]} />
      <section aria-labelledby="h-new-role">
        <h2 id="h-new-role">New role</h2>
        <p>Custom roles need a plan with the <code>custom_roles</code> feature; the server says so when the plan lacks it.</p>
        <form onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const permissions = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="perm"]:checked'), (i) => i.value);
          const name = formValue(form, 'name');
          const description = formValue(form, 'description');
          if (await act(say, api.POST('/v1/org/roles', { body: { name, permissions, ...(description ? { description } : {}) } }), `Role ${name} created.`)) {
            form.reset();
            roles.reload();
          }
        }}>
          <Field id="role-name" label="Role name"><input id="role-name" name="name" required maxLength={64} autoComplete="off" /></Field>
          <Field id="role-desc" label="Description"><input id="role-desc" name="description" maxLength={500} autoComplete="off" /></Field>
          <fieldset><legend>Permissions</legend>
            {catalogue.data?.permissions.map((p) => (
              <div key={p.name} className="check"><input type="checkbox" id={`perm-${p.name}`} name="perm" value={p.name} /><label htmlFor={`perm-${p.name}`}>{p.name}: {p.description}</label></div>
            ))}
          </fieldset>
          <button type="submit">Create role</button>
        </form>
      </section>
      <section aria-labelledby="h-catalogue">
        <h2 id="h-catalogue">Every permission</h2>
        <LoadError error={catalogue.error} />
        <Table caption="Permissions, the built-in roles that hold them, and the plan feature they need" cols={['Permission', 'Description', 'Built-in roles', 'Feature', 'Usable by API keys']} rows={catalogue.data?.permissions} rowKey={(p) => p.name} empty="None."
          row={(p) => [p.name, p.description, p.builtinRoles.join(', '), p.feature ?? '—', p.keyScopable ? 'yes' : 'no']} />
      </section>
    </>
  );
}
