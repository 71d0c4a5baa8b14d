// The privacy case queue: one page of cases at a time from the server (sorted and filtered there,
// so 100,000 cases cost what 50 do), with the patient masked: it is shown only on the case page,
// when someone asks for it.
import { useApi, Loading, ErrorNotice, when } from '../components/status.jsx';
import { Pager } from '../components/pager.jsx';
import { query } from '../api.js';
import { href, navigate } from '../router.js';

const pageSize = 50;
const statuses = [['open', 'Open (new or in review)'], ['new', 'New'], ['in_review', 'In review'],
  ['confirmed', 'Confirmed'], ['dismissed', 'Dismissed'], ['', 'Any']];
const columns = [['case_id', 'Case'], ['score', 'Score'], [null, 'Categories'], [null, 'User'],
  [null, 'Patient'], [null, 'Status'], [null, 'Assignee'], ['last', 'Last access']];

export function CaseQueue({ params }) {
  const status = params.status ?? 'open';
  const sort = params.sort || 'score';
  const order = params.order || 'desc';
  const page = Math.max(1, Number(params.page) || 1);
  const go = (changes) => navigate('/cases', { status, sort, order, page, ...changes });
  const { data, error, loading } = useApi(`/privacy/cases${query({
    status, sort, order, limit: pageSize, offset: (page - 1) * pageSize,
  })}`);
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 0;

  const sortBy = (key) => go({ sort: key, order: sort === key && order === 'desc' ? 'asc' : 'desc', page: 1 });

  return (
    <>
      <h1>Privacy cases</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label for="case-status">Status</label>
        <select id="case-status" value={status} onChange={(e) => go({ status: e.currentTarget.value, page: 1 })}>
          {statuses.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
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
          <Pager label="Case pages" page={page} pages={pages} total={data.total} onPage={(p) => go({ page: p })} />
        </>
      )}
    </>
  );
}
