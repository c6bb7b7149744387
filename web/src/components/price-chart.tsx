import { useState } from 'preact/hooks';
import { money } from '../format';
import type { Granularity } from '../gql/graphql';

export interface ChartPoint {
  bucket: string;
  low: { cents: number };
  high: { cents: number };
  close: { cents: number };
}

/** A store's own line drawn over the lowest. */
export interface ChartSeries {
  name: string;
  colour: string;
  points: ChartPoint[];
}

/** Store lines: distinct from the lowest's blue and from each other, at least 3:1 against white. */
export const SERIES_COLOURS = ['#b5482f', '#2d7d46', '#7d3c98', '#8a5a00'];

const WIDTH = 640;
const HEIGHT = 230;
const PAD = { left: 56, right: 12, top: 18, bottom: 28 };

/** A bucket's start as a shopper reads it at this granularity. */
export function bucketLabel(iso: string, granularity: Granularity): string {
  const date = new Date(iso);
  if (granularity === 'HOUR') return date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  if (granularity === 'DAY') return date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  if (granularity === 'WEEK') return `week of ${date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' })}`;
  return date.toLocaleDateString(undefined, { year: 'numeric', month: 'long', timeZone: 'UTC' });
}

const axisDay = (t: number) => new Date(t).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: '2-digit' });

/**
 * The lowest price over time: a line through each bucket's close with its low–high band behind it, the
 * range's low and high marked, chosen stores' own lines over it, and the bucket under the pointer read
 * out. Plain SVG (a few hundred points
 * do not need a charting library); a table of the same points follows for screen readers and for anyone
 * who wants the numbers.
 */
export function PriceChart({
  points,
  series = [],
  label,
  granularity,
}: {
  points: ChartPoint[];
  series?: ChartSeries[];
  label: string;
  granularity: Granularity;
}) {
  const [hovered, setHovered] = useState<number | null>(null);
  if (points.length === 0) return <p class="muted">No prices recorded in this range yet.</p>;
  const times = points.map((point) => Date.parse(point.bucket));
  const lows = points.map((point) => point.low.cents);
  const highs = points.map((point) => point.high.cents);
  const [low, high] = [Math.min(...lows), Math.max(...highs)];
  const others = series.flatMap((line) => line.points);
  const [t0, t1] = [Math.min(...times, ...others.map((p) => Date.parse(p.bucket))), Math.max(...times, ...others.map((p) => Date.parse(p.bucket)))];
  const [c0, c1] = [Math.min(low, ...others.map((p) => p.close.cents)), Math.max(high, ...others.map((p) => p.close.cents))];
  const x = (t: number) => PAD.left + (t1 === t0 ? 0.5 : (t - t0) / (t1 - t0)) * (WIDTH - PAD.left - PAD.right);
  const y = (c: number) => PAD.top + (c1 === c0 ? 0.5 : 1 - (c - c0) / (c1 - c0)) * (HEIGHT - PAD.top - PAD.bottom);
  const line = points.map((point, i) => `${x(times[i]!).toFixed(1)},${y(point.close.cents).toFixed(1)}`).join(' ');
  const band = [
    ...points.map((p, i) => `${x(times[i]!).toFixed(1)},${y(p.high.cents).toFixed(1)}`),
    ...[...points].reverse().map((p, i) => `${x(times[points.length - 1 - i]!).toFixed(1)},${y(p.low.cents).toFixed(1)}`),
  ].join(' ');
  const ticks = c1 === c0 ? [c0] : [c0, Math.round((c0 + c1) / 2), c1];
  const lowest = lows.indexOf(low);
  const highest = highs.indexOf(high);
  const storeLine = (line: ChartSeries) => line.points.map((p) => `${x(Date.parse(p.bucket)).toFixed(1)},${y(p.close.cents).toFixed(1)}`).join(' ');

  const nearest = (event: PointerEvent) => {
    const svg = event.currentTarget as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    const at = ((event.clientX - box.left) / box.width) * WIDTH;
    let best = 0;
    for (let i = 1; i < times.length; i++) if (Math.abs(x(times[i]!) - at) < Math.abs(x(times[best]!) - at)) best = i;
    setHovered(best);
  };
  const shown = hovered === null ? null : points[hovered]!;
  return (
    <figure class="chart">
      <p class="chart-readout" aria-hidden="true">
        {shown ? (
          <>
            {bucketLabel(shown.bucket, granularity)}: <strong>{money(shown.close)}</strong> (low {money(shown.low)}, high {money(shown.high)})
            {series.map((line) => {
              const at = line.points.find((p) => p.bucket === shown.bucket);
              return at ? (
                <span key={line.name}>
                  {' '}
                  · {line.name} {money(at.close)}
                </span>
              ) : null;
            })}
          </>
        ) : (
          'Point at the chart to read a price.'
        )}
      </p>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="chart-title chart-desc"
        onPointerMove={nearest}
        onPointerLeave={() => setHovered(null)}
      >
        <title id="chart-title">{label}</title>
        <desc id="chart-desc">{`From ${money(points[0]!.close)} to ${money(points[points.length - 1]!.close)}; lowest ${money({ cents: low })}, highest ${money({ cents: high })}.`}</desc>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} class="grid" />
            <text x={PAD.left - 6} y={y(tick) + 4} text-anchor="end" class="axis">
              {money({ cents: tick })}
            </text>
          </g>
        ))}
        <text x={t1 === t0 ? x(t0) : PAD.left} y={HEIGHT - 8} text-anchor={t1 === t0 ? 'middle' : 'start'} class="axis">
          {axisDay(t0)}
        </text>
        {t1 === t0 ? null : (
          <text x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end" class="axis">
            {axisDay(t1)}
          </text>
        )}
        <polygon points={band} class="band" />
        <polyline points={line} class="line" />
        {series.map((store) => (
          <polyline key={store.name} points={storeLine(store)} class="store-line" stroke={store.colour} />
        ))}
        {points.length === 1 ? <circle cx={x(times[0]!)} cy={y(points[0]!.close.cents)} r="4" class="dot" /> : null}
        {high === low ? null : (
          <>
            <circle cx={x(times[lowest]!)} cy={y(low)} r="4" class="mark low" />
            <text x={x(times[lowest]!)} y={y(low) - 7} text-anchor="middle" class="mark-label">
              low {money({ cents: low })}
            </text>
            <circle cx={x(times[highest]!)} cy={y(high)} r="4" class="mark high" />
            <text x={x(times[highest]!)} y={y(high) + 15} text-anchor="middle" class="mark-label">
              high {money({ cents: high })}
            </text>
          </>
        )}
        {shown ? (
          <>
            <line x1={x(times[hovered!]!)} x2={x(times[hovered!]!)} y1={PAD.top} y2={HEIGHT - PAD.bottom} class="guide" />
            <circle cx={x(times[hovered!]!)} cy={y(shown.close.cents)} r="4" class="dot" />
          </>
        ) : null}
      </svg>
      {series.length > 0 ? (
        <ul class="chart-legend" aria-label="Lines">
          <li>
            <span class="swatch lowest" aria-hidden="true" />
            Lowest across stores
          </li>
          {series.map((store) => (
            <li key={store.name}>
              <span class="swatch" style={{ background: store.colour }} aria-hidden="true" />
              {store.name}
              {store.points.length === 0 ? <span class="muted"> (no prices in this range)</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>Show the numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">Low</th>
              <th scope="col">High</th>
              <th scope="col">Last</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.bucket}>
                <td>{bucketLabel(point.bucket, granularity)}</td>
                <td>{money(point.low)}</td>
                <td>{money(point.high)}</td>
                <td>{money(point.close)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
