/* The admin console: a layout with the organisation switcher and the page navigation, and a
   small history-API router under /console/. Every page talks to the public API through the
   typed client; the server refuses what the signed-in member may not do (RBAC-1), and the page
   shows that refusal as the problem's words. */
import { createContext, useCallback, useContext, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { api, problemText, setCsrf } from './api/client';
import type { paths } from './api/schema';
import { Overview } from './pages/Overview';
import { Members } from './pages/Members';
import { Roles } from './pages/Roles';
import { Keys } from './pages/Keys';
import { Integrations } from './pages/Integrations';
import { Sessions } from './pages/Sessions';
import { Policies } from './pages/Policies';
import { Alerts } from './pages/Alerts';
import { Audit } from './pages/Audit';
import { Files } from './pages/Files';
import { Webhooks } from './pages/Webhooks';
import { Privacy } from './pages/Privacy';
import { Security } from './pages/Security';

export type Me = paths['/v1/me']['get']['responses'][200]['content']['application/json'];

interface Ctx { me: Me; orgId: string; refresh: () => Promise<void>; navigate: (to: string) => void }
const MeContext = createContext<Ctx | null>(null);
export function useMe(): Ctx {
  return useContext(MeContext) as Ctx;
}

const PAGES: Array<{ path: string; title: string; page: () => ReactNode; needsOrg?: boolean }> = [
  { path: '', title: 'Overview', page: () => <Overview /> },
  { path: 'members', title: 'Members and invitations', page: () => <Members />, needsOrg: true },
  { path: 'roles', title: 'Roles and permissions', page: () => <Roles />, needsOrg: true },
  { path: 'keys', title: 'API keys', page: () => <Keys />, needsOrg: true },
  { path: 'integrations', title: 'Integrations', page: () => <Integrations />, needsOrg: true },
  { path: 'sessions', title: 'Sessions and devices', page: () => <Sessions /> },
  { path: 'policies', title: 'Policies', page: () => <Policies />, needsOrg: true },
  { path: 'alerts', title: 'Alerts', page: () => <Alerts />, needsOrg: true },
  { path: 'audit', title: 'Audit log', page: () => <Audit />, needsOrg: true },
  { path: 'files', title: 'Files', page: () => <Files />, needsOrg: true },
  { path: 'webhooks', title: 'Webhooks', page: () => <Webhooks />, needsOrg: true },
  { path: 'privacy', title: 'Privacy requests', page: () => <Privacy /> },
  { path: 'security', title: 'SSO and MFA', page: () => <Security /> },
];

function current(): string {
  return location.pathname.replace(/^\/console\/?/, '').replace(/\/$/, '');
}

export function App() {
  const [me, setMe] = useState<Me | null | 'signed-out' | 'unreachable'>(null);
  const [path, setPath] = useState(current());
  const [switching, setSwitching] = useState('');

  const refresh = useCallback(async () => {
    try {
      const r = await api.GET('/v1/me');
      if (r.data) {
        setCsrf(r.data.csrfToken);
        setMe(r.data);
      } else setMe('signed-out');
    } catch {
      setMe('unreachable');
    }
  }, []);
  useEffect(() => {
    void refresh();
    const onPop = () => setPath(current());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [refresh]);

  const navigate = useCallback((to: string) => {
    history.pushState(null, '', `/console${to ? `/${to}` : ''}`);
    setPath(to);
  }, []);
  const page = PAGES.find((p) => p.path === path);
  useEffect(() => {
    document.title = `${page?.title ?? 'Not found'} · Palisade console`;
    document.getElementById('main')?.focus();
  }, [page]);

  if (me === null) return <main id="main" tabIndex={-1}><h1>Palisade console</h1><p role="status">Loading…</p></main>;
  if (me === 'signed-out' || me === 'unreachable') {
    return (
      <main id="main" tabIndex={-1}>
        <h1>Palisade console</h1>
        <p>{me === 'signed-out' ? 'You are not signed in.' : 'The server could not be reached.'} <a href="/sign-in">Sign in</a> or <a href="/sign-up">create an account</a>.</p>
      </main>
    );
  }

  const switchOrg = async (orgId: string) => {
    setSwitching('Switching…');
    const r = await api.PUT('/v1/me/active-org', { body: { orgId } });
    setSwitching(r.response.ok ? 'Switched organisation.' : problemText(r.error, r.response.status));
    await refresh();
  };
  const link = (to: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(to);
  };
  const orgId = me.activeOrgId ?? '';

  return (
    <MeContext.Provider value={{ me, orgId, refresh, navigate }}>
      <header>
        <p className="brand">Palisade console</p>
        <form onSubmit={(e) => e.preventDefault()}>
          <label htmlFor="org-select">Organisation</label>
          <select id="org-select" value={orgId} onChange={(e) => void switchOrg(e.target.value)}>
            {orgId ? null : <option value="">none yet</option>}
            {me.memberships.map((m) => <option key={m.orgId} value={m.orgId}>{m.name}</option>)}
          </select>
          <span role="status" className="switch">{switching}</span>
        </form>
        <p className="who">Signed in as <strong id="who">{me.user.email}</strong></p>
        <form onSubmit={(e) => { e.preventDefault(); void api.POST('/v1/auth/sign-out').then(() => location.assign('/sign-in')); }}><button type="submit">Sign out</button></form>
      </header>
      <div className="layout">
        <nav aria-label="Console">
          <ul>{PAGES.map((p) => <li key={p.path}><a href={`/console${p.path ? `/${p.path}` : ''}`} aria-current={p.path === path ? 'page' : undefined} onClick={link(p.path)}>{p.title}</a></li>)}</ul>
          <p><a href="/trust">Trust page</a></p>
        </nav>
        <main id="main" tabIndex={-1}>
          {page
            ? page.needsOrg && !orgId
              ? <><h1>{page.title}</h1><p>Create an organisation on the <a href="/console" onClick={link('')}>overview</a> first.</p></>
              : <div key={`${path}:${orgId}`}>{page.page()}</div>
            : <><h1>Not found</h1><p>No console page is at this address.</p></>}
        </main>
      </div>
    </MeContext.Provider>
  );
}
