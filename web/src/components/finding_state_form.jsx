// Changing a device finding's remediation state (PATCH /api/v1/devices/{device}/findings/{advisory}
// with the CVE): mitigated by a compensating control, patched, risk accepted until a date, or open
// again; every state but open needs evidence (what was done and where it is recorded). The server
// checks the rules and keeps the history; its message is shown as it is.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useSubmission } from './submission.js';

const states = [
  ['mitigated', 'Mitigated by a compensating control'],
  ['patched', 'Patched'],
  ['risk_accepted', 'Risk accepted (until a date)'],
  ['open', 'Open again'],
];

const keyOf = (f) => `${f.advisory_id}\u0000${f.cve}`;

export function FindingStateForm({ device, findings, onDone }) {
  const [fields, setFields] = useState({ finding: keyOf(findings[0]), state: 'mitigated', evidence: '', expires: '' });
  const [saved, setSaved] = useState(null);
  const { busy, error, run } = useSubmission();
  const set = (key) => (e) => setFields({ ...fields, [key]: e.currentTarget.value });

  const submit = (e) => {
    e.preventDefault();
    const finding = findings.find((f) => keyOf(f) === fields.finding);
    const body = { state: fields.state, evidence: fields.evidence, cve: finding.cve };
    if (fields.state === 'risk_accepted') body.expires = fields.expires;
    return run(async () => {
      const answer = await api(`/devices/${encodeURIComponent(device)}/findings/${encodeURIComponent(finding.advisory_id)}`,
        { method: 'PATCH', body });
      setSaved(`${finding.advisory_id}${finding.cve ? ` ${finding.cve}` : ''} is now ${answer.findings[0]?.state.replace('_', ' ')}.`);
      setFields({ ...fields, evidence: '', expires: '' });
      onDone();
    });
  };

  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Change a finding's state</legend>
        <label for="finding-key">Finding</label>
        <select id="finding-key" value={fields.finding} onChange={set('finding')}>
          {findings.map((f) => <option key={keyOf(f)} value={keyOf(f)}>{f.advisory_id}{f.cve ? ` ${f.cve}` : ''} ({f.state.replace('_', ' ')})</option>)}
        </select>
        <label for="finding-state">New state</label>
        <select id="finding-state" value={fields.state} onChange={set('state')}>
          {states.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
        {fields.state === 'risk_accepted' && (
          <>
            <label for="finding-expires">Risk accepted until</label>
            <input id="finding-expires" type="date" value={fields.expires} onInput={set('expires')} required />
          </>
        )}
        <label for="finding-evidence">Evidence: what was done and where it is recorded{fields.state === 'open' ? ' (optional)' : ''}</label>
        <textarea id="finding-evidence" rows={2} value={fields.evidence} onInput={set('evidence')} required={fields.state !== 'open'} />
        {error && <p class="error" role="alert">{error}</p>}
        {saved && !error && <p role="status">{saved}</p>}
        <button type="submit" disabled={busy}>Save state</button>
      </fieldset>
    </form>
  );
}
