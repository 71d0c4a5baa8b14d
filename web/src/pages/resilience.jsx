// The Program page's Resilience tab: critical services with their RTO/RPO, the findings on their
// backups and procedures, the single points of failure of the tier-1 services and overdue
// corrective actions (GET /api/v1/program/resilience; the executive may read it). Roles the
// access policy lets edit a service get an Edit button per service (service_form.jsx).
// docs/program.md#resilience explains the checks.
import { useState } from 'preact/hooks';
import { mayUse } from '../session.js';
import { useApi, Loading, ErrorNotice } from '../components/status.jsx';
import { ServiceForm } from './service_form.jsx';

function List({ caption, rows, empty }) {
  return (
    <section>
      <h2>{caption} ({rows.length})</h2>
      {rows.length === 0 ? <p>{empty}</p> : <ul>{rows.map((r) => <li key={r}>{r}</li>)}</ul>}
    </section>
  );
}

export function Resilience({ account }) {
  const report = useApi('/program/resilience');
  const [editing, setEditing] = useState(null);
  const [saved, setSaved] = useState(null);
  const mayEdit = mayUse(account, 'PATCH /api/v1/program/services/{service}');
  const r = report.data;
  return (
    <>
      <ErrorNotice error={report.error} />
      {report.loading && !r && <Loading />}
      {r && (
        <>
          <table>
            <caption>Critical services</caption>
            <thead><tr><th scope="col">Service</th><th scope="col">Tier</th><th scope="col">RTO</th><th scope="col">RPO</th><th scope="col">Findings</th>{mayEdit && <th scope="col"><span class="visually-hidden">Actions</span></th>}</tr></thead>
            <tbody>
              {r.services.length === 0 && <tr><td colSpan={mayEdit ? 6 : 5}>No services recorded (ward program service add).</td></tr>}
              {r.services.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td><td>{s.tier}</td><td>{s.rto}</td><td>{s.rpo}</td><td>{s.findings}</td>
                  {mayEdit && <td><button type="button" class="small" onClick={() => { setSaved(null); setEditing(s.id); }}>Edit {s.name}</button></td>}
                </tr>
              ))}
            </tbody>
          </table>
          {saved && <p role="status">Service {saved.name} saved: tier {saved.tier}, RTO {saved.rto}, RPO {saved.rpo}.</p>}
          {editing && (
            <ServiceForm key={editing} id={editing} onCancel={() => setEditing(null)}
              onDone={(s) => { setEditing(null); setSaved(s); report.reload(); }} />
          )}
          <List caption="Findings" rows={r.findings.map((f) => f.text)} empty="No findings." />
          <List caption="Single points of failure of tier-1 services" rows={r.single_points_of_failure.map((p) => p.text)}
                empty="No tier-1 service depends on anything recorded." />
          {r.cycles.length > 0 && <List caption="Dependency cycles" rows={r.cycles.map((c) => c.text)} empty="" />}
          <List caption="Overdue corrective actions"
                rows={r.overdue_actions.map((a) => `${a.text} (${a.owner}), due ${a.due}, ${a.days_late} days late`)}
                empty="No overdue corrective actions." />
        </>
      )}
    </>
  );
}
