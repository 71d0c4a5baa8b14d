// AI governance: the registry of AI systems (status, risk tier, re-review dates) and one
// system's page — its risk and reasons, what still blocks approval, reviews, evidence, the
// history of decisions with who and why, the HTI-1 source attributes a predictive DSI lacks, and
// the AI RMF checklist. AI use is its own page (ai_usage.jsx). Read-only; changes are made
// with `ward ai …` or the API (docs/ai_governance.md).
import { useApi, Loading, ErrorNotice, when } from '../components/status.jsx';

export function AiRegistry() {
  const { data, error, loading } = useApi('/ai/systems');
  return (
    <>
      <h1>AI systems</h1>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && (
        <table>
          <caption>The AI system registry</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Vendor</th><th scope="col">Status</th><th scope="col">Risk tier</th><th scope="col">Re-review</th></tr></thead>
          <tbody>
            {data.systems.length === 0 && <tr><td colSpan={5}>No AI systems yet (ward ai add FILE.json).</td></tr>}
            {data.systems.map((s) => (
              <tr key={s.id}>
                <td><a href={`#/ai/${encodeURIComponent(s.id)}`}>{s.name}</a></td>
                <td>{s.vendor || '—'}</td>
                <td>{s.status}</td>
                <td><span class={`badge tier-${s.risk_tier}`}>{s.risk_tier}</span></td>
                <td>{s.next_review || '—'}{s.review_overdue && <strong> (overdue)</strong>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function AiSystemPage({ id }) {
  const { data: s, error, loading } = useApi(`/ai/systems/${encodeURIComponent(id)}`);
  if (loading && !s) return <Loading />;
  if (error) return <><h1>AI system</h1><ErrorNotice error={error} /></>;
  const blocked = s.approval_blocked_by.summary;
  return (
    <>
      <h1>{s.name}</h1>
      <p><a href="#/ai">All AI systems</a></p>
      <dl class="facts">
        <dt>Status</dt><dd>{s.status}{s.conditions && ` — conditions: ${s.conditions}`}</dd>
        <dt>Risk tier</dt><dd>{s.risk.tier}: {s.risk.reasons.join('; ')}</dd>
        <dt>Vendor, version</dt><dd>{[s.vendor, s.version].filter(Boolean).join(' ') || '—'}</dd>
        <dt>Purpose</dt><dd>{s.purpose || '—'}</dd>
        <dt>Use, deployment</dt><dd>{s.use}, {s.deployment}</dd>
        <dt>Users</dt><dd>{s.users.join(', ') || '—'}</dd>
        <dt>Receives PHI</dt><dd>{s.receives_phi ? `yes (${s.data_categories.join(', ') || 'categories not given'})` : 'no'}</dd>
        <dt>Owner</dt><dd>{s.owner || '—'}</dd>
        <dt>Re-review by</dt><dd>{s.next_review || '—'}</dd>
      </dl>
      <h2>Approval</h2>
      <p>{blocked ? `Blocked: ${blocked}` : 'Nothing missing.'}</p>
      {s.approval_blocked_by.missing_source_attributes.length > 0 && (
        <details>
          <summary>HTI-1 source attributes missing from the record ({s.approval_blocked_by.missing_source_attributes.length})</summary>
          <ul>
            {s.approval_blocked_by.missing_source_attributes.map((a) => <li key={a.key}><code>{a.key}</code> ({a.reference}): {a.description}</li>)}
          </ul>
        </details>
      )}
      <h2>Reviews</h2>
      <ul>
        {s.reviews.length === 0 && <li>None yet.</li>}
        {s.reviews.map((r, i) => <li key={i}>{r.area}: {r.outcome} by {r.reviewer}, {when(r.at)}{r.notes && ` — ${r.notes}`}</li>)}
      </ul>
      <h2>Evidence</h2>
      <ul>
        {s.evidence.length === 0 && <li>None yet.</li>}
        {s.evidence.map((e) => <li key={e.id}>#{e.id} {e.kind}: {e.summary} ({e.added_by}, {when(e.at)})</li>)}
      </ul>
      <h2>History</h2>
      <table>
        <caption>Every decision with who and why</caption>
        <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Who</th><th scope="col">Why</th></tr></thead>
        <tbody>
          {s.history.map((h, i) => <tr key={i}><td>{when(h.at)}</td><td>{h.action}</td><td>{h.by}</td><td>{h.reason}</td></tr>)}
        </tbody>
      </table>
      <h2>AI RMF 1.0 checklist</h2>
      <p>{s.ai_rmf.met} of {s.ai_rmf.total} subcategories met ({s.ai_rmf.answered} answered).</p>
      <table>
        <caption>NIST AI RMF 1.0 subcategories</caption>
        <thead><tr><th scope="col">Subcategory</th><th scope="col">Met</th><th scope="col">Evidence</th></tr></thead>
        <tbody>
          {s.ai_rmf.subcategories.map((c) => (
            <tr key={c.id}>
              <td><strong>{c.id}</strong> {c.text}</td>
              <td>{c.met === null ? 'not answered' : c.met ? 'met' : 'not met'}</td>
              <td>{c.evidence || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
