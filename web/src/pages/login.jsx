// Sign in with a Ward account: POST /api/v1/session sets the HttpOnly session cookie and answers
// the account and the CSRF token. Wrong name or password and lockouts show the server's message.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { href } from '../router.js';

export function Login({ onSignedIn }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api('/session', { method: 'POST', body: { username, password }, quiet401: true });
      setPassword('');
      onSignedIn(session);
    } catch (err) {
      setError(err.status === 429 ? `${err.message} (too many attempts: wait before trying again)` : err.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <h1>Ward</h1>
      <form onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <label for="username">Username</label>
        <input id="username" name="username" autoComplete="username" required value={username}
               onInput={(e) => setUsername(e.currentTarget.value)} />
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required
               value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        {error && <p id="login-error" class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      <p><a href={href('/report')}>Report a security or privacy concern</a> (no account needed)</p>
    </main>
  );
}
