// One privacy case: who, why it was raised, the accesses with what explained them (or did not),
// its review history and related cases, and the review form. The patient stays masked until
// "Show patient" asks the server for them, so the opening is in Ward's audit trail.
import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { useApi, Loading, ErrorNotice, NotFound, when } from '../components/status.jsx';
import { ReviewForm } from '../components/review_form.jsx';
import { href } from '../router.js';
import { useAccount } from '../session.js';

// A patient, masked until someone asks; `compact` for a timeline row.
function Patient({ id, compact = false, onShown }) {
  const [patient, setPatient] = useState(null);
  const [error, setError] = useState(null);
  const show = async () => {
    setError(null);
    try {
      const report = await api(`/patients/${encodeURIComponent(id)}/accesses?limit=1`);
      setPatient(report.patient);
      onShown(id);
    } catch (err) {
      setError(err);
    }
  };
  if (!patient) {
    return (
      <>
        <span class="masked">hidden</span>{' '}
        <button type="button" class={compact ? 'small' : ''} aria-label="Show patient" onClick={show}>{compact ? 'Show' : 'Show patient'}</button>
        {!compact && <span class="hint"> (opening the patient is recorded in Ward's audit trail)</span>}
        <ErrorNotice error={error} />
      </>
    );
  }
  if (compact) return <a href={href(`/patients/${patient.id}`)}>{patient.name || patient.id}</a>;
  return (
    <span class="patient">
      {patient.name || '(no name in the directory)'} · MRN {patient.mrn || '—'} · id {patient.id}
      {patient.birth_date ? ` · born ${patient.birth_date}` : ''}
      {patient.confidential ? <strong class="badge bad"> confidential</strong> : null}{' '}
      <a href={href(`/patients/${patient.id}`)}>Patient access report</a>
    </span>
  );
}

// The accesses; each one's object (often the patient's record reference) stays masked with
// its patient.
function Timeline({ accesses, severalPatients, revealed, onShown }) {
  return (
    <table>
      <caption>Accesses in this case, with what explained each one</caption>
      <thead><tr><th scope="col">Time</th>{severalPatients && <th scope="col">Patient</th>}<th scope="col">Action</th><th scope="col">Object</th><th scope="col">Purpose</th><th scope="col">Explained?</th></tr></thead>
      <tbody>
        {accesses.map((a) => (
          <tr key={a.seq}>
            <td>{when(a.time)}</td>
            {severalPatients && <td><Patient id={a.patient_id} compact onShown={onShown} /></td>}
            <td>{a.action}</td>
            <td class="wrap">{!a.object ? '—' : (severalPatients ? revealed.has(a.patient_id) : revealed.size > 0) ? a.object : <span class="masked">hidden with the patient</span>}</td>
            <td>{a.purpose || '—'}</td>
            <td>{a.explained ? <><span class="badge ok">yes</span> {a.code}: {a.evidence}</> : <><span class="badge bad">no</span> {a.evidence}</>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History({ history }) {
  if (history.length === 0) return <p>No review yet.</p>;
  return (
    <ol class="history">
      {history.map((h, i) => (
        <li key={i}>
          <strong>{when(h.time)}</strong>: {h.actor} moved it from {h.from} to {h.to}
          {h.assignee ? `, assigned to ${h.assignee}` : ''}{h.outcome ? `, outcome ${h.outcome}` : ''}
          {h.reason_code ? `, reason ${h.reason_code}` : ''}{h.reason ? <>: <q>{h.reason}</q></> : ''}
        </li>
      ))}
    </ol>
  );
}

function Related({ caseRecord }) {
  const { data } = useApi(`/privacy/cases${query({ user: caseRecord.user_id, limit: 11, status: '' })}`);
  const others = (data?.cases || []).filter((c) => c.case_id !== caseRecord.case_id).slice(0, 10);
  if (others.length === 0) return <p>No other cases for this user.</p>;
  return (
    <ul>
      {others.map((c) => (
        <li key={c.case_id}><a href={href(`/cases/${c.case_id}`)}>Case {c.case_id}</a>: {c.categories}, score {c.score.toFixed(2)}, {c.status.replace('_', ' ')}</li>
      ))}
    </ul>
  );
}

export function CasePage({ id }) {
  const account = useAccount();
  const [revealed, setRevealed] = useState(() => new Set());
  const onShown = (patientId) => setRevealed((s) => new Set([...s, patientId]));
  const { data, error, loading, reload } = useApi(`/privacy/cases/${encodeURIComponent(id)}`);
  if (error?.status === 404) return <NotFound what="case" />;
  if (loading && !data) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  const c = data;
  return (
    <>
      <p class="crumbs"><a href="#/cases">Privacy cases</a> › Case {c.case_id}</p>
      <h1>Case {c.case_id} <span class={`badge status-${c.status}`}>{c.status.replace('_', ' ')}</span></h1>
      <dl class="facts">
        <div><dt>User</dt><dd><a href={href(`/users/${c.user_id}`)}>{c.user_id}</a></dd></div>
        <div><dt>Patient</dt><dd>{c.patient_id ? <Patient id={c.patient_id} key={c.patient_id} onShown={onShown} /> : 'several (each in the timeline below)'}</dd></div>
        <div><dt>Score</dt><dd>{c.score.toFixed(2)}</dd></div>
        <div><dt>Categories</dt><dd>{c.categories}</dd></div>
        <div><dt>Why it was raised</dt><dd>{c.reason}</dd></div>
        <div><dt>Accesses</dt><dd>{when(c.first)} to {when(c.last)}</dd></div>
        <div><dt>Assignee</dt><dd>{c.assignee ?? '—'}</dd></div>
        {c.outcome && <div><dt>Outcome</dt><dd>{c.outcome}</dd></div>}
        {c.reason_code && <div><dt>Dismissed because</dt><dd>{c.reason_code}{c.status_reason ? `: ${c.status_reason}` : ''}</dd></div>}
      </dl>
      <ReviewForm key={`${c.status}-${c.assignee}`} caseRecord={c} me={account?.username || ''} onDone={reload} />
      <section aria-labelledby="history-h">
        <h2 id="history-h">Review history</h2>
        <History history={c.history} />
      </section>
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">Access timeline</h2>
        <Timeline accesses={c.timeline} severalPatients={!c.patient_id} revealed={revealed} onShown={onShown} />
      </section>
      <section aria-labelledby="related-h">
        <h2 id="related-h">Related cases (same user)</h2>
        <Related caseRecord={c} />
      </section>
    </>
  );
}
