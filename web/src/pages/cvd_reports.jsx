// Coordinated vulnerability disclosure reports (docs/devices.md#coordinated-vulnerability-disclosure),
// a tab of the Devices page: the reports newest first, all or open only, with days to the target
// disclosure; recording a new one as staff enter it from the reporter's report; and one report
// with its dates and timeline, moved on to the states the server says it may reach (with the
// step's date, today unless given, and a note). Forms are shown only to roles that may use them.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useApi, Loading, ErrorNotice, when } from '../components/status.jsx';
import { useSubmission } from '../components/submission.js';
import { href, navigate } from '../router.js';
import { mayUse } from '../session.js';

const label = (state) => state.replace('_', ' ');

function disclosure(r) {
  if (r.days_taken != null) return `disclosed after ${r.days_taken} days`;
  if (r.days_to_disclosure == null) return '—';
  return r.disclosure_overdue ? <strong class="late">{-r.days_to_disclosure} days overdue</strong> : `${r.days_to_disclosure} days`;
}

export function CvdReports({ account, params }) {
  const state = params.state || '';
  const { data, error, loading, reload } = useApi(`/devices/cvd${state ? `?state=${encodeURIComponent(state)}` : ''}`);
  return (
    <>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label for="cvd-state">Show</label>
        <select id="cvd-state" value={state} onChange={(e) => navigate('/devices/cvd', { state: e.currentTarget.value })}>
          <option value="">All reports</option>
          <option value="open">Open reports</option>
        </select>
      </form>
      <ErrorNotice error={error} />
      {loading && !data && <Loading />}
      {data && (
        <table>
          <caption>CVD reports, newest first</caption>
          <thead><tr><th scope="col">Report</th><th scope="col">State</th><th scope="col">Affected</th><th scope="col">CVE</th>
            <th scope="col">Received</th><th scope="col">Target disclosure</th><th scope="col">Left</th></tr></thead>
          <tbody>
            {data.reports.length === 0 && <tr><td colSpan={7}>No reports.</td></tr>}
            {data.reports.map((r) => (
              <tr key={r.id}>
                <td><a href={href(`/devices/cvd/${r.id}`)}>#{r.id} {r.title || r.description.slice(0, 60)}</a></td>
                <td>{label(r.state)}</td>
                <td>{r.subject === 'ward' ? 'Ward itself' : [r.vendor, r.product, r.version].filter(Boolean).join(' ') || '—'}</td>
                <td>{r.cve || '—'}</td>
                <td>{r.received_on}</td>
                <td>{r.target_disclosure_on || '—'}</td>
                <td>{disclosure(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayUse(account, 'POST /api/v1/devices/cvd') && <NewReportForm onDone={reload} />}
    </>
  );
}

const newFields = [
  ['title', 'Title'], ['description', 'What was reported'], ['vendor', 'Vendor'], ['product', 'Product or model'],
  ['version', 'Affected version(s)'], ['cve', 'CVE (when one is assigned)'], ['reporter', 'Reporter (leave empty if anonymous)'],
  ['reporter_contact', "Reporter's contact"],
];

function NewReportForm({ onDone }) {
  const empty = { subject: 'device', ...Object.fromEntries(newFields.map(([k]) => [k, ''])) };
  const [fields, setFields] = useState(empty);
  const { busy, error, run } = useSubmission();
  const set = (key) => (e) => setFields({ ...fields, [key]: e.currentTarget.value });
  const submit = (e) => {
    e.preventDefault();
    const body = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
    return run(async () => {
      const r = await api('/devices/cvd', { method: 'POST', body });
      onDone();
      navigate(`/devices/cvd/${r.id}`);
    });
  };
  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Record a reported vulnerability</legend>
        <label for="cvd-subject">In</label>
        <select id="cvd-subject" value={fields.subject} onChange={set('subject')}>
          <option value="device">a device model</option>
          <option value="ward">Ward itself</option>
        </select>
        {newFields.map(([key, text]) => (
          <Fragment key={key}>
            <label for={`cvd-${key}`}>{text}</label>
            {key === 'description'
              ? <textarea id={`cvd-${key}`} rows={3} value={fields[key]} onInput={set(key)} />
              : <input id={`cvd-${key}`} value={fields[key]} onInput={set(key)} autocomplete="off" />}
          </Fragment>
        ))}
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>Record the report</button>
      </fieldset>
    </form>
  );
}

export function CvdReportPage({ id, account }) {
  const { data: r, error, loading, reload } = useApi(`/devices/cvd/${encodeURIComponent(id)}`);
  if (loading && !r) return <Loading />;
  if (error) return <ErrorNotice error={error} />;
  const reporter = r.anonymous ? 'anonymous' : [r.reporter, r.reporter_contact && `<${r.reporter_contact}>`].filter(Boolean).join(' ');
  return (
    <>
      <h2>CVD report #{r.id}: {r.title || r.description.slice(0, 80)} <span class="badge cvd-state">{label(r.state)}</span></h2>
      <p class="crumbs"><a href="#/devices/cvd">All CVD reports</a></p>
      <dl class="facts">
        <dt>Affected</dt><dd>{r.subject === 'ward' ? 'Ward itself' : [r.vendor, r.product, r.version].filter(Boolean).join(' ') || '—'}</dd>
        <dt>CVE</dt><dd>{r.cve || 'none yet'}</dd>
        <dt>Reporter</dt><dd>{reporter}</dd>
        <dt>Description</dt><dd>{r.description || '—'}</dd>
        {[['Received', r.received_on], ['Acknowledged', r.acknowledged_on], ['Triaged', r.triaged_on], ['Vendor notified', r.vendor_notified_on],
          ['Fix available', r.fix_available_on], ['Disclosed', r.disclosed_on], ['Target disclosure', r.target_disclosure_on]]
          .filter(([, v]) => v).map(([k, v]) => <Fragment key={k}><dt>{k}</dt><dd>{v}</dd></Fragment>)}
        <dt>Disclosure</dt><dd>{disclosure(r)}</dd>
      </dl>
      <h3>Timeline</h3>
      <ol class="history cvd-timeline">
        {r.timeline.map((e, i) => <li key={i}>{when(e.at)} — {e.actor}: {e.event}{e.detail && ` (${e.detail})`}</li>)}
      </ol>
      {mayUse(account, 'PATCH /api/v1/devices/cvd/{report}') && r.next_states.length > 0 && <MoveForm report={r} onDone={reload} />}
    </>
  );
}

function MoveForm({ report, onDone }) {
  const [fields, setFields] = useState({ state: report.next_states[0], on: '', note: '' });
  const { busy, error, run } = useSubmission();
  const set = (key) => (e) => setFields({ ...fields, [key]: e.currentTarget.value });
  const submit = (e) => {
    e.preventDefault();
    const state = fields.state || report.next_states[0];
    const body = { state };
    if (fields.on && state !== 'closed' && state !== 'rejected') body[`${state}_on`] = fields.on;
    if (fields.note) body.note = fields.note;
    return run(async () => {
      await api(`/devices/cvd/${report.id}`, { method: 'PATCH', body });
      setFields({ state: '', on: '', note: '' });
      onDone();
    });
  };
  return (
    <form class="review" onSubmit={submit}>
      <fieldset>
        <legend>Move the report on</legend>
        <label for="cvd-next">New state</label>
        <select id="cvd-next" value={fields.state || report.next_states[0]} onChange={set('state')}>
          {report.next_states.map((s) => <option key={s} value={s}>{label(s)}</option>)}
        </select>
        <label for="cvd-on">On (YYYY-MM-DD; today when empty)</label>
        <input id="cvd-on" type="date" value={fields.on} onInput={set('on')} />
        <label for="cvd-note">Note for the timeline</label>
        <textarea id="cvd-note" rows={2} value={fields.note} onInput={set('note')} />
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>Move on</button>
      </fieldset>
    </form>
  );
}
