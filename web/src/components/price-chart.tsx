import { money } from '../format';

export interface ChartPoint {
  bucket: string;
  low: { cents: number };
  high: { cents: number };
  close: { cents: number };
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };

/**
 * The lowest price over time: a line through each bucket's close with its low–high band behind it.
 * Plain SVG (a few dozen points do not need a charting library); a table of the same points follows
 * for screen readers and for anyone who wants the numbers.
 */
export function PriceChart({ points, label }: { points: ChartPoint[]; label: string }) {
  if (points.length === 0) return <p class="muted">No prices recorded in this range yet.</p>;
  const times = points.map((point) => Date.parse(point.bucket));
  const lows = points.map((point) => point.low.cents);
  const highs = points.map((point) => point.high.cents);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [c0, c1] = [Math.min(...lows), Math.max(...highs)];
  const x = (t: number) => PAD.left + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (c: number) => PAD.top + (c1 === c0 ? 0.5 : 1 - (c - c0) / (c1 - c0)) * (HEIGHT - PAD.top - PAD.bottom);
  const line = points.map((point, i) => `${x(times[i]!).toFixed(1)},${y(point.close.cents).toFixed(1)}`).join(' ');
  const band = [...points.map((p, i) => `${x(times[i]!).toFixed(1)},${y(p.high.cents).toFixed(1)}`), ...[...points].reverse().map((p, i) => `${x(times[points.length - 1 - i]!).toFixed(1)},${y(p.low.cents).toFixed(1)}`)].join(' ');
  const ticks = [c0, Math.round((c0 + c1) / 2), c1];
  const day = (t: number) => new Date(t).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="chart-title chart-desc">
        <title id="chart-title">{label}</title>
        <desc id="chart-desc">{`From ${money({ cents: points[0]!.close.cents })} to ${money({ cents: points[points.length - 1]!.close.cents })}; lowest ${money({ cents: c0 })}, highest ${money({ cents: c1 })}.`}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} class="grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} text-anchor="end" class="axis">{money({ cents: tick })}</text>
          </g>
        ))}
        <text x={PAD.left} y={HEIGHT - 8} class="axis">{day(t0)}</text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end" class="axis">{day(t1)}</text>
        <polygon points={band} class="band" />
        <polyline points={line} class="line" />
        {points.length === 1 ? <circle cx={x(times[0]!)} cy={y(points[0]!.close.cents)} r="4" class="dot" /> : null}
      </svg>
      <details>
        <summary>Show the numbers</summary>
        <table>
          <thead><tr><th scope="col">From</th><th scope="col">Low</th><th scope="col">High</th><th scope="col">Last</th></tr></thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.bucket}><td>{new Date(point.bucket).toLocaleString()}</td><td>{money(point.low)}</td><td>{money(point.high)}</td><td>{money(point.close)}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
