// The admin's account actions (POST /api/v1/accounts, PATCH /api/v1/accounts/{username}): add an
// account with a role and a first password, disable or enable one. The server checks the role,
// the password's length and the CSRF token, and audits each change; the password is sent once and
// never shown again.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useSubmission } from './submission.js';

const roles = [['privacy_officer', 'Privacy officer'], ['security_analyst', 'Security analyst'],
  ['compliance', 'Compliance'], ['executive', 'Executive (summaries only)'], ['admin', 'Administrator']];

export function AddAccountForm({ onDone }) {
  const [fields, setFields] = useState({ username: '', display_name: '', role: 'privacy_officer', password: '' });
  const { busy, error, run } = useSubmission();
  const [added, setAdded] = useState(null);
  const set = (key) => (e) => setFields({ ...fields, [key]: e.currentTarget.value });

  const submit = (e) => {
    e.preventDefault();
    return run(async () => {
      await api('/accounts', { method: 'POST', body: fields });
      setAdded(fields.username);
      setFields({ username: '', display_name: '', role: fields.role, password: '' });
      onDone();
    });
  };

  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Add an account</legend>
        <label for="new-username">Username</label>
        <input id="new-username" value={fields.username} onInput={set('username')} required autocomplete="off" />
        <label for="new-display-name">Display name</label>
        <input id="new-display-name" value={fields.display_name} onInput={set('display_name')} autocomplete="off" />
        <label for="new-role">Role</label>
        <select id="new-role" value={fields.role} onChange={set('role')}>
          {roles.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
        <label for="new-password">First password (at least 12 characters; tell it to the person by another channel)</label>
        <input id="new-password" type="password" value={fields.password} onInput={set('password')} required minLength={12}
          autocomplete="new-password" />
        {error && <p class="error" role="alert">{error}</p>}
        {added && !error && <p role="status">Account {added} added.</p>}
        <button type="submit" disabled={busy}>Add account</button>
      </fieldset>
    </form>
  );
}

// Disable or enable one account (disabling ends its sessions at once).
export function AccountToggle({ account, onDone }) {
  const { error, run } = useSubmission();
  const toggle = () => run(async () => {
    await api(`/accounts/${encodeURIComponent(account.username)}`, { method: 'PATCH', body: { disabled: !account.disabled } });
    onDone();
  });
  return (
    <>
      <button type="button" class="link" onClick={toggle}>{account.disabled ? `Enable ${account.username}` : `Disable ${account.username}`}</button>
      {error && <span class="error" role="alert"> {error}</span>}
    </>
  );
}
