// The Program page's Assessments tab: the control assessments with their score per function
// (GET /api/v1/program/assessments), and one assessment (#/program/assessments/ID, GET
// …/assessments/{assessment}): its controls grouped by function with status, owner, evidence,
// target date and Ward's own evidence, each rated in place (PUT …/controls/{control}) by the
// roles the access policy lets write. The score rule is the server's (docs/program.md).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { href } from '../router.js';
import { mayUse } from '../session.js';
import { useApi, Loading, ErrorNotice, words } from '../components/status.jsx';
import { useSubmission } from '../components/submission.js';

const statuses = ['implemented', 'partial', 'not_implemented', 'not_applicable'];
const percent = (score) => `${Math.round(score * 100)}%`;

export function Assessments({ account, id }) {
  return id ? <AssessmentPage account={account} id={id} /> : <AssessmentList account={account} />;
}

function AssessmentList({ account }) {
  const list = useApi('/program/assessments');
  const mayOpen = mayUse(account, 'GET /api/v1/program/assessments/{assessment}');
  const rows = list.data?.assessments || [];
  return (
    <>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <table>
          <caption>Control assessments (score = implemented + half of partial, over the applicable controls)</caption>
          <thead><tr><th scope="col">Assessment</th><th scope="col">Catalogue</th><th scope="col">Overall</th><th scope="col">By function</th></tr></thead>
          <tbody>
            {rows.length === 0 && <tr><td colSpan={4}>No assessments yet (ward program assess start).</td></tr>}
            {rows.map((a) => (
              <tr key={a.id}>
                <td>{mayOpen ? <a href={href(`/program/assessments/${a.id}`)}>{a.id}. {a.name}</a> : `${a.id}. ${a.name}`}</td>
                <td>{a.catalog_title}</td>
                <td>{percent(a.overall.score)} ({a.overall.implemented} of {a.overall.controls} implemented)</td>
                <td>{a.posture.map((p) => `${p.id} ${percent(p.score)}`).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function AssessmentPage({ account, id }) {
  const report = useApi(`/program/assessments/${encodeURIComponent(id)}`);
  const mayRate = mayUse(account, 'PUT /api/v1/program/assessments/{assessment}/controls/{control}');
  const [rating, setRating] = useState(null);
  const a = report.data;
  return (
    <>
      <p><a href={href('/program/assessments')}>All assessments</a></p>
      <ErrorNotice error={report.error} />
      {report.loading && !a && <Loading />}
      {a && (
        <>
          <h2>{a.name} ({a.catalog_title})</h2>
          <p>Overall {percent(a.overall.score)}: {a.overall.implemented} implemented, {a.overall.partial} partial, {a.overall.not_implemented} not implemented, {a.overall.not_applicable} not applicable, {a.overall.unrated} not rated yet.</p>
          {a.posture.map((p) => (
            <FunctionControls key={p.id} posture={p} controls={a.controls.filter((c) => c.group === p.id)}
              mayRate={mayRate} onRate={setRating} />
          ))}
          {rating && (
            <RateForm key={rating.id} assessment={a.id} control={rating} onCancel={() => setRating(null)}
              onDone={() => { setRating(null); report.reload(); }} />
          )}
        </>
      )}
    </>
  );
}

function FunctionControls({ posture, controls, mayRate, onRate }) {
  return (
    <details open={posture.controls <= 40}>
      <summary>{posture.id} {posture.title}: {percent(posture.score)} ({posture.implemented} implemented, {posture.partial} partial of {posture.controls})</summary>
      <table>
        <caption>{posture.title} controls</caption>
        <thead><tr><th scope="col">Control</th><th scope="col">Status</th><th scope="col">Owner</th><th scope="col">Evidence</th><th scope="col">Target</th><th scope="col">Ward’s evidence</th>{mayRate && <th scope="col"><span class="visually-hidden">Rate</span></th>}</tr></thead>
        <tbody>
          {controls.map((c) => (
            <tr key={c.id}>
              <td class="wrap"><strong>{c.label || c.id}</strong> <span class="statement">{c.statement}</span></td>
              <td>{words(c.status)}</td>
              <td>{c.owner || '—'}</td>
              <td class="wrap">{c.evidence || '—'}</td>
              <td>{c.target || '—'}</td>
              <td class="wrap">{c.ward_evidence.length === 0 ? '—' : <ul class="plain">{c.ward_evidence.map((e) => <li key={e.kind}>{e.text}</li>)}</ul>}</td>
              {mayRate && <td><button type="button" class="small" onClick={() => onRate(c)}>Rate {c.id}</button></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function RateForm({ assessment, control, onDone, onCancel }) {
  const [f, setF] = useState({
    status: statuses.includes(control.status) ? control.status : 'implemented',
    owner: control.owner || '', evidence: control.evidence || '', target: control.target || '',
  });
  const { busy, error, run } = useSubmission();
  const first = useRef(null);
  useEffect(() => { first.current?.focus(); }, []);  // the form opens below the tables: take the reader there
  const set = (key) => (e) => setF({ ...f, [key]: e.currentTarget.value });
  const submit = (e) => {
    e.preventDefault();
    return run(async () => {
      await api(`/program/assessments/${assessment}/controls/${encodeURIComponent(control.id)}`, { method: 'PUT', body: f });
      onDone();
    });
  };
  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Rate {control.id}</legend>
        <p class="hint statement">{control.statement}</p>
        <label for="rate-status">Status</label>
        <select id="rate-status" ref={first} value={f.status} onChange={set('status')}>{statuses.map((s) => <option key={s} value={s}>{words(s)}</option>)}</select>
        <label for="rate-owner">Control owner</label>
        <input id="rate-owner" value={f.owner} onInput={set('owner')} />
        <label for="rate-evidence">Evidence</label>
        <textarea id="rate-evidence" rows={2} value={f.evidence} onInput={set('evidence')} />
        <label for="rate-target">Target date</label>
        <input id="rate-target" type="date" value={f.target} onInput={set('target')} />
        {error && <p class="error" role="alert">{error}</p>}
        <div class="choices">
          <button type="submit" disabled={busy}>Save rating</button>
          <button type="button" class="link" onClick={onCancel}>Close</button>
        </div>
      </fieldset>
    </form>
  );
}
