// The Program page's Board report tab: the one-page board report (posture by CSF function with
// its trend, top risks, key figures, breach deadlines, gaps ranked by risk reduced per cost) for a
// quarter, opened in its own tab so it prints on its own — the browser's print to PDF gives the
// same page as `ward report board --out FILE.pdf`. The report is GET /api/v1/program/board-report
// ?quarter=2026Q4 (HTML; the executive may read it). docs/program.md#board-report explains it.
import { useState } from 'preact/hooks';

// "2026Q4" for a date, in UTC (the server's quarters are UTC days too).
export function quarterOf(date) {
  return `${date.getUTCFullYear()}Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

// The current quarter and the `count - 1` before it, newest first.
export function recentQuarters(today, count) {
  const out = [];
  let year = today.getUTCFullYear();
  let q = Math.floor(today.getUTCMonth() / 3) + 1;
  for (let i = 0; i < count; ++i) {
    out.push(`${year}Q${q}`);
    q -= 1;
    if (q === 0) { q = 4; year -= 1; }
  }
  return out;
}

export function BoardReport() {
  const quarters = recentQuarters(new Date(), 8);
  const [quarter, setQuarter] = useState(quarters[0]);
  const url = `/api/v1/program/board-report?quarter=${encodeURIComponent(quarter)}`;
  return (
    <section aria-labelledby="board-report-heading">
      <h2 id="board-report-heading">Board report</h2>
      <p>One page for the board: posture by CSF function with its trend across quarters, the top
        risks, key figures, breach deadlines, and the gaps ranked by risk reduced per estimated cost.
        It opens in its own tab; print it from there to save it as PDF (or run
        <code> ward report board --out board.pdf</code>).</p>
      <label for="board-quarter">Quarter</label>
      <select id="board-quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)}>
        {quarters.map((q) => <option key={q} value={q}>{q}</option>)}
      </select>
      <p><a href={url} target="_blank" rel="noopener">Open the board report for {quarter}</a></p>
    </section>
  );
}
