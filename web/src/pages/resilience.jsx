// The Program page's Resilience tab: critical services with their RTO/RPO, the findings on their
// backups and procedures, the single points of failure of the tier-1 services and overdue
// corrective actions (GET /api/v1/program/resilience; read-only, the executive may read it).
// docs/program.md#resilience explains the checks.
import { useApi, Loading, ErrorNotice } from '../components/status.jsx';

function List({ caption, rows, empty }) {
  return (
    <section>
      <h2>{caption} ({rows.length})</h2>
      {rows.length === 0 ? <p>{empty}</p> : <ul>{rows.map((r) => <li key={r}>{r}</li>)}</ul>}
    </section>
  );
}

export function Resilience() {
  const report = useApi('/program/resilience');
  const r = report.data;
  return (
    <>
      <ErrorNotice error={report.error} />
      {report.loading && !r && <Loading />}
      {r && (
        <>
          <table>
            <caption>Critical services</caption>
            <thead><tr><th scope="col">Service</th><th scope="col">Tier</th><th scope="col">RTO</th><th scope="col">RPO</th><th scope="col">Findings</th></tr></thead>
            <tbody>
              {r.services.length === 0 && <tr><td colSpan={5}>No services recorded (ward program service add).</td></tr>}
              {r.services.map((s) => (
                <tr key={s.id}><td>{s.name}</td><td>{s.tier}</td><td>{s.rto}</td><td>{s.rpo}</td><td>{s.findings}</td></tr>
              ))}
            </tbody>
          </table>
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
