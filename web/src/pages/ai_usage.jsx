// AI use: the AI services staff used over a window of days (what `ward ai usage` counted from
// proxy, DNS and Zeek logs), each marked approved / unapproved / unknown by the registry and
// "new" when first seen in the window, with the requests that carried PHI (the DLP's ICAP
// findings) per service and per user. Reads GET /api/v1/ai/usage (docs/ai_governance.md).
import { query } from '../api.js';
import { useApi, Loading, ErrorNotice, when } from '../components/status.jsx';
import { navigate } from '../router.js';

function statusMark(statuses) {
  if (statuses.length === 1 && statuses[0] === 'approved') return <span class="badge status-approved">approved</span>;
  return <span class="badge status-unapproved">{statuses.filter((s) => s !== 'approved').join(', ')}{statuses.includes('approved') ? ' (partly approved)' : ''}</span>;
}

export function AiUsage({ params }) {
  const from = params.from || '';
  const to = params.to || '';
  const { data, error, loading } = useApi(`/ai/usage${query({ from, to })}`);
  return (
    <>
      <h1>AI use</h1>
      <p><a href="#/ai">AI systems</a></p>
      <form class="filters" onSubmit={(e) => {
        e.preventDefault();
        const f = e.currentTarget.elements;
        navigate('/ai-usage', { from: f.from.value, to: f.to.value });
      }}>
        <label for="ai-usage-from">From</label>
        <input id="ai-usage-from" name="from" type="date" defaultValue={from} />
        <label for="ai-usage-to">To</label>
        <input id="ai-usage-to" name="to" type="date" defaultValue={to} />
        <button type="submit">Show</button>
      </form>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && (
        <>
          <p>{data.window.from} to {data.window.to}: {data.ai_requests} requests to AI services, {data.phi_requests} with PHI.</p>
          <table>
            <caption>Usage by service</caption>
            <thead><tr><th scope="col">Service</th><th scope="col">Group</th><th scope="col">Registry</th><th scope="col">Requests</th>
              <th scope="col">Users or clients</th><th scope="col">Requests with PHI</th></tr></thead>
            <tbody>
              {data.services.length === 0 && <tr><td colSpan={6}>No AI use recorded in these days (ward ai usage LOGS records it).</td></tr>}
              {data.services.map((s) => (
                <tr key={s.service}>
                  <td>{s.service}{s.first_seen && <strong> (new)</strong>}</td>
                  <td>{s.group || '—'}</td>
                  <td>{statusMark(s.status)}</td>
                  <td>{s.requests}</td>
                  <td>{s.users}</td>
                  <td>{s.phi_requests > 0 ? <strong>{s.phi_requests}</strong> : 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>PHI sent to AI services</h2>
          <table>
            <caption>Requests with PHI per user and service (from the DLP; counts by type, never values)</caption>
            <thead><tr><th scope="col">User or client</th><th scope="col">Department</th><th scope="col">Service</th><th scope="col">Registry</th>
              <th scope="col">Requests</th><th scope="col">Blocked</th><th scope="col">PHI found</th><th scope="col">Last</th></tr></thead>
            <tbody>
              {data.phi_to_ai.length === 0 && <tr><td colSpan={8}>None in these days.</td></tr>}
              {data.phi_to_ai.map((p) => (
                <tr key={`${p.service} ${p.who}`}>
                  <td>{p.who}</td>
                  <td>{p.department || '—'}</td>
                  <td>{p.service}</td>
                  <td>{p.status}{p.baa ? ' (BAA on file)' : ''}</td>
                  <td>{p.requests}</td>
                  <td>{p.blocked}</td>
                  <td>{Object.entries(p.phi).map(([type, n]) => `${n} ${type}`).join(', ')}</td>
                  <td>{when(p.last)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>By department</h2>
          <table>
            <caption>Usage by department</caption>
            <thead><tr><th scope="col">Department</th><th scope="col">Requests</th><th scope="col">Not approved</th><th scope="col">Users</th><th scope="col">Services</th></tr></thead>
            <tbody>
              {data.by_department.map((d) => (
                <tr key={d.department}><td>{d.department}</td><td>{d.requests}</td><td>{d.unapproved_requests}</td><td>{d.users}</td><td>{d.services.join(', ')}</td></tr>
              ))}
            </tbody>
          </table>
          <h2>By user</h2>
          <table>
            <caption>Usage by user or client address</caption>
            <thead><tr><th scope="col">User or client</th><th scope="col">Department</th><th scope="col">Requests</th><th scope="col">Not approved</th><th scope="col">With PHI</th><th scope="col">Services</th></tr></thead>
            <tbody>
              {data.by_user.map((u) => (
                <tr key={u.who}><td>{u.who}</td><td>{u.department || '—'}</td><td>{u.requests}</td><td>{u.unapproved_requests}</td><td>{u.phi_requests}</td><td>{u.services.join(', ')}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
