// One incident (#/program/incidents/ID, GET /api/v1/program/incidents/{incident}): its facts,
// triage (state, severity, owner, title, dates: PATCH), tasks to tick off, the timeline with links
// to Ward alerts and privacy cases, forms to add a note, task, evidence or link and to record a
// law-enforcement contact or delay request (POST …/entries), and the HIPAA breach assessment with
// its deadlines and the OCR export (breach_assessment.jsx). Forms show for the roles the access
// policy lets write; each refused field is named beside it and nothing is saved.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { href } from '../router.js';
import { mayUse } from '../session.js';
import { useApi, Loading, ErrorNotice, NotFound, when, words } from '../components/status.jsx';
import { useSubmission } from '../components/submission.js';
import { Field, FormError } from '../components/field.jsx';
import { IncidentFields, states } from './incident_fields.jsx';
import { BreachAssessment } from './breach_assessment.jsx';

export function IncidentPage({ account, id }) {
  const incident = useApi(`/program/incidents/${encodeURIComponent(id)}`);
  const mayWrite = (verb, route) => mayUse(account, `${verb} /api/v1/program/incidents/{incident}${route}`);
  const i = incident.data;
  if (incident.error?.status === 404) return <NotFound what="incident" />;
  return (
    <>
      <p><a href={href('/program/incidents')}>All incidents</a></p>
      <ErrorNotice error={incident.error} />
      {incident.loading && !i && <Loading />}
      {i && (
        <>
          <h2>Incident {i.id}: {i.title}</h2>
          <dl class="facts">
            <div><dt>State</dt><dd>{i.status}</dd></div>
            <div><dt>Severity</dt><dd>{i.severity || 'not triaged'}</dd></div>
            <div><dt>Owner</dt><dd>{i.owner || 'nobody yet'}</dd></div>
            <div><dt>Occurred</dt><dd>{i.occurred_on || '—'}</dd></div>
            <div><dt>Discovered</dt><dd>{i.discovered_on || '—'}</dd></div>
            <div><dt>Source</dt><dd>{i.source === 'intake' ? `staff report${i.reporter ? ` by ${i.reporter}` : ' (anonymous)'}` : 'opened by the team'}{i.reporter_contact && `, ${i.reporter_contact}`}</dd></div>
            <div><dt>Opened</dt><dd>{when(i.created)}</dd></div>
          </dl>
          {i.description && <p class="wrap">{i.description}</p>}
          {mayWrite('PATCH', '') && <TriageForm key={i.id} incident={i} onDone={incident.reload} />}
          <Tasks incident={i} mayTick={mayWrite('POST', '/entries')} onDone={incident.reload} />
          <BreachAssessment account={account} incident={i} mayAssess={mayWrite('PUT', '/assessment')} onDone={incident.reload} />
          <Timeline account={account} entries={i.timeline} />
          {mayWrite('POST', '/entries') && (
            <>
              <EntryForm incident={i} onDone={incident.reload} />
              <LawEnforcementForm incident={i} onDone={incident.reload} />
            </>
          )}
        </>
      )}
    </>
  );
}

const triageFields = ['title', 'status', 'severity', 'owner', 'occurred_on', 'discovered_on'];

function TriageForm({ incident, onDone }) {
  const [f, setF] = useState(() => Object.fromEntries(triageFields.map((k) => [k, incident[k] || ''])));
  const [saved, setSaved] = useState(false);
  const s = useSubmission();
  const set = (key) => (e) => { setSaved(false); setF({ ...f, [key]: e.currentTarget.value }); };
  const submit = (e) => {
    e.preventDefault();
    return s.run(async () => {
      await api(`/program/incidents/${incident.id}`, { method: 'PATCH', body: f });  // the whole triage: unchanged fields stay
      setSaved(true);
      onDone();
    });
  };
  return (
    <form class="review" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Triage</legend>
        <Field id="triage-status" label="State" error={s.errorAt('status')}>
          <select value={f.status} onChange={set('status')}>{states.map((v) => <option key={v} value={v}>{v}</option>)}</select>
        </Field>
        <Field id="triage-title" label="Title" error={s.errorAt('title')}>
          <input value={f.title} onInput={set('title')} required />
        </Field>
        <IncidentFields prefix="triage" f={f} set={set} s={s} />
        <FormError message={s.errorElsewhere(triageFields)} />
        {saved && !s.error && <p role="status">Triage saved.</p>}
        <button type="submit" disabled={s.busy}>Save triage</button>
      </fieldset>
    </form>
  );
}

