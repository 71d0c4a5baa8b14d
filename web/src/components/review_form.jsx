// What a reviewer may do with a case in its state (new → in review → confirmed | dismissed, and
// back to in review), as one form posting to POST /api/v1/privacy/cases/{case}/review.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useSubmission } from './submission.js';

const outcomes = [['snooping', 'Snooping: looked without a need to know'],
  ['policy_violation', 'Policy violation (shared account, export…)'], ['other', 'Other (say what)']];
const dismissals = [['covering_colleague', 'Covering for a colleague of the care team'],
  ['consult_not_recorded', 'A consult the encounter does not record'], ['patient_request', 'The patient asked for it'],
  ['float_pool', 'Float-pool or agency worker on the unit'], ['data_error', 'The data was wrong'],
  ['other', 'Other (say what)']];

function actionsFor(status) {
  if (status === 'new') return [['in_review', 'Start review']];
  if (status === 'in_review') return [['dismissed', 'Dismiss'], ['confirmed', 'Confirm'], ['in_review', 'Reassign']];
  return [['in_review', 'Reopen']];
}

export function ReviewForm({ caseRecord, me, onDone }) {
  const actions = actionsFor(caseRecord.status);
  const [action, setAction] = useState(actions[0][0]);
  const [outcome, setOutcome] = useState('snooping');
  const [reasonCode, setReasonCode] = useState('covering_colleague');
  const [reason, setReason] = useState('');
  const [assignee, setAssignee] = useState(caseRecord.assignee || me);
  const { busy, error, run } = useSubmission();
  const [done, setDone] = useState(null);

  const submit = (e) => {
    e.preventDefault();
    const body = { status: action };
    if (action === 'confirmed') body.outcome = outcome;
    if (action === 'dismissed') body.reason_code = reasonCode;
    if (reason) body.reason = reason;
    if (action === 'in_review' && assignee) body.assignee = assignee;
    return run(async () => {
      const answer = await api(`/privacy/cases/${caseRecord.case_id}/review`, { method: 'POST', body });
      setReason('');
      setDone(answer);
      onDone(answer);
    });
  };

  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Review</legend>
        <div class="choices" role="radiogroup" aria-label="What to do">
          {actions.map(([value, label]) => (
            <label key={label}><input type="radio" name="action" value={value} checked={action === value}
              onChange={() => setAction(value)} /> {label}</label>
          ))}
        </div>
        {action === 'in_review' && (
          <><label for="assignee">Assignee</label>
            <input id="assignee" value={assignee} onInput={(e) => setAssignee(e.currentTarget.value)} /></>
        )}
        {action === 'confirmed' && (
          <><label for="outcome">Outcome</label>
            <select id="outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
              {outcomes.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select></>
        )}
        {action === 'dismissed' && (
          <><label for="reason-code">Why it is legitimate</label>
            <select id="reason-code" value={reasonCode} onChange={(e) => setReasonCode(e.currentTarget.value)}>
              {dismissals.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select></>
        )}
        <label for="reason">Reason{action === 'dismissed' || caseRecord.status !== 'new' && caseRecord.status !== 'in_review' ? ' (required)' : ' (optional)'}</label>
        <textarea id="reason" rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)}
          required={action === 'dismissed' || (action === 'in_review' && caseRecord.status !== 'new' && caseRecord.status !== 'in_review')} />
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save'}</button>
      </fieldset>
      {done?.proposal && (
        <p role="status">Ward proposed an explanation rule from this dismissal ({done.proposal.code}: {done.proposal.description}); it would also explain {done.proposal.open_cases} other open cases.</p>
      )}
      {done?.no_proposal && <p role="status">No explanation rule proposed: {done.no_proposal}</p>}
    </form>
  );
}
