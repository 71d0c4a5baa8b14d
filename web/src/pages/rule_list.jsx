// The rule sets live detection uses: the stored Sigma rules, filtered by title text, level and
// whether they are enabled, a page at a time.
import { useState } from 'preact/hooks';
import { query } from '../api.js';
import { useApi, Loading, ErrorNotice } from '../components/status.jsx';
import { cursorPaging } from '../components/cursor_paging.jsx';
import { navigate } from '../router.js';

export function RuleList({ params }) {
  const text = params.q || '';
  const enabled = params.enabled || '';
  const go = (changes) => navigate('/rules', { q: text, enabled, ...changes });
  const paging = cursorPaging(params, go);
  const [draft, setDraft] = useState(text);
  const { data, error, loading } = useApi(`/rules${query({ q: text, enabled, limit: 50, cursor: paging.cursor })}`);
  return (
    <>
      <h1>Detection rules</h1>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); go({ q: draft, cursors: '' }); }}>
        <label for="rule-q">Title contains</label>
        <input id="rule-q" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        <label for="rule-enabled">Enabled</label>
        <select id="rule-enabled" value={enabled} onChange={(e) => go({ enabled: e.currentTarget.value, cursors: '' })}>
          <option value="">any</option><option value="true">enabled</option><option value="false">disabled</option>
        </select>
        <button type="submit">Search</button>
      </form>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && (
        <>
          <table>
            <caption>Stored rules in id order (page {paging.page})</caption>
            <thead><tr><th scope="col">Title</th><th scope="col">Level</th><th scope="col">Kind</th><th scope="col">Log source</th><th scope="col">Enabled</th><th scope="col">Origin</th></tr></thead>
            <tbody>
              {data.rules.length === 0 && <tr><td colSpan={6}>No rules.</td></tr>}
              {data.rules.map((r) => (
                <tr key={r.id}>
                  <td>{r.title}</td>
                  <td><span class={`badge level-${r.level}`}>{r.level}</span></td>
                  <td>{r.kind}</td>
                  <td>{[r.logsource?.product, r.logsource?.category, r.logsource?.service].filter(Boolean).join(' / ') || '—'}</td>
                  <td>{r.enabled ? 'yes' : 'no'}</td>
                  <td>{r.origin || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {paging.pager('Rule pages', data.next_cursor)}
        </>
      )}
    </>
  );
}
