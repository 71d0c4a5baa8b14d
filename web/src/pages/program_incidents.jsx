// The Program page's Incidents tab (#/program/incidents): incidents newest first with severity,
// state, discovery date, breach assessment and the next notification deadline with its days left
// (GET /api/v1/program/incidents), open ones or all; for roles the access policy lets write, a
// form to open one (POST), each refused field shown beside it. #/program/incidents/ID is one
// incident (incident_page.jsx).
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { href, navigate } from '../router.js';
import { mayUse } from '../session.js';
import { useApi, Loading, ErrorNotice, words } from '../components/status.jsx';
import { useSubmission } from '../components/submission.js';
import { Field, FormError } from '../components/field.jsx';
import { DaysLeft } from '../components/days_left.jsx';
import { IncidentPage } from './incident_page.jsx';
import { IncidentFields } from './incident_fields.jsx';

// Only the fields filled in are sent.
function filled(fields) {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
}

export function Incidents({ account, id }) {
  return id ? <IncidentPage account={account} id={id} /> : <IncidentList account={account} />;
}

const breachWords = {
  presumed_breach: 'breach (presumed)', low_probability: 'low probability of compromise',
  exception: 'not a breach (exception)', secured: 'not a breach (secured PHI)',
};

function IncidentList({ account }) {
  const [all, setAll] = useState(false);
  const list = useApi(`/program/incidents${all ? '' : '?status=open'}`);
  const mayOpen = mayUse(account, 'GET /api/v1/program/incidents/{incident}');
  const rows = list.data?.incidents || [];
  return (
    <>
      <div class="filters">
        <label><input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} /> Show closed incidents too</label>
      </div>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <table>
          <caption>{all ? 'All incidents' : 'Open incidents'}, newest first</caption>
          <thead><tr><th scope="col">Incident</th><th scope="col">Severity</th><th scope="col">State</th><th scope="col">Owner</th><th scope="col">Discovered</th><th scope="col">Breach</th><th scope="col">Next deadline</th></tr></thead>
          <tbody>
            {rows.length === 0 && <tr><td colSpan={7}>No {all ? '' : 'open '}incidents.</td></tr>}
            {rows.map((i) => (
              <tr key={i.id}>
                <td>{mayOpen ? <a href={href(`/program/incidents/${i.id}`)}>{i.id}. {i.title}</a> : `${i.id}. ${i.title}`}{i.source === 'intake' && <><br /><small>staff report</small></>}</td>
                <td>{i.severity ? <span class={`level-${i.severity}`}>{i.severity}</span> : 'not triaged'}</td>
                <td>{i.status}</td>
                <td>{i.owner || '—'}</td>
                <td>{i.discovered_on || '—'}</td>
                <td>{i.breach ? breachWords[i.breach] || words(i.breach) : 'not assessed'}</td>
                <td>{i.next_deadline ? <>{i.next_deadline.due} ({words(i.next_deadline.duty)})<br /><DaysLeft days={i.next_deadline.days_left} /></> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayUse(account, 'POST /api/v1/program/incidents') && <NewIncidentForm onDone={(i) => navigate(`/program/incidents/${i.id}`)} />}
    </>
  );
}

const formFields = ['title', 'description', 'severity', 'owner', 'occurred_on', 'discovered_on'];

function NewIncidentForm({ onDone }) {
  const [f, setF] = useState({ title: '', description: '', severity: '', owner: '', occurred_on: '', discovered_on: '' });
  const s = useSubmission();
  const set = (key) => (e) => setF({ ...f, [key]: e.currentTarget.value });
  const submit = (e) => {
    e.preventDefault();
    return s.run(async () => onDone(await api('/program/incidents', { method: 'POST', body: filled(f) })));
  };
  return (
    <form class="review" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Open an incident</legend>
        <Field id="incident-title" label="What happened, in a few words" error={s.errorAt('title')}>
          <input value={f.title} onInput={set('title')} required />
        </Field>
        <Field id="incident-description" label="What is known" error={s.errorAt('description')}>
          <textarea rows={3} value={f.description} onInput={set('description')} />
        </Field>
        <IncidentFields prefix="incident" f={f} set={set} s={s} />
        <FormError message={s.errorElsewhere(formFields)} />
        <button type="submit" disabled={s.busy}>Open incident</button>
      </fieldset>
    </form>
  );
}
