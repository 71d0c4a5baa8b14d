// What a privacy officer and a CISO open every morning: events per input per day, how fresh each
// input is, open privacy cases by category and alerts by level, and whether live scoring and
// detection run. Every number is an aggregate the server computes (never a full list).
import { useApi, Loading, ErrorNotice, when } from '../components/status.jsx';
import { DailyChart } from '../components/daily_chart.jsx';
import { href } from '../router.js';

const levels = ['critical', 'high', 'medium', 'low', 'informational'];

function Counts({ stats }) {
  if (!stats) return null;
  return (
    <dl class="counts">
      {['events', 'patients', 'workforce', 'encounters', 'quarantined'].map((k) => (
        <div key={k}><dt>{k}</dt><dd>{(stats[k] ?? 0).toLocaleString('en-US')}</dd></div>
      ))}
    </dl>
  );
}

function Freshness({ inputs, staleHours }) {
  return (
    <table>
      <caption>Data freshness per input (stale: no event for more than {staleHours} hours)</caption>
      <thead><tr><th scope="col">Input</th><th scope="col">Newest event</th><th scope="col" class="num">Events</th><th scope="col">State</th></tr></thead>
      <tbody>
        {inputs.map((i) => (
          <tr key={i.source} class={i.stale ? 'stale' : ''}>
            <th scope="row">{i.source}</th>
            <td>{when(i.last)}</td>
            <td class="num">{i.events.toLocaleString('en-US')}</td>
            <td>{i.stale ? <strong class="badge bad">stale</strong> : <span class="badge ok">fresh</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CaseCounts({ cases }) {
  const categories = Object.entries(cases.open_by_category).sort((a, b) => b[1] - a[1]);
  return (
    <>
      <p><a href={href('/cases', { status: 'new' })}>{cases.by_status.new ?? 0} new</a>,{' '}
        <a href={href('/cases', { status: 'in_review' })}>{cases.by_status.in_review ?? 0} in review</a>,{' '}
        {cases.by_status.confirmed ?? 0} confirmed, {cases.by_status.dismissed ?? 0} dismissed.</p>
      <table>
        <caption>Open cases (new or in review) by category</caption>
        <thead><tr><th scope="col">Category</th><th scope="col" class="num">Open cases</th></tr></thead>
        <tbody>
          {categories.length === 0 && <tr><td colSpan={2}>No open cases.</td></tr>}
          {categories.map(([c, n]) => <tr key={c}><th scope="row">{c}</th><td class="num">{n}</td></tr>)}
        </tbody>
      </table>
    </>
  );
}

function AlertCounts({ alerts }) {
  return (
    <table>
      <caption>Alerts by level</caption>
      <thead><tr><th scope="col">Level</th><th scope="col" class="num">Open</th><th scope="col" class="num">Acknowledged</th><th scope="col" class="num">Closed</th></tr></thead>
      <tbody>
        {levels.map((l) => {
          const c = alerts.by_level[l] || {};
          return (
            <tr key={l}>
              <th scope="row"><a href={href('/alerts', { level: l, status: 'open' })}>{l}</a></th>
              <td class="num">{c.open ?? 0}</td><td class="num">{c.acknowledged ?? 0}</td><td class="num">{c.closed ?? 0}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Engines({ privacy, detection }) {
  const state = (s) => (!s ? 'unknown' : !s.live ? 'not running (batch runs only)' : s.ready ? 'running' : 'starting');
  return (
    <ul class="plain">
      <li>Live privacy scoring: {state(privacy)}{privacy?.live && privacy.latency_ms ? `, p99 ${privacy.latency_ms.p99} ms from commit to scored` : ''}{privacy?.last_error ? ` — last error: ${privacy.last_error}` : ''}</li>
      <li>Live detection: {state(detection)}{detection?.live && detection.rules ? `, ${detection.rules.rules} rules, ${detection.alerts_raised} alerts raised` : ''}{detection?.last_error ? ` — last error: ${detection.last_error}` : ''}</li>
    </ul>
  );
}

export function Overview() {
  const stats = useApi('/stats');
  const inputs = useApi('/stats/inputs?days=14');
  const cases = useApi('/stats/cases');
  const alerts = useApi('/stats/alerts');
  const privacy = useApi('/privacy/status');
  const detection = useApi('/detection/status');
  return (
    <>
      <h1>Overview</h1>
      <Counts stats={stats.data} />
      <ErrorNotice error={stats.error} />
      <section aria-labelledby="inputs-h">
        <h2 id="inputs-h">Inputs</h2>
        {inputs.loading && !inputs.data && <Loading />}
        <ErrorNotice error={inputs.error} />
        {inputs.data && (
          <>
            <DailyChart days={inputs.data.days} inputs={inputs.data.inputs} />
            <Freshness inputs={inputs.data.inputs} staleHours={inputs.data.stale_after_hours} />
          </>
        )}
      </section>
      <div class="columns">
        <section aria-labelledby="cases-h">
          <h2 id="cases-h">Privacy cases</h2>
          <ErrorNotice error={cases.error} />
          {cases.data && <CaseCounts cases={cases.data} />}
        </section>
        <section aria-labelledby="alerts-h">
          <h2 id="alerts-h">Detection alerts</h2>
          <ErrorNotice error={alerts.error} />
          {alerts.data && <AlertCounts alerts={alerts.data} />}
        </section>
      </div>
      <section aria-labelledby="engines-h">
        <h2 id="engines-h">Engines</h2>
        <Engines privacy={privacy.data} detection={detection.data} />
      </section>
    </>
  );
}
