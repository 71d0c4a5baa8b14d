// The risk register on the Program page: the risks, highest residual score first (ties:
// inherent, then id), as the board report ranks them (GET /api/v1/program/risks), and for roles
// the access policy lets write, forms to add a risk (POST /api/v1/program/risks) and a treatment
// (POST /api/v1/program/risks/{risk}/treatments). The server checks the scores, the linked
// controls and the dates, and names the field it refuses.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { mayUse } from '../session.js';
import { useSubmission } from '../components/submission.js';
import { splitList } from './program_vendors.jsx';

const scale = [1, 2, 3, 4, 5];
const kinds = ['mitigate', 'accept', 'transfer', 'avoid'];
const statuses = ['planned', 'in_progress', 'done', 'cancelled'];

export function RiskTable({ risks }) {
  const sorted = [...risks].sort((a, b) => b.residual_score - a.residual_score || b.inherent_score - a.inherent_score || a.id - b.id);
  const open = (r) => r.treatments.filter((t) => t.status === 'planned' || t.status === 'in_progress').length;
  return (
    <table>
      <caption>Risks (score = likelihood × impact; residual after done treatments)</caption>
      <thead><tr><th scope="col">Risk</th><th scope="col">Category</th><th scope="col">Owner</th><th scope="col">Inherent</th><th scope="col">Residual</th><th scope="col">Open treatments</th><th scope="col">Controls</th></tr></thead>
      <tbody>
        {sorted.length === 0 && <tr><td colSpan={7}>No risks recorded yet.</td></tr>}
        {sorted.map((r) => (
          <tr key={r.id}>
            <td>{r.id}. {r.title}</td>
            <td>{r.category}</td>
            <td>{r.owner}</td>
            <td>{r.inherent_score}</td>
            <td>{r.residual_score}</td>
            <td>{open(r)}</td>
            <td>{r.controls.map((c) => `${c.catalog}:${c.control}`).join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// Only the fields filled in are sent; numbers as numbers.
function compact(fields, numbers) {
  const body = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === '') continue;
    body[k] = numbers.includes(k) ? Number(v) : v;
  }
  return body;
}

function ScaleSelect({ id, label, value, onChange, optional }) {
  return (
    <><label for={id}>{label}</label>
      <select id={id} value={value} onChange={onChange}>
        {optional && <option value="">as the risk’s</option>}
        {scale.map((n) => <option key={n} value={String(n)}>{n}</option>)}
      </select></>
  );
}

function RiskForm({ onDone }) {
  const empty = { title: '', description: '', category: '', owner: '', likelihood: '3', impact: '3', controls: '' };
  const [f, setF] = useState(empty);
  const { busy, error, run } = useSubmission();
  const [added, setAdded] = useState(null);
  const set = (key) => (e) => setF({ ...f, [key]: e.currentTarget.value });
  const submit = (e) => {
    e.preventDefault();
    return run(async () => {
      const body = compact({ ...f, controls: '' }, ['likelihood', 'impact']);
      body.controls = splitList(f.controls);
      const risk = await api('/program/risks', { method: 'POST', body });
      setAdded(risk);
      setF(empty);
      onDone();
    });
  };
  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Add a risk</legend>
        <label for="risk-title">Risk</label>
        <input id="risk-title" value={f.title} onInput={set('title')} required />
        <label for="risk-description">Description</label>
        <textarea id="risk-description" rows={2} value={f.description} onInput={set('description')} />
        <label for="risk-category">Category</label>
        <input id="risk-category" value={f.category} onInput={set('category')} />
        <label for="risk-owner">Owner</label>
        <input id="risk-owner" value={f.owner} onInput={set('owner')} />
        <ScaleSelect id="risk-likelihood" label="Likelihood (1–5)" value={f.likelihood} onChange={set('likelihood')} />
        <ScaleSelect id="risk-impact" label="Impact (1–5)" value={f.impact} onChange={set('impact')} />
        <label for="risk-controls">Linked controls (comma-separated, e.g. csf-2.0:PR.DS-11)</label>
        <input id="risk-controls" value={f.controls} onInput={set('controls')} />
        {error && <p class="error" role="alert">{error}</p>}
        {added && !error && <p role="status">Risk {added.id} added: {added.title}, score {added.inherent_score}.</p>}
        <button type="submit" disabled={busy}>Add risk</button>
      </fieldset>
    </form>
  );
}

function TreatmentForm({ risks, onDone }) {
  const empty = { kind: 'mitigate', description: '', owner: '', status: 'planned', cost: '', residual_likelihood: '', residual_impact: '', target: '' };
  const [risk, setRisk] = useState(risks[0] ? String(risks[0].id) : '');
  const [f, setF] = useState(empty);
  const { busy, error, run } = useSubmission();
  const [added, setAdded] = useState(null);
  const set = (key) => (e) => setF({ ...f, [key]: e.currentTarget.value });
  const submit = (e) => {
    e.preventDefault();
    return run(async () => {
      await api(`/program/risks/${risk}/treatments`, { method: 'POST', body: compact(f, ['cost', 'residual_likelihood', 'residual_impact']) });
      setAdded(`${f.kind} “${f.description}” added to risk ${risk}.`);
      setF(empty);
      onDone();
    });
  };
  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Add a treatment</legend>
        <label for="treatment-risk">To risk</label>
        <select id="treatment-risk" value={risk} onChange={(e) => setRisk(e.currentTarget.value)} required>
          {risks.map((r) => <option key={r.id} value={String(r.id)}>{r.id}. {r.title}</option>)}
        </select>
        <label for="treatment-kind">Kind</label>
        <select id="treatment-kind" value={f.kind} onChange={set('kind')}>{kinds.map((k) => <option key={k} value={k}>{k}</option>)}</select>
        <label for="treatment-description">What will be done</label>
        <input id="treatment-description" value={f.description} onInput={set('description')} required />
        <label for="treatment-owner">Treatment owner</label>
        <input id="treatment-owner" value={f.owner} onInput={set('owner')} />
        <label for="treatment-status">Status</label>
        <select id="treatment-status" value={f.status} onChange={set('status')}>{statuses.map((s) => <option key={s} value={s}>{s.replace('_', ' ')}</option>)}</select>
        <label for="treatment-cost">Estimated cost (whole currency units)</label>
        <input id="treatment-cost" type="number" min={0} value={f.cost} onInput={set('cost')} />
        <ScaleSelect id="treatment-likelihood" label="Likelihood once done" value={f.residual_likelihood} onChange={set('residual_likelihood')} optional />
        <ScaleSelect id="treatment-impact" label="Impact once done" value={f.residual_impact} onChange={set('residual_impact')} optional />
        <label for="treatment-target">Target date</label>
        <input id="treatment-target" type="date" value={f.target} onInput={set('target')} />
        {error && <p class="error" role="alert">{error}</p>}
        {added && !error && <p role="status">{added}</p>}
        <button type="submit" disabled={busy || !risk}>Add treatment</button>
      </fieldset>
    </form>
  );
}

export function Risks({ account, risks, onChange }) {
  return (
    <>
      <RiskTable risks={risks} />
      {mayUse(account, 'POST /api/v1/program/risks') && <RiskForm onDone={onChange} />}
      {risks.length > 0 && mayUse(account, 'POST /api/v1/program/risks/{risk}/treatments') && <TreatmentForm risks={risks} onDone={onChange} />}
    </>
  );
}
