// One medical device (GET /api/v1/devices/{device}): its inventory record; whom to call — the
// manufacturer's security contact and PSIRT page for its model — and the model's MDS2 answers,
// or that no form is on file; every tracked finding with its SSVC outcome, due date, state and
// evidence; and, for roles that may change them, the forms that edit the model's contact and
// MDS2 answers (model_profile_form.jsx) and change a finding's state.
import { useState } from 'preact/hooks';
import { useApi, Loading, ErrorNotice } from '../components/status.jsx';
import { FindingStateForm } from '../components/finding_state_form.jsx';
import { ModelProfileForm } from '../components/model_profile_form.jsx';
import { href } from '../router.js';
import { mayUse } from '../session.js';

// The device page's address (#/devices/device/{id}).
export function deviceHref(id) { return href(`/devices/device/${encodeURIComponent(id)}`); }

const yesNo = (v) => (v === true ? 'yes' : v === false ? 'no' : 'not known');

export function DevicePage({ id, account }) {
  const { data: d, error, loading, reload } = useApi(`/devices/${encodeURIComponent(id)}`);
  if (loading && !d) return <Loading />;
  if (error) return <><h1>Device {id}</h1><ErrorNotice error={error} /></>;
  const mayChange = mayUse(account, 'PATCH /api/v1/devices/{device}/findings/{finding}');
  return (
    <>
      <h1>Device {d.device_id}</h1>
      <p class="crumbs"><a href="#/devices">Back to the worklist</a></p>
      <dl class="facts">
        <dt>Manufacturer, model</dt><dd>{d.manufacturer} {d.model}</dd>
        <dt>Software version</dt><dd>{d.version || '—'}</dd>
        <dt>Department, location</dt><dd>{[d.department, d.location].filter(Boolean).join(', ') || '—'}</dd>
        <dt>Clinical function</dt><dd>{d.clinical_function || '—'}</dd>
        <dt>Patient-connected, life-sustaining</dt><dd>{yesNo(d.patient_connected)}, {yesNo(d.life_sustaining)}</dd>
        <dt>Network</dt><dd>{[d.ip, d.mac, d.network_segment].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>Operating system</dt><dd>{d.os || '—'}</dd>
        <dt>Owner</dt><dd>{d.owner || '—'}</dd>
      </dl>
      <ModelProfile profile={d.model_profile} questions={d.mds2_questions} account={account} onChange={reload} />
      <h2>Findings</h2>
      <table>
        <caption>Every tracked finding of {d.device_id}</caption>
        <thead><tr><th scope="col">Advisory</th><th scope="col">CVE</th><th scope="col">SSVC</th><th scope="col">Due</th>
          <th scope="col">State</th><th scope="col">Evidence</th></tr></thead>
        <tbody>
          {d.findings.length === 0 && <tr><td colSpan={6}>No findings.</td></tr>}
          {d.findings.map((f) => (
            <tr key={`${f.advisory_id} ${f.cve}`}>
              <td>{f.advisory_id}</td>
              <td>{f.cve || '—'}</td>
              <td><span class="badge">{f.ssvc}</span></td>
              <td>{f.due || '—'}{f.overdue ? ' (overdue)' : ''}</td>
              <td class="finding-state">{f.state.replace('_', ' ')}{f.expires && ` until ${f.expires}`}{f.acceptance_expired && ' (expired)'}</td>
              <td>{f.evidence || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayChange && d.findings.length > 0 && <FindingStateForm device={d.device_id} findings={d.findings} onDone={reload} />}
    </>
  );
}

// Whom clinical engineering calls about this model, and what its MDS2 form answers; for roles
// that may change models, a button that opens the form editing them.
function ModelProfile({ profile: p, questions, account, onChange }) {
  const [editing, setEditing] = useState(false);
  const mayEdit = mayUse(account, 'PUT /api/v1/devices/models/{model}');
  return (
    <section aria-labelledby="model-contact">
      <h2 id="model-contact">Manufacturer security contact</h2>
      {!p.on_file && <p class="notice">{p.mds2_missing}</p>}
      {p.on_file && (
        <dl class="facts">
          <dt>Contact</dt><dd>{p.contact_name || '—'}</dd>
          <dt>E-mail</dt><dd>{p.contact_email ? <a href={`mailto:${p.contact_email}`}>{p.contact_email}</a> : '—'}</dd>
          <dt>Phone</dt><dd>{p.contact_phone || '—'}</dd>
          <dt>PSIRT / CVD page</dt><dd>{p.psirt_url ? <a href={p.psirt_url} rel="noreferrer noopener" target="_blank">{p.psirt_url}</a> : '—'}</dd>
          <dt>End of support</dt><dd>{p.end_of_support || '—'}</dd>
          {p.notes && <><dt>Notes</dt><dd>{p.notes}</dd></>}
        </dl>
      )}
      {p.on_file && !p.mds2_on_file && <p class="notice">{p.mds2_missing}</p>}
      {p.mds2_on_file && (
        <table>
          <caption>MDS2 form: the manufacturer's answers</caption>
          <thead><tr><th scope="col">Question</th><th scope="col">Asks whether the device…</th><th scope="col">Answer</th></tr></thead>
          <tbody>
            {p.mds2.map((a) => <tr key={a.id}><td>{a.id}</td><td>{a.question}</td><td>{a.answer}</td></tr>)}
          </tbody>
        </table>
      )}
      {mayEdit && !editing && (
        <p><button type="button" onClick={() => setEditing(true)}>Edit the contact and MDS2 answers</button></p>
      )}
      {mayEdit && editing && (
        <ModelProfileForm profile={p} questions={questions} onDone={onChange} onCancel={() => setEditing(false)} />
      )}
    </section>
  );
}
