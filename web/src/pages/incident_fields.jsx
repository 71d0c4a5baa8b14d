// The incident fields both incident forms show (opening one, and triage on its page): severity,
// owner and the two dates, each with the server's error beside it; and the values the server
// allows for severity and state (src/incidents/incident.h).
import { Field } from '../components/field.jsx';

export const severities = ['low', 'moderate', 'high', 'critical'];
export const states = ['new', 'triaged', 'investigating', 'contained', 'closed'];

// `f` the form's values, `set(key)` its input handler, `s` its useSubmission(); ids start with `prefix`.
export function IncidentFields({ prefix, f, set, s }) {
  return (
    <>
      <Field id={`${prefix}-severity`} label="Severity" error={s.errorAt('severity')}>
        <select value={f.severity} onChange={set('severity')}>
          <option value="">not triaged yet</option>
          {severities.map((v) => <option key={v} value={v}>{v}</option>)}
        </select>
      </Field>
      <Field id={`${prefix}-owner`} label="Owner (who handles it)" error={s.errorAt('owner')}>
        <input value={f.owner} onInput={set('owner')} />
      </Field>
      <Field id={`${prefix}-occurred`} label="Occurred on" error={s.errorAt('occurred_on')}>
        <input type="date" value={f.occurred_on} onInput={set('occurred_on')} />
      </Field>
      <Field id={`${prefix}-discovered`} label="Discovered on" error={s.errorAt('discovered_on')}>
        <input type="date" value={f.discovered_on} onInput={set('discovered_on')} />
      </Field>
    </>
  );
}
