import { api } from '../api/client';
import { Field, LoadError, act, formValue, useLoad, useStatus } from '../ui';

type Toggle = 'api_keys' | 'invitations' | 'integrations' | 'audit_export' | 'sharing' | 'data_export';

export function Policies() {
  const [status, say] = useStatus();
  const policies = useLoad(() => api.GET('/v1/org/policies'), []);
  const roles = useLoad(() => api.GET('/v1/org/roles'), []);
  const auth = useLoad(() => api.GET('/v1/org/auth-policy'), []);
  const org = useLoad(() => api.GET('/v1/org'), []);
  const roleNames = roles.data?.items.map((r) => r.name) ?? [];
  const idle = (org.data?.settings as { sessionIdleTimeoutSeconds?: number | null } | undefined)?.sessionIdleTimeoutSeconds;
  return (
    <>
      <h1>Policies</h1>
      {status}
      <section aria-labelledby="h-toggles">
        <h2 id="h-toggles">What each role may do</h2>
        <p>A policy switches a capability off for a role, on top of its permissions (ABAC-1).</p>
        <LoadError error={policies.error} />
        {policies.data && roles.data ? (
          <form onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const changes = policies.data!.toggles.flatMap((t) => roleNames.map((role) => ({
              toggle: t.name as Toggle, role, enabled: (form.elements.namedItem(`t-${t.name}-${role}`) as HTMLInputElement).checked,
            })));
            if (await act(say, api.PATCH('/v1/org/policies', { body: { changes } }), 'Policies saved.')) policies.reload();
          }}>
            <table>
              <caption>Capabilities by role (checked: allowed)</caption>
              <thead><tr><th scope="col">Capability</th>{roleNames.map((r) => <th scope="col" key={r}>{r}</th>)}</tr></thead>
              <tbody id="policies">{policies.data.toggles.map((t) => (
                <tr key={t.name}><th scope="row">{t.name}<br /><small>{t.description}</small></th>{roleNames.map((r) => (
                  <td key={r}><input type="checkbox" name={`t-${t.name}-${r}`} aria-label={`${t.name} allowed for ${r}`} defaultChecked={!t.disabledFor.includes(r)} /></td>
                ))}</tr>
              ))}</tbody>
            </table>
            <button type="submit">Save policies</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="h-auth">
        <h2 id="h-auth">Sign-in</h2>
        <LoadError error={auth.error} />
        {auth.data ? (
          <form onSubmit={async (e) => {
            e.preventDefault();
            const requireMfa = (e.currentTarget.elements.namedItem('requireMfa') as HTMLInputElement).checked;
            if (await act(say, api.PUT('/v1/org/auth-policy', { body: { requireMfa } }), requireMfa ? 'Members must now use a second factor.' : 'A second factor is no longer required.')) auth.reload();
          }}>
            <div className="check"><input type="checkbox" id="require-mfa" name="requireMfa" defaultChecked={auth.data.requireMfa} /><label htmlFor="require-mfa">Members must sign in with a second factor</label></div>
            <button type="submit">Save sign-in policy</button>
          </form>
        ) : null}
        <form onSubmit={async (e) => {
          e.preventDefault();
          const v = formValue(e.currentTarget, 'idle');
          if (await act(say, api.PATCH('/v1/org', { body: { settings: { sessionIdleTimeoutSeconds: v ? Number(v) * 60 : null } } }), 'Idle timeout saved.')) org.reload();
        }}>
          <Field id="idle" label="Sign members out after this many idle minutes (empty: the deployment's default)"><input id="idle" name="idle" type="number" min={1} max={10080} defaultValue={idle ? Math.round(idle / 60) : ''} key={String(idle)} /></Field>
          <button type="submit">Save idle timeout</button>
        </form>
      </section>
    </>
  );
}
