// One detection alert: the rule, the fields that matched, the raw event as received (opening it
// is audited by the server), its status history, and acknowledging or closing it.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useApi, Loading, ErrorNotice, NotFound, when } from '../components/status.jsx';

function pretty(raw) {
  if (!raw) return '(not kept)';
  try { return JSON.stringify(JSON.parse(raw), null, 2); } catch { return raw; }
}

function StatusForm({ alert, onDone }) {
  const [status, setStatus] = useState(alert.status === 'open' ? 'acknowledged' : 'closed');
  const [resolution, setResolution] = useState('true_positive');
  const [comment, setComment] = useState('');
  const [error, setError] = useState(null);
  if (alert.status === 'closed') return null;
  const submit = async (e) => {
    e.preventDefault();
    setError(null);
    const body = { status, comment };
    if (status === 'closed') body.resolution = resolution;
    try { await api(`/alerts/${alert.id}`, { method: 'PATCH', body }); onDone(); } catch (err) { setError(err.message); }
  };
  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Work the alert</legend>
        <label for="alert-new-status">New status</label>
        <select id="alert-new-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          {alert.status === 'open' && <option value="acknowledged">acknowledged</option>}
          <option value="closed">closed</option>
        </select>
        {status === 'closed' && (
          <><label for="resolution">Resolution</label>
            <select id="resolution" value={resolution} onChange={(e) => setResolution(e.currentTarget.value)}>
              <option value="true_positive">true positive</option><option value="false_positive">false positive</option><option value="benign">benign</option>
            </select></>
        )}
        <label for="alert-comment">Comment</label>
        <textarea id="alert-comment" rows={2} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit">Save</button>
      </fieldset>
    </form>
  );
}

export function AlertPage({ id }) {
  const alert = useApi(`/alerts/${encodeURIComponent(id)}`);
  const history = useApi(`/alerts/${encodeURIComponent(id)}/history`);
  if (alert.error?.status === 404) return <NotFound what="alert" />;
  if (alert.loading && !alert.data) return <Loading />;
  if (alert.error) return <ErrorNotice error={alert.error} />;
  const a = alert.data;
  return (
    <>
      <p class="crumbs"><a href="#/alerts">Detection alerts</a> › Alert {a.id}</p>
      <h1>Alert {a.id}: {a.rule.title}</h1>
      <dl class="facts">
        <div><dt>Level</dt><dd><span class={`badge level-${a.level}`}>{a.level}</span></dd></div>
        <div><dt>Status</dt><dd>{a.status}{a.resolution ? ` (${a.resolution})` : ''}</dd></div>
        <div><dt>Rule</dt><dd>{a.rule.id}{a.kind === 'correlation' ? ' (correlation)' : ''}</dd></div>
        <div><dt>Tags</dt><dd>{a.tags.join(', ') || '—'}</dd></div>
        <div><dt>Event time</dt><dd>{when(a.time)}</dd></div>
        <div><dt>Detected</dt><dd>{when(a.detected)}</dd></div>
        <div><dt>Input</dt><dd>{a.source} ({a.event_ref})</dd></div>
        <div><dt>User</dt><dd>{a.user || '—'}</dd></div>
        <div><dt>Host</dt><dd>{a.host || '—'}</dd></div>
      </dl>
      <StatusForm alert={a} onDone={() => { alert.reload(); history.reload(); }} key={a.status} />
      <section aria-labelledby="matched-h">
        <h2 id="matched-h">Matched fields</h2>
        <table>
          <caption class="visually-hidden">Fields whose values matched the rule</caption>
          <thead><tr><th scope="col">Field</th><th scope="col">Value</th></tr></thead>
          <tbody>
            {Object.entries(a.matched).map(([k, v]) => <tr key={k}><th scope="row">{k}</th><td class="wrap">{typeof v === 'string' ? v : JSON.stringify(v)}</td></tr>)}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="raw-h">
        <h2 id="raw-h">Raw event</h2>
        <pre class="raw" tabIndex={0} aria-label="Raw event">{pretty(a.raw)}</pre>
      </section>
      <section aria-labelledby="alert-history-h">
        <h2 id="alert-history-h">History</h2>
        {history.data?.history.length ? (
          <ol class="history">{history.data.history.map((h, i) => (
            <li key={i}><strong>{when(h.time)}</strong>: {h.actor} moved it from {h.from} to {h.to}{h.resolution ? ` (${h.resolution})` : ''}{h.comment ? <>: <q>{h.comment}</q></> : ''}</li>
          ))}</ol>
        ) : <p>No changes yet.</p>}
      </section>
    </>
  );
}