function Tasks({ incident, mayTick, onDone }) {
  const tasks = incident.timeline.filter((e) => e.kind === 'task');
  const s = useSubmission();
  if (tasks.length === 0) return null;
  const tick = (task, done) => s.run(async () => {
    await api(`/program/incidents/${incident.id}/entries`, { method: 'POST', body: { kind: 'task_done', task: task.id, done } });
    onDone();
  });
  return (
    <section aria-labelledby="tasks-heading">
      <h3 id="tasks-heading">Tasks ({tasks.filter((t) => !t.done).length} open)</h3>
      <ul class="plain tasks">
        {tasks.map((t) => (
          <li key={t.id}>
            {mayTick
              ? <label><input type="checkbox" checked={!!t.done} disabled={s.busy} onChange={(e) => tick(t, e.currentTarget.checked)} /> {t.text}</label>
              : <>{t.done ? '✓ ' : '○ '}{t.text}</>}
            <small> (#{t.id}, {t.author})</small>
          </li>
        ))}
      </ul>
      <FormError message={s.error} />
    </section>
  );
}

function LawEnforcement({ c }) {
  const delay = c.statement ? `${c.statement} request to delay notification, stated ${c.stated}${c.until ? `, until ${c.until}` : ''}` : 'contact, no delay requested';
  return <>{c.agency}{c.official && ` (${c.official})`}{c.contact && `, ${c.contact}`}: {delay}{c.notes && `. ${c.notes}`}</>;
}

// An alert or case id as a link when the role may open it, else as text.
function Linked({ account, kind, id }) {
  const [route, path, label] = kind === 'alert'
    ? ['GET /api/v1/alerts/{alert}', `/alerts/${id}`, `alert ${id}`]
    : ['GET /api/v1/privacy/cases/{case}', `/cases/${id}`, `privacy case ${id}`];
  return mayUse(account, route) ? <a href={href(path)}>{label}</a> : label;
}

function Timeline({ account, entries }) {
  return (
    <section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">Timeline</h3>
      <ol class="history timeline">
        {entries.map((e) => (
          <li key={e.id}>
            <small>{when(e.time)} · {e.author}</small>{' '}
            <strong>{words(e.kind)}</strong>{e.kind === 'task' && (e.done ? ' (done)' : ' (open)')}:{' '}
            {e.kind === 'law_enforcement' ? <LawEnforcement c={e.law_enforcement} />
              : e.kind === 'alert' || e.kind === 'case' ? <Linked account={account} kind={e.kind} id={e.text} />
                : <span class="wrap">{e.text}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}

const entryKinds = [
  ['note', 'Note', 'Note'],
  ['task', 'Task', 'What needs doing'],
  ['evidence', 'Evidence', 'Where the evidence is kept (and its hash)'],
  ['alert', 'Link to a Ward alert', 'Alert number'],
  ['case', 'Link to a privacy case', 'Privacy case number'],
];

function EntryForm({ incident, onDone }) {
  const [kind, setKind] = useState('note');
  const [text, setText] = useState('');
  const [added, setAdded] = useState(null);
  const s = useSubmission();
  const submit = (e) => {
    e.preventDefault();
    return s.run(async () => {
      const entry = await api(`/program/incidents/${incident.id}/entries`, { method: 'POST', body: { kind, text: text.trim() } });
      setAdded(`${words(entry.kind)} #${entry.id} added.`);
      setText('');
      onDone();
    });
  };
  const [, , textLabel] = entryKinds.find(([k]) => k === kind);
  return (
    <form class="review" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Add to the timeline</legend>
        <Field id="entry-kind" label="Kind" error={s.errorAt('kind')}>
          <select value={kind} onChange={(e) => { setKind(e.currentTarget.value); setAdded(null); }}>
            {entryKinds.map(([k, label]) => <option key={k} value={k}>{label}</option>)}
          </select>
        </Field>
        <Field id="entry-text" label={textLabel} error={s.errorAt('text') || s.errorAt(kind)}>
          {kind === 'alert' || kind === 'case'
            ? <input inputMode="numeric" value={text} onInput={(e) => setText(e.currentTarget.value)} />
            : <textarea rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />}
        </Field>
        <FormError message={s.errorElsewhere(['kind', 'text', kind])} />
        {added && !s.error && <p role="status">{added}</p>}
        <button type="submit" disabled={s.busy}>Add to the timeline</button>
      </fieldset>
    </form>
  );
}

const lawFields = ['agency', 'official', 'contact', 'statement', 'stated', 'until', 'notes'];

function LawEnforcementForm({ incident, onDone }) {
  const empty = Object.fromEntries(lawFields.map((k) => [k, '']));
  const [f, setF] = useState(empty);
  const [added, setAdded] = useState(false);
  const s = useSubmission();
  const set = (key) => (e) => { setAdded(false); setF({ ...f, [key]: e.currentTarget.value }); };
  const at = (key) => s.errorAt(`law_enforcement.${key}`);
  const submit = (e) => {
    e.preventDefault();
    return s.run(async () => {
      await api(`/program/incidents/${incident.id}/entries`, { method: 'POST', body: { kind: 'law_enforcement', law_enforcement: f } });
      setF(empty);
      setAdded(true);
      onDone();
    });
  };
  return (
    <form class="review" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Law enforcement: contact and delay request (45 CFR 164.412)</legend>
        <Field id="le-agency" label="Agency" error={at('agency')}><input value={f.agency} onInput={set('agency')} required /></Field>
        <Field id="le-official" label="Official (required for an oral statement)" error={at('official')}><input value={f.official} onInput={set('official')} /></Field>
        <Field id="le-contact" label="How to reach them" error={at('contact')}><input value={f.contact} onInput={set('contact')} /></Field>
        <Field id="le-statement" label="Asked to delay notification?" error={at('statement')}>
          <select value={f.statement} onChange={set('statement')}>
            <option value="">no delay requested</option>
            <option value="written">yes, in writing</option>
            <option value="oral">yes, orally (30 days at most)</option>
          </select>
        </Field>
        <Field id="le-stated" label="Delay asked for on" error={at('stated')}><input type="date" value={f.stated} onInput={set('stated')} /></Field>
        <Field id="le-until" label="Delay ends on (required when written)" error={at('until')}><input type="date" value={f.until} onInput={set('until')} /></Field>
        <Field id="le-notes" label="Notes" error={at('notes')}><input value={f.notes} onInput={set('notes')} /></Field>
        <FormError message={s.errorElsewhere(lawFields.map((k) => `law_enforcement.${k}`))} />
        {added && !s.error && <p role="status">Law-enforcement contact recorded.</p>}
        <button type="submit" disabled={s.busy}>Record the contact</button>
      </fieldset>
    </form>
  );
}
