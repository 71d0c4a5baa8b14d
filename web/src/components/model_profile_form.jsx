// Editing a device model's manufacturer security contact and MDS2 answers (PUT
// /api/v1/devices/models/{model}), for roles that may: the form starts from what is on file and
// sends the whole profile (the route replaces it). `questions` are the MDS2 questions Ward keeps
// (GET /api/v1/devices/{device}'s mds2_questions): yes / no / n/a, or free text; an empty answer
// is left out. The server checks every field and its message, naming the field, is shown.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useSubmission } from './submission.js';

const contactFields = [
  ['contact_name', 'Contact name', 'text'],
  ['contact_email', 'Contact e-mail', 'email'],
  ['contact_phone', 'Contact phone', 'tel'],
  ['psirt_url', 'PSIRT / CVD page', 'url'],
  ['end_of_support', 'End of support', 'date'],
  ['notes', 'Notes', 'text'],
];

function formOf(profile) {
  const f = { mds2: {} };
  for (const [key] of contactFields) f[key] = profile[key] || '';
  for (const a of profile.mds2 || []) f.mds2[a.id] = a.answer;
  return f;
}

export function ModelProfileForm({ profile, questions, onDone, onCancel }) {
  const [f, setF] = useState(() => formOf(profile));
  const [saved, setSaved] = useState(null);
  const { busy, error, run } = useSubmission();
  const set = (key) => (e) => setF({ ...f, [key]: e.currentTarget.value });
  const setAnswer = (id) => (e) => setF({ ...f, mds2: { ...f.mds2, [id]: e.currentTarget.value } });
  const submit = (e) => {
    e.preventDefault();
    const body = { manufacturer: profile.manufacturer };
    for (const [key] of contactFields) body[key] = f[key];
    body.mds2 = Object.fromEntries(Object.entries(f.mds2).filter(([, answer]) => answer !== ''));
    return run(async () => {
      const answer = await api(`/devices/models/${encodeURIComponent(profile.model)}`, { method: 'PUT', body });
      setSaved(`${answer.manufacturer} ${answer.model} saved (${answer.change}): ${answer.mds2.length} MDS2 answers on file.`);
      onDone();
    });
  };
  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Edit the contact and MDS2 answers of {profile.manufacturer} {profile.model}</legend>
        {contactFields.map(([key, label, type]) => (
          <Fragment key={key}>
            <label for={`model-${key}`}>{label}</label>
            <input id={`model-${key}`} type={type} value={f[key]} onInput={set(key)} />
          </Fragment>
        ))}
        <table class="mds2-form">
          <caption>MDS2 answers (empty: not answered)</caption>
          <thead><tr><th scope="col">Question</th><th scope="col">Answer</th></tr></thead>
          <tbody>
            {questions.map((q) => (
              <tr key={q.id}>
                <td><label for={`mds2-${q.id}`}>{q.id}: {q.question}</label></td>
                <td>
                  {q.text
                    ? <input id={`mds2-${q.id}`} value={f.mds2[q.id] || ''} onInput={setAnswer(q.id)} />
                    : (
                      <select id={`mds2-${q.id}`} value={f.mds2[q.id] || ''} onChange={setAnswer(q.id)}>
                        <option value="">—</option>
                        <option value="yes">yes</option>
                        <option value="no">no</option>
                        <option value="n/a">n/a</option>
                      </select>
                    )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {error && <p class="error" role="alert">{error}</p>}
        {saved && !error && <p role="status">{saved}</p>}
        <div class="choices">
          <button type="submit" disabled={busy}>Save model</button>
          <button type="button" class="link" onClick={onCancel}>Close</button>
        </div>
      </fieldset>
    </form>
  );
}
