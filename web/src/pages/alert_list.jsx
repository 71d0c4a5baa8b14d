// Detection alerts, newest first, filtered by level and status on the server, a page at a time
// (cursor paging); the raw events stay on the alert pages.
import { query } from '../api.js';
import { useApi, Loading, ErrorNotice, when } from '../components/status.jsx';
import { cursorPaging } from '../components/cursor_paging.jsx';
import { href, navigate } from '../router.js';

const levels = ['', 'critical', 'high', 'medium', 'low', 'informational'];
const statuses = ['', 'open', 'acknowledged', 'closed'];

export function AlertList({ params }) {
  const level = params.level || '';
  const status = params.status ?? 'open';
  const go = (changes) => navigate('/alerts', { level, status, ...changes });
  const paging = cursorPaging(params, go);
  const { data, error, loading } = useApi(`/alerts${query({ min_level: level, status, limit: 50, cursor: paging.cursor })}`);
  return (
    <>
      <h1>Detection alerts</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label for="alert-level">Level at least</label>
        <select id="alert-level" value={level} onChange={(e) => go({ level: e.currentTarget.value, cursors: '' })}>
          {levels.map((l) => <option key={l} value={l}>{l || 'any'}</option>)}
        </select>
        <label for="alert-status">Status</label>
        <select id="alert-status" value={status} onChange={(e) => go({ status: e.currentTarget.value, cursors: '' })}>
          {statuses.map((s) => <option key={s} value={s}>{s || 'any'}</option>)}
        </select>
      </form>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && (
        <>
          <table>
            <caption>Alerts, newest event first (page {paging.page})</caption>
            <thead><tr><th scope="col">Alert</th><th scope="col">Level</th><th scope="col">Rule</th><th scope="col">Event time</th><th scope="col">User</th><th scope="col">Host</th><th scope="col">Status</th></tr></thead>
            <tbody>
              {data.alerts.length === 0 && <tr><td colSpan={7}>No alerts.</td></tr>}
              {data.alerts.map((a) => (
                <tr key={a.id}>
                  <td><a href={href(`/alerts/${a.id}`)}>Alert {a.id}</a></td>
                  <td><span class={`badge level-${a.level}`}>{a.level}</span></td>
                  <td>{a.rule.title}</td>
                  <td>{when(a.time)}</td>
                  <td>{a.user || '—'}</td>
                  <td>{a.host || '—'}</td>
                  <td>{a.status}{a.resolution ? ` (${a.resolution})` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {paging.pager('Alert pages', data.next_cursor)}
        </>
      )}
    </>
  );
}
