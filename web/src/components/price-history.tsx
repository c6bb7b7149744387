import { useEffect, useState } from 'preact/hooks';
import { execute } from '../graphql';
import { money } from '../format';
import type { Granularity, PriceHistoryQuery } from '../gql/graphql';
import { PriceHistory as PriceHistoryQueryDocument } from '../operations';
import { type ChartSeries, PriceChart, SERIES_COLOURS } from './price-chart';

type History = NonNullable<PriceHistoryQuery['book']>['priceHistory'];

const RANGES = [
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: 3 * 365, label: '3 years' },
];
const GRANULARITIES: Granularity[] = ['HOUR', 'DAY', 'WEEK', 'MONTH'];
/** The longest range each granularity is drawn for (the API's own limits, and enough points to read). */
const LONGEST_DAYS: Record<Granularity, number> = { HOUR: 31, DAY: 3 * 365, WEEK: 20 * 365, MONTH: 50 * 365 };
/** Store lines drawn at once beside the lowest: more would be a tangle. */
export const MOST_COMPARED = SERIES_COLOURS.length;

export interface ComparableStore {
  id: string;
  name: string;
}

/**
 * The lowest price across stores over time, with a chosen few stores' own lines on demand. It is read
 * again once the stores have answered, so "now" and today's point include their prices.
 */
export function PriceHistory({ isbn, offersSettledAt, stores }: { isbn: string; offersSettledAt: number; stores: ComparableStore[] }) {
  const [days, setDays] = useState(90);
  const [granularity, setGranularity] = useState<Granularity>('DAY');
  const [history, setHistory] = useState<History | null>(null);
  const [compared, setCompared] = useState<string[]>([]);
  const [storeLines, setStoreLines] = useState<Record<string, History['points']>>({});
  const from = () => new Date(Date.now() - days * 86_400_000).toISOString();

  useEffect(() => {
    execute(PriceHistoryQueryDocument, { isbn, granularity, from: from() }).then(
      (data) => setHistory(data.book?.priceHistory ?? null),
      () => setHistory(null),
    );
  }, [isbn, granularity, days, offersSettledAt]);
  useEffect(() => {
    setStoreLines({});
    for (const storeId of compared) {
      execute(PriceHistoryQueryDocument, { isbn, granularity, from: from(), storeId }).then(
        (data) => setStoreLines((lines) => ({ ...lines, [storeId]: data.book?.priceHistory.points ?? [] })),
        () => undefined,
      );
    }
  }, [isbn, granularity, days, offersSettledAt, compared.join()]);

  // A longer range keeps the granularity when it can, else takes the next coarser one.
  const chooseRange = (next: number) => {
    setDays(next);
    if (LONGEST_DAYS[granularity] < next) setGranularity(GRANULARITIES.find((g) => LONGEST_DAYS[g] >= next)!);
  };
  const toggle = (storeId: string) =>
    setCompared((ids) => (ids.includes(storeId) ? ids.filter((id) => id !== storeId) : [...ids, storeId].slice(-MOST_COMPARED)));
  const series: ChartSeries[] = compared.flatMap((storeId, index) => {
    const store = stores.find((candidate) => candidate.id === storeId);
    const points = storeLines[storeId];
    return store && points ? [{ name: store.name, colour: SERIES_COLOURS[index]!, points }] : [];
  });
  const rangeLabel = RANGES.find((range) => range.days === days)?.label ?? `${days} days`;

  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Price history</h2>
      <div class="chart-controls">
        <label class="inline">
          Range
          <select value={days} onChange={(e) => chooseRange(Number((e.target as HTMLSelectElement).value))}>
            {RANGES.map((range) => (
              <option key={range.days} value={range.days}>
                {range.label}
              </option>
            ))}
          </select>
        </label>
        <div role="group" aria-label="One point per" class="segmented">
          {GRANULARITIES.map((g) => (
            <button type="button" key={g} aria-pressed={g === granularity} disabled={LONGEST_DAYS[g] < days} onClick={() => setGranularity(g)}>
              {g.toLowerCase()}
            </button>
          ))}
        </div>
      </div>
      {history ? (
        <>
          <p>
            {/* The history follows the partner stores' lowest price, which may be above Folio's own offer shown beside it. */}
            Lowest at partner stores now {money(history.current)} · lowest of the last 30 days {money(history.lowest30d)} · all-time low{' '}
            {money(history.allTimeLow)}
            {history.isGoodDeal ? <strong class="deal"> · a good deal</strong> : null}
          </p>
          <PriceChart
            points={history.points}
            series={series}
            granularity={granularity}
            label={`Lowest price by ${granularity.toLowerCase()}, last ${rangeLabel}`}
          />
        </>
      ) : (
        <p class="muted">Loading the history…</p>
      )}
      {stores.length > 0 ? <StorePicker stores={stores} compared={compared} onToggle={toggle} /> : null}
    </section>
  );
}

function StorePicker({ stores, compared, onToggle }: { stores: ComparableStore[]; compared: string[]; onToggle: (storeId: string) => void }) {
  const sorted = [...stores].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <details class="store-picker" open={compared.length > 0}>
      <summary>Compare with stores' own prices</summary>
      <fieldset>
        <legend class="muted">Up to {MOST_COMPARED} stores, each drawn as its own line</legend>
        {sorted.map((store) => (
          <label key={store.id} class="inline">
            <input type="checkbox" checked={compared.includes(store.id)} onChange={() => onToggle(store.id)} />
            {store.name}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
