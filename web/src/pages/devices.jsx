// Medical devices (docs/devices.md), in tabs: the remediation worklist, most urgent first — SSVC
// outcome, then due date, then CVSS and EPSS — filtered by department, 100 findings a page, each
// row's SSVC inputs on its badge and its device linked to the device page (device_page.jsx:
// the model's security contact and MDS2 answers, and changing a finding's state); the CVD
// reports (cvd_reports.jsx); the hosts passive discovery has seen (discovered_hosts.jsx). Each
// tab is offered only to roles that may read its route (session.js mayUse).
import { query } from '../api.js';
import { useApi, Loading, ErrorNotice } from '../components/status.jsx';
import { href, navigate } from '../router.js';
import { mayUse } from '../session.js';
import { DevicePage, deviceHref } from './device_page.jsx';
import { CvdReports, CvdReportPage } from './cvd_reports.jsx';
import { DiscoveredHosts } from './discovered_hosts.jsx';

const deviceTabs = [
  { key: '', label: 'Worklist', route: 'GET /api/v1/vulns/worklist' },
  { key: 'cvd', label: 'CVD reports', route: 'GET /api/v1/devices/cvd' },
  { key: 'discovered', label: 'Discovered hosts', route: 'GET /api/v1/devices/discovered' },
];

export function Devices({ account, parts, params }) {
  const [tab, id] = parts;
  if (tab === 'device' && id) return <DevicePage id={id} account={account} />;
  const tabs = deviceTabs.filter((t) => mayUse(account, t.route));
  const current = tabs.find((t) => t.key === (tab || '')) || tabs[0];
  let body = <Worklist params={params} />;
  if (current?.key === 'cvd') body = id ? <CvdReportPage id={id} account={account} /> : <CvdReports account={account} params={params} />;
  else if (current?.key === 'discovered') body = <DiscoveredHosts />;
  return (
    <>
      <h1>Devices</h1>
      <nav aria-label="Device sections">
        <ul class="tabs">
          {tabs.map((t) => (
            <li key={t.key}><a href={href(t.key ? `/devices/${t.key}` : '/devices')} aria-current={t === current ? 'page' : undefined}>{t.label}</a></li>
          ))}
        </ul>
      </nav>
      {body}
    </>
  );
}

function why(item) {
  return (item.ssvc_inputs || []).map((i) => `${i.decision_point}: ${i.value}${i.assumed ? ' (assumed)' : ''} — ${i.reason}`).join('\n');
}

function Worklist({ params }) {
  const department = params.department || '';
  const offset = params.offset || '';
  const limit = 100;  // findings a page
  const { data, error, loading } = useApi(`/vulns/worklist${query({ department, offset, limit: String(limit) })}`);
  const page = (to) => navigate('/devices', { department, offset: to ? String(to) : '' });
  return (
    <>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); navigate('/devices', { department: e.currentTarget.elements.department.value }); }}>
        <label for="device-department">Department</label>
        <input id="device-department" name="department" defaultValue={department} />
        <button type="submit">Show</button>
      </form>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && (
        <table class="worklist">
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
                <td><a href={deviceHref(i.device_id)}>{i.device_id}</a></td>
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
