// The privacy case queue: one page of cases at a time from the server (sorted and filtered there,
// and paged by cursor, so page 1,000 of 100,000 cases costs what the first does), with the
// patient masked: it is shown only on the case page, when someone asks for it.
import { useApi, Loading, ErrorNotice, when } from '../components/status.jsx';
import { cursorPaging } from '../components/cursor_paging.jsx';
import { query } from '../api.js';
import { href, navigate } from '../router.js';

const pageSizes = [10, 25, 50, 100];
const statuses = [['open', 'Open (new or in review)'], ['new', 'New'], ['in_review', 'In review'],
  ['confirmed', 'Confirmed'], ['dismissed', 'Dismissed'], ['', 'Any']];
const columns = [['case_id', 'Case'], ['score', 'Score'], [null, 'Categories'], [null, 'User'],
  [null, 'Patient'], [null, 'Status'], [null, 'Assignee'], ['last', 'Last access']];

export function CaseQueue({ params }) {
  const status = params.status ?? 'open';
  const sort = params.sort || 'score';
  const order = params.order || 'desc';
  const pageSize = pageSizes.includes(Number(params.size)) ? Number(params.size) : 50;
  const go = (changes) => navigate('/cases', { status, sort, order, size: params.size, cursors: params.cursors, ...changes });
  const paging = cursorPaging(params, go);
  const { data, error, loading } = useApi(`/privacy/cases${query({
    status, sort, order, limit: pageSize, cursor: paging.cursor,
  })}`);
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 0;

  const sortBy = (key) => go({ sort: key, order: sort === key && order === 'desc' ? 'asc' : 'desc', cursors: '' });

  return (
    <>
      <h1>Privacy cases</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label for="case-status">Status</label>
        <select id="case-status" value={status} onChange={(e) => go({ status: e.currentTarget.value, cursors: '' })}>
          {statuses.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
        </select>
        <label for="case-page-size">Per page</label>
        <select id="case-page-size" value={pageSize} onChange={(e) => go({ size: e.currentTarget.value, cursors: '' })}>
          {pageSizes.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </form>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && (
        <>
          <table class="cases">
            <caption>{data.total.toLocaleString('en-US')} cases, {sort === 'score' ? 'by score' : sort === 'last' ? 'by last access' : 'by case number'}, {order === 'desc' ? (sort === 'score' ? 'highest first' : 'latest first') : (sort === 'score' ? 'lowest first' : 'earliest first')}</caption>
            <thead>
              <tr>
                {columns.map(([key, label]) => (
                  <th scope="col" key={label} aria-sort={key && sort === key ? (order === 'desc' ? 'descending' : 'ascending') : undefined}>
                    {key ? <button type="button" class="sort" onClick={() => sortBy(key)}>{label}<span aria-hidden="true">{sort === key ? (order === 'desc' ? ' ▼' : ' ▲') : ''}</span></button> : label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.cases.length === 0 && <tr><td colSpan={columns.length}>No cases.</td></tr>}
              {data.cases.map((c) => (
                <tr key={c.case_id}>
                  <td><a href={href(`/cases/${c.case_id}`)}>Case {c.case_id}</a></td>
                  <td class="num">{c.score.toFixed(2)}</td>
                  <td>{c.categories}</td>
                  <td>{c.user_id}</td>
                  <td>{c.patient_id ? <span class="masked" title="Open the case to show the patient">hidden</span> : 'several'}</td>
                  <td><span class={`badge status-${c.status}`}>{c.status.replace('_', ' ')}</span></td>
                  <td>{c.assignee ?? '—'}</td>
                  <td>{when(c.last)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {paging.pager('Case pages', data.next_cursor, { pages, total: data.total })}
        </>
      )}
    </>
  );
}
