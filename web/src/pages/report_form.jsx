// "See something, say something": the form any member of staff may use to report a security or
// privacy concern, with no account (POST /api/v1/program/intake; anonymous unless they give a
// name). The answer is only a receipt code, which adds information later
// (POST /api/v1/program/intake/{receipt}). Nothing sent is shown back: it may hold PHI.
import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { href } from '../router.js';
import { useSubmission } from '../components/submission.js';

export function ReportForm({ signedIn }) {
  const [anonymous, setAnonymous] = useState(true);
  const [receipt, setReceipt] = useState(null);
  const [added, setAdded] = useState(false);
  const report = useSubmission();
  const update = useSubmission();

  const send = (e) => {
    e.preventDefault();
    const f = e.currentTarget.elements;
    const body = { title: f.title.value, description: f.description.value, anonymous };
    if (!anonymous) Object.assign(body, { name: f.name.value, contact: f.contact.value });
    report.run(async () => { setReceipt(await api('/program/intake', { method: 'POST', body })); });
  };
  const addMore = (e) => {
    e.preventDefault();
    const f = e.currentTarget.elements;
    update.run(async () => {
      await api(`/program/intake/${encodeURIComponent(f.receipt.value.trim())}`, { method: 'POST', body: { text: f.text.value } });
      setAdded(true);
      f.text.value = '';
    });
  };

  return (
    <main class="report" id="main">
      <h1>Report a security or privacy concern</h1>
      <p>For any member of staff, no account needed. Describe what you saw: a lost device, a suspicious
        e-mail, someone looking at records they should not, a door propped open. <strong>Do not put
        patient names or details here</strong>; the security team will ask if they need them.</p>
      {receipt ? (
        <section aria-live="polite">
          <h2>Thank you</h2>
          <p>{receipt.message}</p>
          <p>Your receipt code: <strong class="receipt">{receipt.receipt}</strong></p>
        </section>
      ) : (
        <form onSubmit={send}>
          <label for="report-title">What happened, in a few words</label>
          <input id="report-title" name="title" required maxLength={200} />
          <label for="report-description">Details: when, where, what you saw</label>
          <textarea id="report-description" name="description" rows={6} />
          <label><input type="checkbox" name="anonymous" checked={anonymous}
                        onChange={(e) => setAnonymous(e.currentTarget.checked)} /> Report anonymously</label>
          {!anonymous && (
            <>
              <label for="report-name">Your name</label>
              <input id="report-name" name="name" maxLength={200} />
              <label for="report-contact">How to reach you (phone, e-mail)</label>
              <input id="report-contact" name="contact" maxLength={200} />
            </>
          )}
          {report.error && <p class="error" role="alert">{report.error}</p>}
          <button type="submit" disabled={report.busy}>{report.busy ? 'Sending…' : 'Send the report'}</button>
        </form>
      )}
      <h2>Add to a report you made</h2>
      <form onSubmit={addMore}>
        <label for="report-receipt">Receipt code</label>
        <input id="report-receipt" name="receipt" required defaultValue={receipt ? receipt.receipt : ''} autoComplete="off" />
        <label for="report-text">What to add</label>
        <textarea id="report-text" name="text" rows={3} required />
        {update.error && <p class="error" role="alert">{update.error}</p>}
        {added && <p role="status">Added to your report.</p>}
        <button type="submit" disabled={update.busy}>{update.busy ? 'Sending…' : 'Add'}</button>
      </form>
      <p><a href={href('/')}>{signedIn ? 'Back to Ward' : 'Sign in to Ward'}</a></p>
    </main>
  );
}
