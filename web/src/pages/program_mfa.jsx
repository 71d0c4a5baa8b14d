// The Program page's MFA tab: the latest MFA coverage imported from the identity provider (enabled
// accounts with a second factor, privileged accounts apart when the export says), where it came
// from, and every enabled account without MFA (GET /api/v1/program/mfa). Roles the access policy
// lets import get a form that sends a user export as CSV (POST /api/v1/program/mfa?source=NAME)
// and shows what was read and each rejected row with its line, column and reason.
// docs/program.md#mfa-coverage explains the columns the import reads.
import { useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { mayUse } from '../session.js';
import { useApi, Loading, ErrorNotice, when } from '../components/status.jsx';
import { useSubmission } from '../components/submission.js';

// 0.958 → "95.8%"; no enabled account → "no enabled account". (The import's answer has the
// coverage in words as the CLI prints it: coverage.text.)
function percent(share) { return share === null || share === undefined ? 'no enabled account' : `${(share * 100).toFixed(1)}%`; }

function plural(n, one, many) { return `${n} ${n === 1 ? one : many}`; }

function ImportForm({ onImported }) {
  const [file, setFile] = useState(null);
  const [report, setReport] = useState(null);
  const submission = useSubmission();
  const send = (e) => {
    e.preventDefault();
    if (!file) { submission.fail(new Error('Choose the identity provider’s user export (a CSV file) first.')); return; }
    setReport(null);
    submission.run(async () => {
      const text = await file.text();
      const saved = await api(`/program/mfa${query({ source: file.name })}`, { method: 'POST', body: text, bodyType: 'text/csv' });
      setReport(saved);
      onImported();
    });
  };
  return (
    <form onSubmit={send} aria-label="Import MFA registrations">
      <h2>Import the identity provider’s user export</h2>
      <p>A CSV file: Microsoft Entra ID’s <em>user registration details</em>, or any file with the
        columns <code>user_id,enabled,mfa</code> (and <code>privileged</code> if known).</p>
      <label for="mfa-file">User export (CSV)</label>
      <input id="mfa-file" type="file" accept=".csv,text/csv" onChange={(e) => { setFile(e.target.files[0] || null); setReport(null); }} />
      <button type="submit" disabled={submission.busy}>Import export</button>
      {submission.error && <p class="error" role="alert">{submission.error}</p>}
      {report && (
        <div role="status">
          <p>Imported {report.source}: {plural(report.rows, 'row', 'rows')} read ({report.format} format, MFA from column “{report.mfa_column}”),
            {' '}{plural(report.rejected, 'rejected row', 'rejected rows')}. MFA coverage: {report.coverage.text}.</p>
          {report.rejected_rows.length > 0 && (
            <ul>{report.rejected_rows.map((r) => <li key={`${r.line}-${r.column}`}>line {r.line}: {r.message}</li>)}</ul>
          )}
        </div>
      )}
    </form>
  );
}

export function Mfa({ account }) {
  const report = useApi('/program/mfa');
  const mayImport = mayUse(account, 'POST /api/v1/program/mfa');
  const r = report.data;
  return (
    <>
      <ErrorNotice error={report.error} />
      {report.loading && !r && <Loading />}
      {r && !r.imported && <p>No MFA coverage imported yet: import the identity provider’s user export{mayImport ? ' below' : ''} (or <code>ward program mfa import FILE</code>).</p>}
      {r && r.imported && (
        <>
          <dl class="figures">
            <div><dt>MFA coverage</dt><dd>{percent(r.import.coverage.coverage)}</dd></div>
            <div><dt>Enabled accounts with MFA</dt><dd>{r.import.coverage.enabled_with_mfa} of {r.import.coverage.enabled}</dd></div>
            {r.import.coverage.privileged && <div><dt>Privileged accounts with MFA</dt><dd>{r.import.coverage.privileged.with_mfa} of {r.import.coverage.privileged.enabled}</dd></div>}
          </dl>
          <p>Imported {when(r.import.imported)} by {r.import.imported_by} from {r.import.source} ({plural(r.import.coverage.accounts, 'exported user', 'exported users')}, {plural(r.import.rejected, 'rejected row', 'rejected rows')}).</p>
          <table>
            <caption>Enabled accounts without MFA ({r.without_mfa.length})</caption>
            <thead><tr><th scope="col">Account</th><th scope="col">Name</th><th scope="col">Privileged</th></tr></thead>
            <tbody>
              {r.without_mfa.length === 0 && <tr><td colSpan={3}>Every enabled account has MFA.</td></tr>}
              {r.without_mfa.map((a) => (
                <tr key={a.user_id}><td>{a.user_id}</td><td>{a.display_name}</td><td>{a.privileged === null ? 'not known' : a.privileged ? 'yes' : 'no'}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {mayImport && <ImportForm onImported={report.reload} />}
    </>
  );
}
