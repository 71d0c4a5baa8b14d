// Administration: Ward's own accounts, API tokens, the inputs and their freshness, the live
// listeners and their counts, and Ward's audit trail. Each tab reads its route and shows the rows as the server gives them; a route this
// server does not have yet (404) says so instead of failing.
import { useApi, Loading, ErrorNotice, when } from '../components/status.jsx';
import { href } from '../router.js';
import { mayUse } from '../session.js';
import { AddAccountForm, AccountToggle } from '../components/account_form.jsx';

// Each tab with the route it reads, shown only to roles that may use it (session.js mayUse).
export const adminTabs = [
  { key: 'accounts', label: 'Accounts and roles', path: '/accounts', list: 'accounts', route: 'GET /api/v1/accounts' },
  { key: 'tokens', label: 'API tokens', path: '/tokens', list: 'tokens', route: 'GET /api/v1/tokens' },
  { key: 'inputs', label: 'Inputs', path: '/stats/inputs?days=1', list: 'inputs', route: 'GET /api/v1/stats/inputs' },
  { key: 'listeners', label: 'Listeners', path: '/inputs', list: 'inputs', route: 'GET /api/v1/inputs',
    empty: 'No MLLP or syslog listener runs: start ward serve with --mllp, --syslog-tcp or --syslog-udp, or enable them in ward.yaml.' },
  { key: 'audit', label: 'Audit log', path: '/audit?limit=100', list: 'entries', route: 'GET /api/v1/audit' },
];

function cell(v) {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return when(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// The first array in the answer: the list, whatever the route calls it.
function rowsOf(data, name) {
  if (!data) return [];
  if (Array.isArray(data)) return data;
  if (Array.isArray(data[name])) return data[name];
  return Object.values(data).find(Array.isArray) || [];
}

// The audit trail's hash chain, checked by the server as `ward verify` does: whole, or where it
// first breaks; the head is what an operator keeps elsewhere to anchor it.
function ChainStatus() {
  const { data, error } = useApi('/audit/verify');
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <Loading />;
  return (
    <p role="status">
      Hash chain:{' '}
      {data.ok ? <strong class="badge ok">verified</strong> : <strong class="badge bad">broken</strong>}{' '}
      {data.entries} entries; head {data.head?.seq}:{' '}<code>{data.head?.hash}</code>
      {data.broken && <> — first break at entry {data.broken.seq}: {data.broken.kind} ({data.broken.detail})</>}
    </p>
  );
}

function Rows({ tab, account }) {
  const { data, error, loading, reload } = useApi(tab.path);
  const manageAccounts = tab.key === 'accounts' && mayUse(account, 'POST /api/v1/accounts');
  if (loading && !data) return <Loading />;
  if (error?.status === 404) return <p>This server has no {tab.label.toLowerCase()} route yet.</p>;
  if (error?.status === 403) return <p>Your role may not see {tab.label.toLowerCase()}: {error.message}</p>;
  if (error) return <ErrorNotice error={error} />;
  const rows = rowsOf(data, tab.list).map((r) => (tab.key === 'inputs' ? { source: r.source, events: r.events, first: r.first, last: r.last, stale: r.stale } : r));
  if (rows.length === 0) return <p>{tab.empty || 'Nothing here yet.'}</p>;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'per_day');
  return (
    <>
      {tab.key === 'audit' && <ChainStatus />}
      {manageAccounts && <AddAccountForm onDone={reload} />}
      <div class="scroll">
        <table>
          <caption>{tab.label} ({rows.length} rows)</caption>
          <thead><tr>{keys.map((k) => <th scope="col" key={k}>{k.replace(/_/g, ' ')}</th>)}{manageAccounts && <th scope="col">change</th>}</tr></thead>
          <tbody>{rows.map((r, i) => (
            <tr key={i}>
              {keys.map((k) => <td key={k} class="wrap">{cell(r[k])}</td>)}
              {manageAccounts && <td><AccountToggle account={r} onDone={reload} /></td>}
            </tr>
          ))}</tbody>
        </table>
      </div>
    </>
  );
}

export function Admin({ account, tab }) {
  const tabs = adminTabs.filter((t) => mayUse(account, t.route));
  if (tabs.length === 0) return <p>Your role has no administration pages.</p>;
  const current = tabs.find((t) => t.key === tab) || tabs[0];
  return (
    <>
      <h1>Admin</h1>
      <nav aria-label="Admin sections">
        <ul class="tabs">
          {tabs.map((t) => (
            <li key={t.key}><a href={href(`/admin/${t.key}`)} aria-current={t === current ? 'page' : undefined}>{t.label}</a></li>
          ))}
        </ul>
      </nav>
      <h2>{current.label}</h2>
      <Rows tab={current} account={account} key={current.key} />
    </>
  );
}
