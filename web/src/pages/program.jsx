// The security program at a glance: the summary's counts, every breach notification deadline
// of open incidents with its days left, soonest first, and the risk register, highest residual
// score first (GET /api/v1/program/summary, /program/deadlines and /program/risks; the executive
// may read all three), with forms to add risks and treatments for the roles that may
// (program_risks.jsx). docs/program.md explains the rules. The other tabs: Incidents
// (program_incidents.jsx), Vendors (program_vendors.jsx), Resilience (resilience.jsx),
// Assessments (program_assessments.jsx), MFA (program_mfa.jsx), Board report (program_board.jsx).
import { href } from '../router.js';
import { mayUse } from '../session.js';
import { useApi, Loading, ErrorNotice } from '../components/status.jsx';
import { Resilience } from './resilience.jsx';
import { Vendors } from './program_vendors.jsx';
import { Risks } from './program_risks.jsx';
import { Assessments } from './program_assessments.jsx';
import { Incidents } from './program_incidents.jsx';
import { Mfa } from './program_mfa.jsx';
import { BoardReport } from './program_board.jsx';
import { DaysLeft } from '../components/days_left.jsx';

const programTabs = [
  { key: '', label: 'Overview', route: 'GET /api/v1/program/summary' },
  { key: 'incidents', label: 'Incidents', route: 'GET /api/v1/program/incidents' },
  { key: 'vendors', label: 'Vendors', route: 'GET /api/v1/program/vendors' },
  { key: 'resilience', label: 'Resilience', route: 'GET /api/v1/program/resilience' },
  { key: 'assessments', label: 'Assessments', route: 'GET /api/v1/program/assessments' },
  { key: 'mfa', label: 'MFA', route: 'GET /api/v1/program/mfa' },
  { key: 'board', label: 'Board report', route: 'GET /api/v1/program/board-report' },
];

function Section({ tab, account, item }) {
  switch (tab) {
    case 'incidents': return <Incidents account={account} id={item} />;
    case 'vendors': return <Vendors account={account} />;
    case 'resilience': return <Resilience account={account} />;
    case 'assessments': return <Assessments account={account} id={item} />;
    case 'mfa': return <Mfa account={account} />;
    case 'board': return <BoardReport />;
    default: return <Overview account={account} />;
  }
}

export function Program({ account, tab, item }) {
  const tabs = programTabs.filter((t) => mayUse(account, t.route));
  const current = tabs.find((t) => t.key === (tab || '')) || tabs[0];
  return (
    <>
      <h1>Security program</h1>
      <nav aria-label="Program sections">
        <ul class="tabs">
          {tabs.map((t) => (
            <li key={t.key}><a href={href(t.key ? `/program/${t.key}` : '/program')} aria-current={t === current ? 'page' : undefined}>{t.label}</a></li>
          ))}
        </ul>
      </nav>
      <Section tab={current?.key} account={account} item={item} />
    </>
  );
}

function Overview({ account }) {
  const summary = useApi('/program/summary');
  const deadlines = useApi('/program/deadlines');
  const risks = useApi('/program/risks');
  const s = summary.data;
  const mayOpen = mayUse(account, 'GET /api/v1/program/incidents/{incident}');
  return (
    <>
      <ErrorNotice error={summary.error || deadlines.error || risks.error} />
      {(summary.loading || deadlines.loading) && !s && <Loading />}
      {s && (
        <dl class="figures">
          <div><dt>Open incidents</dt><dd>{s.open_incidents}</dd></div>
          <div><dt>Breach deadlines</dt><dd>{s.breach_deadlines}</dd></div>
          <div><dt>Overdue</dt><dd>{s.overdue_deadlines}</dd></div>
          <div><dt>Vendors</dt><dd>{s.vendors}</dd></div>
          <div><dt>Business associates without a signed BAA</dt><dd>{s.business_associates_without_signed_baa}</dd></div>
          <div><dt>BAAs and certificates expiring in 60 days</dt><dd>{s.expiring_within_60_days}</dd></div>
          <div><dt>Critical services with a single vendor</dt><dd>{s.single_vendor_services}</dd></div>
        </dl>
      )}
      {deadlines.data && (
        <table>
          <caption>Breach notification deadlines (today {deadlines.data.today}, UTC)</caption>
          <thead><tr><th scope="col">Due</th><th scope="col">Left</th><th scope="col">Incident</th><th scope="col">Notify</th><th scope="col">Rule</th><th scope="col">Why</th></tr></thead>
          <tbody>
            {deadlines.data.deadlines.length === 0 && <tr><td colSpan={6}>No open breach deadlines.</td></tr>}
            {deadlines.data.deadlines.map((d) => (
              <tr key={`${d.incident}-${d.duty}`}>
                <td>{d.due}{d.hold_until && <><br /><small>hold until {d.hold_until}</small></>}</td>
                <td><DaysLeft days={d.days_left} /></td>
                <td>{mayOpen ? <a href={href(`/program/incidents/${d.incident}`)}>{d.incident}</a> : d.incident}</td>
                <td>{d.notify}</td>
                <td>{d.rule}</td>
                <td>{d.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {risks.data && <Risks account={account} risks={risks.data.risks} onChange={risks.reload} />}
    </>
  );
}
