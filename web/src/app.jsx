// The shell: asks who is signed in (GET /api/v1/session), shows the login page until someone is,
// then the navigation and the page the URL's hash names.
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken, whenSignedOut } from './api.js';
import { useRoute } from './router.js';
import { Login } from './pages/login.jsx';
import { Overview } from './pages/overview.jsx';
import { CaseQueue } from './pages/case_queue.jsx';
import { CasePage } from './pages/case_page.jsx';
import { AccessReport } from './pages/access_report.jsx';
import { AlertList } from './pages/alert_list.jsx';
import { AlertPage } from './pages/alert_page.jsx';
import { RuleList } from './pages/rule_list.jsx';
import { Admin } from './pages/admin.jsx';
import { AiRegistry, AiSystemPage } from './pages/ai_registry.jsx';
import { NotFound } from './components/status.jsx';
import { AccountContext } from './session.js';

const sections = [
  { key: '', label: 'Overview' },
  { key: 'cases', label: 'Privacy cases' },
  { key: 'alerts', label: 'Detection alerts' },
  { key: 'rules', label: 'Rules' },
  { key: 'admin', label: 'Admin' },
  { key: 'ai', label: 'AI systems' },
];

function page(route, account) {
  const [section, id] = route.parts;
  switch (section) {
    case undefined: return <Overview />;
    case 'cases': return id ? <CasePage id={id} /> : <CaseQueue params={route.params} />;
    case 'patients': return <AccessReport kind="patient" id={id} params={route.params} />;
    case 'users': return <AccessReport kind="user" id={id} params={route.params} />;
    case 'alerts': return id ? <AlertPage id={id} /> : <AlertList params={route.params} />;
    case 'rules': return <RuleList params={route.params} />;
    case 'admin': return <Admin account={account} tab={id} />;
    case 'ai': return id ? <AiSystemPage id={id} /> : <AiRegistry />;
    default: return <NotFound what="page" />;
  }
}

export function App() {
  const route = useRoute();
  const [session, setSession] = useState(undefined); // undefined: asking; null: signed out

  useEffect(() => {
    whenSignedOut(() => { setCsrfToken(null); setSession(null); });
    api('/session', { quiet401: true })
      .then((s) => { setCsrfToken(s.csrf_token); setSession(s); })
      .catch(() => setSession(null));
  }, []);

  useEffect(() => {
    const title = sections.find((s) => s.key === (route.parts[0] || ''))?.label;
    document.title = title ? `${title} · Ward` : 'Ward';
  }, [route.path]);

  if (session === undefined) return <p class="loading" role="status">Loading…</p>;
  if (session === null) {
    return <Login onSignedIn={(s) => { setCsrfToken(s.csrf_token); setSession(s); }} />;
  }

  const signOut = async () => {
    try { await api('/session', { method: 'DELETE' }); } finally { setCsrfToken(null); setSession(null); }
  };
  const current = route.parts[0] || '';
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Ward</span>
        <nav aria-label="Main">
          <ul>
            {sections.map((s) => (
              <li key={s.key}>
                <a href={`#/${s.key}`} aria-current={current === s.key ? 'page' : undefined}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {session.account.display_name || session.account.username}
          <span class="role"> ({session.account.role})</span>
          <button type="button" class="link" onClick={signOut}>Sign out</button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        <AccountContext.Provider value={session.account}>{page(route, session.account)}</AccountContext.Provider>
      </main>
    </>
  );
}
