// Events per input per day as a uPlot line chart, with the same numbers as a table for screen
// readers and keyboards (a canvas says nothing to them).
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

const palette = ['#1f5fa8', '#b3471d', '#2d7d46', '#7a3f9d', '#8a6d00', '#00707a', '#a0225a', '#4d4d4d'];

export function DailyChart({ days, inputs }) {
  const box = useRef(null);
  useEffect(() => {
    if (!box.current || days.length === 0 || inputs.length === 0) return undefined;
    const xs = days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
    const plot = new uPlot({
      width: Math.max(320, box.current.clientWidth),
      height: 260,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
      scales: { x: { time: true } },
      // One tick a day, labelled MM-DD (the x values are UTC midnights).
      axes: [{ splits: () => xs, values: (u, splits) => splits.map((s) => new Date(s * 1000).toISOString().slice(5, 10)) },
        { label: 'events', size: 70 }],
      series: [
        { label: 'day (UTC)' },
        ...inputs.map((input, i) => ({
          label: input.source, stroke: palette[i % palette.length], width: 2, points: { show: true },
        })),
      ],
    }, [xs, ...inputs.map((input) => input.per_day)], box.current);
    const resize = () => plot.setSize({ width: Math.max(320, box.current.clientWidth), height: 260 });
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); plot.destroy(); };
  }, [days, inputs]);

  if (inputs.length === 0) return <p>No events stored yet.</p>;
  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={`Events per day for ${inputs.length} inputs, ${days[0]} to ${days[days.length - 1]}; the table below has the numbers`} />
      <details>
        <summary>Events per day as a table</summary>
        <div class="scroll">
          <table>
            <caption class="visually-hidden">Events per input per day (UTC)</caption>
            <thead><tr><th scope="col">Input</th>{days.map((d) => <th scope="col" key={d}>{d.slice(5)}</th>)}</tr></thead>
            <tbody>
              {inputs.map((input) => (
                <tr key={input.source}><th scope="row">{input.source}</th>{input.per_day.map((n, i) => <td key={i} class="num">{n}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
