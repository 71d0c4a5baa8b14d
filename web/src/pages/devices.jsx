// Medical devices: the remediation worklist (docs/devices.md), most urgent first — SSVC outcome,
// then due date, then CVSS and EPSS — filtered by department, 100 findings a page; each row says
// why through its SSVC inputs. Changing a finding's state is PATCH /api/v1/devices/{device}/findings/{advisory}
// (or `ward vulns status`).
import { query } from '../api.js';
import { useApi, Loading, ErrorNotice } from '../components/status.jsx';
import { navigate } from '../router.js';

function why(item) {
  return (item.ssvc_inputs || []).map((i) => `${i.decision_point}: ${i.value}${i.assumed ? ' (assumed)' : ''} — ${i.reason}`).join('\n');
}

export function Devices({ params }) {
  const department = params.department || '';
  const offset = params.offset || '';
  const limit = 100;  // findings a page
  const { data, error, loading } = useApi(`/vulns/worklist${query({ department, offset, limit: String(limit) })}`);
  const page = (to) => navigate('/devices', { department, offset: to ? String(to) : '' });
  return (
    <>
      <h1>Devices</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); navigate('/devices', { department: e.currentTarget.elements.department.value }); }}>
        <label for="device-department">Department</label>
        <input id="device-department" name="department" defaultValue={department} />
        <button type="submit">Show</button>
      </form>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && (
        <table>
          <caption>Worklist: findings to remediate, most urgent first ({data.ssvc_tree === 'cisa' ? 'CISA' : 'CERT/CC deployer'} SSVC tree)
            {data.total > data.items.length && ` — ${data.offset + 1}–${data.offset + data.items.length} of ${data.total}`}</caption>
          <thead>
            <tr><th scope="col">#</th><th scope="col">Device</th><th scope="col">Department</th><th scope="col">Advisory</th><th scope="col">CVE</th>
              <th scope="col">SSVC</th><th scope="col">Due</th><th scope="col">State</th><th scope="col">CVSS</th><th scope="col">EPSS</th></tr>
          </thead>
          <tbody>
            {data.items.length === 0 && <tr><td colSpan={10}>Nothing to remediate.</td></tr>}
            {data.items.map((i) => (
              <tr key={`${i.device_id} ${i.advisory_id} ${i.cve}`}>
                <td>{i.rank}</td>
                <td>{i.device_id}</td>
                <td>{i.department || '—'}</td>
                <td>{i.advisory_id}</td>
                <td>{i.cve || '—'}</td>
                <td><span class="badge" title={why(i)}>{i.ssvc}</span></td>
                <td>{i.due || '—'}{i.overdue ? ' (overdue)' : ''}</td>
                <td>{i.acceptance_expired ? 'risk accepted (expired)' : i.state}</td>
                <td>{i.cvss_base ?? '—'}</td>
                <td>{i.epss ? i.epss.score.toFixed(3) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data && (data.offset > 0 || data.next_offset != null) && (
        <nav class="pager" aria-label="Worklist pages">
          {data.offset > 0 && <button type="button" onClick={() => page(Math.max(0, data.offset - limit))}>Previous</button>}
          {data.next_offset != null && <button type="button" onClick={() => page(data.next_offset)}>Next</button>}
        </nav>
      )}
    </>
  );
}
