// The shell: asks who is signed in (GET /api/v1/session), shows the login page until someone is,
// then the navigation and the page the URL's hash names. #/report, the staff report form, needs
// no account.
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
import { Admin, adminTabs } from './pages/admin.jsx';
import { Program } from './pages/program.jsx';
import { Devices } from './pages/devices.jsx';
import { AiRegistry, AiSystemPage } from './pages/ai_registry.jsx';
import { AiUsage } from './pages/ai_usage.jsx';
import { ReportForm } from './pages/report_form.jsx';
import { NotFound } from './components/status.jsx';
import { AccountContext, mayUse } from './session.js';

// Each section with the route its page reads: the navigation offers it only when the session's
// `may_use` (the server's access policy for the role) lists that route.
const sections = [
  { key: '', label: 'Overview' },
  { key: 'cases', label: 'Privacy cases', route: 'GET /api/v1/privacy/cases' },
  { key: 'alerts', label: 'Detection alerts', route: 'GET /api/v1/alerts' },
  { key: 'rules', label: 'Rules', route: 'GET /api/v1/rules' },
  { key: 'admin', label: 'Admin', route: adminTabs.map((t) => t.route) },
  { key: 'program', label: 'Security program', route: 'GET /api/v1/program/summary' },
  { key: 'devices', label: 'Devices', route: 'GET /api/v1/vulns/worklist' },
  { key: 'ai', label: 'AI systems', route: 'GET /api/v1/ai/systems' },
  { key: 'ai-usage', label: 'AI use', route: 'GET /api/v1/ai/usage' },
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
    case 'program': return <Program account={account} tab={id} item={route.parts[2]} />;
    case 'devices': return <Devices account={account} parts={route.parts.slice(1)} params={route.params} />;
    case 'ai': return id ? <AiSystemPage id={id} /> : <AiRegistry />;
    case 'ai-usage': return <AiUsage params={route.params} />;
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

  // The staff report form is open to anyone, signed in or not (#/report).
  if (route.parts[0] === 'report') return <ReportForm signedIn={!!session} />;
  if (session === undefined) return <p class="loading" role="status">Loading…</p>;
  if (session === null) {
    return <Login onSignedIn={(s) => { setCsrfToken(s.csrf_token); setSession(s); }} />;
  }

  const signOut = async () => {
    try { await api('/session', { method: 'DELETE' }); } finally { setCsrfToken(null); setSession(null); }
  };
  const current = route.parts[0] || '';
  const account = { ...session.account, may_use: session.may_use };
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Ward</span>
        <nav aria-label="Main">
          <ul>
            {sections.filter((s) => mayUse(account, s.route)).map((s) => (
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
        <AccountContext.Provider value={account}>{page(route, account)}</AccountContext.Provider>
      </main>
    </>
  );
}
