import { useState } from 'react';
import { api } from '../api/client';
import { useMe } from '../App';
import { Field, LoadError, Table, act, formValue, useLoad, useStatus, when } from '../ui';

type Enrol = { secret: string; otpauthUri: string; qrSvg: string };

function svgData(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
}

export function Security() {
  const { orgId } = useMe();
  const [status, say] = useStatus();
  const [enrol, setEnrol] = useState<Enrol | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const mfa = useLoad(() => api.GET('/v1/me/mfa'), []);
  const passkeys = useLoad(() => api.GET('/v1/me/passkeys'), []);
  const sso = useLoad(() => (orgId ? api.GET('/v1/org/sso') : Promise.resolve({ data: undefined, error: { detail: 'No organisation.' }, response: new Response(null, { status: 404 }) })), [orgId]);
  return (
    <>
      <h1>SSO and MFA</h1>
      {status}
      <section aria-labelledby="h-mfa">
        <h2 id="h-mfa">Your second factor</h2>
        <LoadError error={mfa.error} />
        {mfa.data ? <p id="mfa-state">Authenticator app: <strong>{mfa.data.totp.enabled ? 'on' : 'off'}</strong>. Recovery codes left: {mfa.data.recoveryCodesLeft}.{mfa.data.requiredByOrg ? ' Your organisation requires a second factor.' : ''}</p> : null}
        {mfa.data && !mfa.data.totp.enabled && !enrol ? (
          <button type="button" onClick={async () => { const r = await api.POST('/v1/me/mfa/totp'); if (await act(say, Promise.resolve(r), 'Scan the code with your authenticator app, then enter a code it shows.') && r.data) setEnrol(r.data); }}>Set up an authenticator app</button>
        ) : null}
        {enrol ? (
          <form onSubmit={async (e) => {
            e.preventDefault();
            const r = await api.POST('/v1/me/mfa/totp/confirm', { body: { code: formValue(e.currentTarget, 'code') } });
            if (await act(say, Promise.resolve(r), 'The authenticator app is on.') && r.data) {
              setCodes(r.data.recoveryCodes);
              setEnrol(null);
              mfa.reload();
            }
          }}>
            <img src={svgData(enrol.qrSvg)} alt="QR code of the authenticator secret" width={180} height={180} />
            <p>Or type the secret: <code id="totp-secret">{enrol.secret}</code></p>
            <Field id="totp-code" label="Code from your authenticator app"><input id="totp-code" name="code" inputMode="numeric" pattern="[0-9]{6}" maxLength={6} required autoComplete="one-time-code" /></Field>
            <button type="submit">Turn on</button>
          </form>
        ) : null}
        {codes ? <div className="once" role="alert"><p><strong>Your recovery codes, shown only once:</strong></p><ul id="recovery-codes">{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul></div> : null}
        {mfa.data?.totp.enabled ? (
          <p>
            <button type="button" onClick={async () => { const r = await api.POST('/v1/me/mfa/recovery-codes'); if (await act(say, Promise.resolve(r), 'New recovery codes; the old ones no longer work.') && r.data) setCodes(r.data.recoveryCodes); }}>New recovery codes</button>{' '}
            <button type="button" className="danger" onClick={async () => { if (await act(say, api.DELETE('/v1/me/mfa/totp'), 'The authenticator app is off.')) mfa.reload(); }}>Turn off the authenticator app</button>
          </p>
        ) : null}
        <p>The server asks for a fresh second factor (step-up) before sensitive changes; the answer says so when it does.</p>
      </section>
      <section aria-labelledby="h-passkeys">
        <h2 id="h-passkeys">Your passkeys</h2>
        <p>Passkeys are registered from the browser that holds them, through the WebAuthn API (<code>POST /v1/me/passkeys/options</code>, then <code>POST /v1/me/passkeys</code>); the console lists and removes them.</p>
        <LoadError error={passkeys.error} />
        <Table id="passkeys" caption="Passkeys of your account" cols={['Name', 'Kind', 'Backed up', 'Added', 'Last used', 'Actions']} rows={passkeys.data?.items} rowKey={(k) => k.id} empty="No passkeys."
          row={(k) => [k.name, k.deviceType === 'multiDevice' ? 'synced' : 'this device only', k.backedUp ? 'yes' : 'no', when(k.createdAt), when(k.lastUsedAt), (
            <button key="del" type="button" className="danger" aria-label={`Remove passkey ${k.name}`} onClick={async () => { if (await act(say, api.DELETE('/v1/me/passkeys/{id}', { params: { path: { id: k.id } } }), `Passkey ${k.name} removed.`)) passkeys.reload(); }}>Remove</button>
          )]} />
      </section>
      {orgId ? (
        <section aria-labelledby="h-sso">
          <h2 id="h-sso">Single sign-on (OIDC)</h2>
          {sso.data ? (
            <>
              <p id="sso-state">{sso.data.provider} at {sso.data.issuer}, client {sso.data.clientId}: <strong>{sso.data.enabled ? 'enabled' : 'disabled'}</strong>{sso.data.ssoRequired ? ', required for members' : ''}; new members get the role {sso.data.defaultRole}. Updated {when(sso.data.updatedAt)}.</p>
              <Table id="sso-domains" caption="Domains (proved by a DNS TXT record)" cols={['Domain', 'Verified', 'TXT record', 'Actions']} rows={sso.data.domains} rowKey={(d) => d.domain} empty="No domains."
                row={(d) => [d.domain, d.verified ? 'yes' : 'no', `${d.txtName} = ${d.txtValue}`, d.verified ? '' : (
                  <button key="v" type="button" onClick={async () => { if (await act(say, api.POST('/v1/org/sso/domains/{domain}/verify', { params: { path: { domain: d.domain } } }), `${d.domain} verified.`)) sso.reload(); }}>Check DNS</button>
                )]} />
              <form onSubmit={async (e) => {
                e.preventDefault();
                const form = e.currentTarget;
                const domain = formValue(form, 'domain');
                if (await act(say, api.POST('/v1/org/sso/domains', { body: { domain } }), `Add the TXT record for ${domain}, then check DNS.`)) { form.reset(); sso.reload(); }
              }}>
                <Field id="sso-domain" label="Add a domain"><input id="sso-domain" name="domain" required autoComplete="off" /></Field>
                <button type="submit">Add domain</button>
              </form>
              <button type="button" className="danger" onClick={async () => { if (await act(say, api.DELETE('/v1/org/sso'), 'Single sign-on removed.')) sso.reload(); }}>Remove single sign-on</button>
            </>
          ) : <p>{sso.error && !/404|not_found|sso_not_configured/.test(sso.error) ? sso.error : 'Single sign-on is not set up.'}</p>}
          <form onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const secret = formValue(form, 'clientSecret');
            const issuer = formValue(form, 'issuer');
            const tenantId = formValue(form, 'tenantId');
            const body = {
              provider: formValue(form, 'provider') as 'google' | 'microsoft' | 'generic',
              clientId: formValue(form, 'clientId'),
              defaultRole: formValue(form, 'defaultRole') as 'viewer' | 'operator',
              ssoRequired: (form.elements.namedItem('ssoRequired') as HTMLInputElement).checked,
              enabled: (form.elements.namedItem('enabled') as HTMLInputElement).checked,
              ...(secret ? { clientSecret: secret } : {}),
              ...(issuer ? { issuer } : {}),
              ...(tenantId ? { tenantId } : {}),
            };
            if (await act(say, api.PUT('/v1/org/sso', { body }), 'Single sign-on saved.')) sso.reload();
          }}>
            <h3>{sso.data ? 'Change' : 'Set up'} single sign-on</h3>
            <Field id="sso-provider" label="Provider"><select id="sso-provider" name="provider" defaultValue={sso.data?.provider ?? 'generic'}><option value="google">Google</option><option value="microsoft">Microsoft</option><option value="generic">Another OIDC provider</option></select></Field>
            <Field id="sso-issuer" label="Issuer URL (another provider)"><input id="sso-issuer" name="issuer" type="url" autoComplete="off" /></Field>
            <Field id="sso-tenant" label="Tenant id (Microsoft)"><input id="sso-tenant" name="tenantId" autoComplete="off" /></Field>
            <Field id="sso-client" label="Client id"><input id="sso-client" name="clientId" required autoComplete="off" defaultValue={sso.data?.clientId ?? ''} key={sso.data?.clientId ?? ''} /></Field>
            <Field id="sso-secret" label="Client secret (kept sealed; leave empty to keep the current one)"><input id="sso-secret" name="clientSecret" type="password" autoComplete="off" /></Field>
            <Field id="sso-role" label="Role of members who arrive through SSO"><select id="sso-role" name="defaultRole" defaultValue="viewer"><option>viewer</option><option>operator</option></select></Field>
            <div className="check"><input type="checkbox" id="sso-required" name="ssoRequired" /><label htmlFor="sso-required">Members of the verified domains must use SSO</label></div>
            <div className="check"><input type="checkbox" id="sso-enabled" name="enabled" defaultChecked /><label htmlFor="sso-enabled">Enabled</label></div>
            <button type="submit">Save single sign-on</button>
          </form>
        </section>
      ) : null}
    </>
  );
}
