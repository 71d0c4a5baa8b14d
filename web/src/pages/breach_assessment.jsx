// An incident's HIPAA breach assessment (45 CFR 164.402) on its page: the outcome with its
// reasons, the notification deadlines the server computed (individuals, media per state, HHS or
// its yearly log, the covered entity for a business associate, state laws) with the days left,
// and for the roles that may, the form that records it (PUT /api/v1/program/incidents/{incident}/
// assessment). The server checks it whole and saves nothing when it refuses a field: a missing
// discovery date, dates in the wrong order, an unknown state code — named beside the field.
// A presumed breach also shows its OCR breach portal answers, and the CSV to copy them from
// (GET /api/v1/program/export/ocr?incident=ID).
import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { mayUse } from '../session.js';
import { useApi, ErrorNotice, when, words } from '../components/status.jsx';
import { useSubmission } from '../components/submission.js';
import { Field, FormError } from '../components/field.jsx';
import { DaysLeft } from '../components/days_left.jsx';

const exceptions = [
  ['', 'none'],
  ['unintentional_workforce', 'unintentional, good-faith use by the workforce (i)'],
  ['inadvertent_authorized', 'inadvertent disclosure between authorised people (ii)'],
  ['unable_to_retain', 'the recipient could not have kept it (iii)'],
];
const factors = [
  ['nature', 'Nature and extent of the PHI (i)', ['limited', 'sensitive']],
  ['recipient', 'Who received or used it (ii)', ['hipaa_obligated', 'workforce', 'unknown', 'malicious']],
  ['acquired', 'Was it actually acquired or viewed? (iii)', ['not_viewed', 'viewed', 'unknown']],
  ['mitigation', 'How far the risk was mitigated (iv)', ['assured', 'partial', 'none']],
];
const breachTypes = ['Hacking/IT Incident', 'Improper Disposal', 'Loss', 'Theft', 'Unauthorized Access/Disclosure', 'Other'];
const locations = ['Desktop Computer', 'Electronic Medical Record', 'Email', 'Laptop', 'Network Server',
  'Other Portable Electronic Device', 'Paper/Films', 'Other'];
const phiTypes = ['Clinical', 'Demographic', 'Financial', 'Other'];
const outcomes = {
  presumed_breach: 'Presumed breach: notify (the deadlines below run from discovery)',
  low_probability: 'Low probability that the PHI was compromised: no notification',
  exception: 'Not a breach: an exception of 164.402(1) applies',
  secured: 'Not a breach: the PHI was secured (encrypted or destroyed)',
};

// {"CA": 650, "CO": 50} ⇄ "CA 650, CO 50"
const residentsText = (r) => Object.entries(r || {}).map(([s, n]) => `${s} ${n}`).join(', ');
function parseResidents(text) {
  const out = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = part.match(/^([A-Za-z]{2})\s*[:=]?\s*(\d+)$/);
    if (!m) return { error: `residents: "${part}" is not a state code and a count, like "CA 650"` };
    out[m[1].toUpperCase()] = Number(m[2]);
  }
  return { residents: out };
}

function formOf(answers, incident) {
  const a = answers || {};
  const ocr = a.ocr || {};
  const f = {
    discovered: a.discovered || incident.discovered_on || '', individuals: a.individuals === undefined ? '' : String(a.individuals),
    residents: residentsText(a.residents), role: a.role || 'covered_entity', exception: a.exception || '', secured: !!a.secured,
    breach_start: ocr.breach_start || incident.occurred_on || '', breach_end: ocr.breach_end || '', breach_type: ocr.breach_type || '',
    location: ocr.location || '', phi_types: ocr.phi_types || [], safeguards: ocr.safeguards || '', actions: ocr.actions || '',
    business_associate_involved: !!ocr.business_associate_involved,
  };
  for (const [key] of factors) {
    f[`${key}.answer`] = a[key]?.answer || '';
    f[`${key}.notes`] = a[key]?.notes || '';
  }
  return f;
}

function bodyOf(f, residents) {
  const body = {
    discovered: f.discovered, role: f.role, exception: f.exception, secured: f.secured, residents,
    ocr: {
      breach_start: f.breach_start, breach_end: f.breach_end, breach_type: f.breach_type, location: f.location,
      phi_types: f.phi_types, safeguards: f.safeguards, actions: f.actions, business_associate_involved: f.business_associate_involved,
    },
  };
  // A count the server reads as a number; anything else it refuses, naming "individuals".
  if (f.individuals !== '') body.individuals = /^\d+$/.test(f.individuals) ? Number(f.individuals) : f.individuals;
  for (const [key] of factors) body[key] = { answer: f[`${key}.answer`], notes: f[`${key}.notes`] };
  return body;
}

