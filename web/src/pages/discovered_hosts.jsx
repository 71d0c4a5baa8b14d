// The hosts passive discovery has seen (GET /api/v1/devices/discovered, docs/devices.md#passive-discovery),
// a tab of the Devices page, reconciled with the inventory and ordered for the work they need:
// hosts seen but not in the CMMS first, then devices whose CMMS IP or MAC differs from what was
// seen, then CMMS devices never seen, then the rest. Read-only: reconciling is done in the CMMS
// and re-imported.
import { useApi, Loading, ErrorNotice, when } from '../components/status.jsx';
import { deviceHref } from './device_page.jsx';

// Lower sorts first: the rows needing attention lead.
function urgency(row) {
  if (row.status === 'new') return 0;
  if (row.conflicts.length > 0) return 1;
  if (row.status === 'unseen') return 2;
  return 3;
}

const statusText = (row) => (row.status === 'new' ? 'not in the CMMS' : row.status === 'unseen' ? 'never seen'
  : row.conflicts.length > 0 ? 'CMMS differs' : 'matched');

export function DiscoveredHosts() {
  const { data, error, loading } = useApi('/devices/discovered');
  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  const rows = data.rows.map((r, i) => ({ ...r, i })).sort((a, b) => urgency(a) - urgency(b) || a.i - b.i);
  const count = (u) => rows.filter((r) => urgency(r) === u).length;
  return (
    <>
      <dl class="counts">
        <div><dt>Hosts seen</dt><dd>{data.hosts}</dd></div>
        <div><dt>Not in the CMMS</dt><dd>{count(0)}</dd></div>
        <div><dt>CMMS differs</dt><dd>{count(1)}</dd></div>
        <div><dt>Never seen</dt><dd>{count(2)}</dd></div>
      </dl>
      <table class="discovered">
        <caption>Discovered hosts, those not reconciled with the inventory first</caption>
        <thead><tr><th scope="col">Status</th><th scope="col">Host</th><th scope="col">Vendor</th><th scope="col">Services</th>
          <th scope="col">First seen</th><th scope="col">Last seen</th><th scope="col">CMMS device</th><th scope="col">Differences, hints</th></tr></thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={8}>No hosts seen yet (ward devices discover LOGS…).</td></tr>}
          {rows.map((r) => {
            const a = r.asset || {};
            return (
              <tr key={`${a.key || ''} ${r.device_id}`}>
                <td><span class={`badge${urgency(r) < 2 ? ' bad' : ''}`}>{statusText(r)}</span></td>
                <td>{[a.hostname, a.ip || r.cmms?.ip, a.mac || r.cmms?.mac].filter(Boolean).join(' · ') || '—'}</td>
                <td>{a.vendor || '—'}</td>
                <td>{(a.services || []).join(', ') || '—'}</td>
                <td>{when(a.first_seen)}</td>
                <td>{when(a.last_seen)}</td>
                <td>{r.device_id ? <a href={deviceHref(r.device_id)}>{r.device_id}</a> : '—'}{r.basis && ` (by ${r.basis})`}</td>
                <td>{[...r.conflicts.map((c) => `${c.field}: CMMS ${c.cmms}, seen ${c.observed}`), ...r.hints].join('; ') || '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
