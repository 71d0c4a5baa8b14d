// The patient access report (who opened this record, when, why, from where, and what explained
// it) and the user activity view (everything one person opened), from GET /api/v1/patients/{id}/
// accesses and /users/{id}/accesses, a page at a time. Printable: the print style sheet drops the
// navigation and the paging.
import { query } from '../api.js';
import { useApi, Loading, ErrorNotice, NotFound, when } from '../components/status.jsx';
import { cursorPaging } from '../components/cursor_paging.jsx';
import { href, navigate } from '../router.js';

function Subject({ kind, data }) {
  if (kind === 'patient') {
    const p = data.patient;
    return (
      <dl class="facts">
        <div><dt>Patient</dt><dd>{p.name || '(no name in the directory)'}</dd></div>
        <div><dt>MRN</dt><dd>{p.mrn || '—'}</dd></div>
        <div><dt>Id</dt><dd>{p.id}</dd></div>
        {p.birth_date && <div><dt>Born</dt><dd>{p.birth_date}</dd></div>}
        {p.confidential && <div><dt>Flag</dt><dd><strong>confidential record</strong></dd></div>}
      </dl>
    );
  }
  const u = data.user;
  return (
    <dl class="facts">
      <div><dt>Name</dt><dd>{u.name || '—'}</dd></div>
      <div><dt>Id</dt><dd>{u.id}{u.employee_id ? ` (employee ${u.employee_id})` : ''}</dd></div>
      {u.role && <div><dt>Role</dt><dd>{u.role}</dd></div>}
      {u.department && <div><dt>Department</dt><dd>{u.department}</dd></div>}
      {u.termination_date && <div><dt>Left</dt><dd>{u.termination_date}</dd></div>}
    </dl>
  );
}

function explanation(e) {
  if (!e) return 'not yet checked';
  if (e.explained) return `yes: ${e.code}${e.evidence ? ` (${e.evidence})` : ''}`;
  return `no${e.evidence ? `: ${e.evidence}` : ''}`;
}

export function AccessReport({ kind, id, params }) {
  const base = `/${kind}s/${id}`;
  const paging = cursorPaging(params, (p) => navigate(base, p));
  const { data, error, loading } = useApi(`/${kind}s/${encodeURIComponent(id)}/accesses${query({ limit: 100, cursor: paging.cursor })}`);
  if (error?.status === 404) return <NotFound what={kind} />;
  const title = kind === 'patient' ? 'Patient access report' : 'User activity';
  return (
    <article class="report">
      <h1>{title}</h1>
      <p class="print-only">Printed from Ward on {new Date().toISOString().slice(0, 10)}.</p>
      {loading && !data && <Loading />}
      <ErrorNotice error={error} />
      {data && (
        <>
          <Subject kind={kind} data={data} />
          <p class="no-print"><button type="button" onClick={() => window.print()}>Print</button></p>
          <table class="accesses">
            <caption>{kind === 'patient' ? 'Every access to this record, newest first' : 'Every access this person made, newest first'} (page {paging.page}, {data.count} rows)</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">{kind === 'patient' ? 'Who' : 'Patient'}</th>
                <th scope="col">Action</th><th scope="col">Object</th><th scope="col">Purpose</th>
                <th scope="col">From</th><th scope="col">Input</th><th scope="col">Explained?</th>
              </tr>
            </thead>
            <tbody>
              {data.accesses.length === 0 && <tr><td colSpan={8}>No accesses.</td></tr>}
              {data.accesses.map((a) => (
                <tr key={a.seq}>
                  <td>{when(a.time)}</td>
                  <td>{kind === 'patient'
                    ? <><a href={href(`/users/${a.user.id}`)}>{a.user.name || a.user.id}</a>{a.user.role ? `, ${a.user.role}` : ''}{a.user.department ? `, ${a.user.department}` : ''}</>
                    : <a href={href(`/patients/${a.patient.id || a.patient.mrn}`)}>{a.patient.mrn || a.patient.id}</a>}</td>
                  <td>{a.action}{a.outcome !== 'success' ? ` (${a.outcome})` : ''}</td>
                  <td class="wrap">{a.object || '—'}</td>
                  <td>{a.purpose || '—'}</td>
                  <td>{[a.workstation, a.network_address].filter(Boolean).join(', ') || '—'}</td>
                  <td class="wrap">{a.source}</td>
                  <td>{explanation(a.explanation)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="no-print">
            {paging.pager('Report pages', data.next_cursor)}
          </div>
        </>
      )}
    </article>
  );
}