export function BreachAssessment({ account, incident, mayAssess, onDone }) {
  const a = incident.assessment;
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="breach-heading">
      <h3 id="breach-heading">HIPAA breach assessment</h3>
      {!a && <p>Not assessed yet.</p>}
      {a && (
        <>
          <p><strong>{outcomes[a.outcome] || words(a.outcome)}</strong> <small>(assessed by {a.assessed_by}, {when(a.assessed)})</small></p>
          <ul class="plain">{a.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
        </>
      )}
      {incident.deadlines.length > 0 && <Deadlines deadlines={incident.deadlines} />}
      {incident.notes.length > 0 && <ul class="plain notes">{incident.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
      {a?.notify && mayUse(account, 'GET /api/v1/program/export/ocr') && <OcrExport incident={incident} />}
      {mayAssess && !editing && <button type="button" onClick={() => setEditing(true)}>{a ? 'Change the assessment' : 'Assess this incident'}</button>}
      {mayAssess && editing && (
        <AssessmentForm incident={incident} onCancel={() => setEditing(false)} onDone={() => { setEditing(false); onDone(); }} />
      )}
    </section>
  );
}

function Deadlines({ deadlines }) {
  return (
    <table>
      <caption>Notification deadlines, counted from discovery</caption>
      <thead><tr><th scope="col">Notify</th><th scope="col">Due</th><th scope="col">Left</th><th scope="col">Rule</th><th scope="col">Why</th></tr></thead>
      <tbody>
        {deadlines.map((d) => (
          <tr key={d.duty}>
            <td>{d.notify}</td>
            <td>{d.due}{d.hold_until && <><br /><small>not before {d.hold_until} (law-enforcement delay, +{d.delay_days} days)</small></>}</td>
            <td><DaysLeft days={d.days_left} /></td>
            <td>{d.rule}</td>
            <td class="wrap">{d.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const entityTypes = ['Healthcare Provider', 'Health Plan', 'Healthcare Clearinghouse'];

function OcrExport({ incident }) {
  const [entity, setEntity] = useState({ entity_name: '', entity_type: entityTypes[0] });
  const params = { incident: incident.id, ...entity };
  const report = useApi(`/program/export/ocr${query(params)}`);
  const r = report.data?.reports?.[0];
  const set = (key) => (e) => setEntity({ ...entity, [key]: e.currentTarget.value });
  return (
    <details class="ocr">
      <summary>OCR breach portal answers</summary>
      <div class="filters">
        <label for="ocr-entity-name">Covered entity name</label>
        <input id="ocr-entity-name" value={entity.entity_name} onChange={set('entity_name')} />
        <label for="ocr-entity-type">Type</label>
        <select id="ocr-entity-type" value={entity.entity_type} onChange={set('entity_type')}>
          {entityTypes.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
        <a href={`/api/v1/program/export/ocr${query({ ...params, format: 'csv' })}`} download={`ocr-breach-report-incident-${incident.id}.csv`}>Download the CSV</a>
      </div>
      <ErrorNotice error={report.error} />
      {r && (
        <dl class="facts">
          {Object.entries(r).map(([k, v]) => <div key={k}><dt>{words(k)}</dt><dd>{Array.isArray(v) ? v.join(', ') : String(v) || '—'}</dd></div>)}
        </dl>
      )}
    </details>
  );
}

// The fields the form shows the server's errors beside; any other error goes to its foot.
const shownFields = ['discovered', 'individuals', 'residents', 'role', 'exception',
  ...factors.flatMap(([k]) => [`${k}.answer`, `${k}.notes`]),
  ...['breach_start', 'breach_end', 'breach_type', 'location', 'phi_types', 'safeguards', 'actions'].map((k) => `ocr.${k}`)];

function AssessmentForm({ incident, onCancel, onDone }) {
  const [f, setF] = useState(() => formOf(incident.assessment?.answers, incident));
  const s = useSubmission();
  const set = (key) => (e) => setF({ ...f, [key]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });
  const togglePhi = (t) => setF({ ...f, phi_types: f.phi_types.includes(t) ? f.phi_types.filter((x) => x !== t) : [...f.phi_types, t] });
  const ocrAt = (key) => s.errorAt(`ocr.${key}`);
  const submit = (e) => {
    e.preventDefault();
    const parsed = parseResidents(f.residents);
    if (parsed.error) return s.fail({ message: parsed.error, field: 'residents' });
    return s.run(async () => {
      await api(`/program/incidents/${incident.id}/assessment`, { method: 'PUT', body: bodyOf(f, parsed.residents) });
      onDone();
    });
  };
  return (
    <form class="review assessment" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Breach assessment of incident {incident.id}</legend>
        <Field id="breach-discovered" label="Discovered on (the clock starts here)" error={s.errorAt('discovered')}>
          <input type="date" value={f.discovered} onInput={set('discovered')} required />
        </Field>
        <Field id="breach-individuals" label="Individuals affected (an estimate will do)" error={s.errorAt('individuals')}>
          <input type="number" min={0} value={f.individuals} onInput={set('individuals')} required />
        </Field>
        <Field id="breach-residents" label="Residents per state (e.g. CA 650, CO 50)" error={s.errorAt('residents')}>
          <input value={f.residents} onInput={set('residents')} />
        </Field>
        <Field id="breach-role" label="We are the" error={s.errorAt('role')}>
          <select value={f.role} onChange={set('role')}>
            <option value="covered_entity">covered entity</option>
            <option value="business_associate">business associate (we tell the covered entity)</option>
          </select>
        </Field>
        <Field id="breach-exception" label="Exception (164.402(1))" error={s.errorAt('exception')}>
          <select value={f.exception} onChange={set('exception')}>{exceptions.map(([v, label]) => <option key={v} value={v}>{label}</option>)}</select>
        </Field>
        <label><input type="checkbox" checked={f.secured} onChange={set('secured')} /> The PHI was secured (encrypted or destroyed per HHS guidance)</label>
        <fieldset>
          <legend>The four factors (164.402(2))</legend>
          {factors.map(([key, label, choices]) => (
            <div key={key} class="factor">
              <Field id={`breach-${key}`} label={label} error={s.errorAt(`${key}.answer`)}>
                <select value={f[`${key}.answer`]} onChange={set(`${key}.answer`)}>
                  <option value="">not answered</option>
                  {choices.map((c) => <option key={c} value={c}>{words(c)}</option>)}
                </select>
              </Field>
              <Field id={`breach-${key}-notes`} label={`Why (${key})`} error={s.errorAt(`${key}.notes`)}>
                <input value={f[`${key}.notes`]} onInput={set(`${key}.notes`)} />
              </Field>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>For the OCR breach portal</legend>
          <Field id="breach-start" label="Breach started on" error={ocrAt('breach_start')}><input type="date" value={f.breach_start} onInput={set('breach_start')} /></Field>
          <Field id="breach-end" label="Breach ended on" error={ocrAt('breach_end')}><input type="date" value={f.breach_end} onInput={set('breach_end')} /></Field>
          <Field id="breach-type" label="Type of breach" error={ocrAt('breach_type')}>
            <select value={f.breach_type} onChange={set('breach_type')}><option value="">not said</option>{breachTypes.map((t) => <option key={t} value={t}>{t}</option>)}</select>
          </Field>
          <Field id="breach-location" label="Location of the information" error={ocrAt('location')}>
            <select value={f.location} onChange={set('location')}><option value="">not said</option>{locations.map((t) => <option key={t} value={t}>{t}</option>)}</select>
          </Field>
          <fieldset class="choices">
            <legend>Type of PHI</legend>
            {phiTypes.map((t) => <label key={t}><input type="checkbox" checked={f.phi_types.includes(t)} onChange={() => togglePhi(t)} /> {t}</label>)}
          </fieldset>
          {ocrAt('phi_types') && <p class="error" role="alert">{ocrAt('phi_types')}</p>}
          <Field id="breach-safeguards" label="Safeguards in place before the breach" error={ocrAt('safeguards')}><textarea rows={2} value={f.safeguards} onInput={set('safeguards')} /></Field>
          <Field id="breach-actions" label="Actions taken in response" error={ocrAt('actions')}><textarea rows={2} value={f.actions} onInput={set('actions')} /></Field>
          <label><input type="checkbox" checked={f.business_associate_involved} onChange={set('business_associate_involved')} /> A business associate was involved</label>
        </fieldset>
        <FormError message={s.errorElsewhere(shownFields)} />
        <div class="choices">
          <button type="submit" disabled={s.busy}>Save the assessment</button>
          <button type="button" class="link" onClick={onCancel}>Cancel</button>
        </div>
      </fieldset>
    </form>
  );
}
