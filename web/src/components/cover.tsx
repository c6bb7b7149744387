/** Colour pairs for generated covers: dark enough for white type (contrast over 4.5:1). */
const PALETTE: [string, string][] = [
  ['#1f4e79', '#2e75b6'],
  ['#7a2e1f', '#b5482f'],
  ['#2d5a3d', '#3f7f56'],
  ['#5b2c6f', '#7d3c98'],
  ['#7a4b00', '#a86800'],
  ['#1d4d4f', '#2a7073'],
  ['#4a3b2a', '#6e5840'],
  ['#7b2346', '#a83262'],
];

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Words on lines of at most `width` characters, at most `lines` lines (the last one shortened with "…"). */
function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = out[out.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= width) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  if (out.length > lines) return [...out.slice(0, lines - 1), `${out[lines - 1]}…`];
  return out;
}

/**
 * A book's cover, drawn from its title and author (there is no image host): the same book always gets
 * the same colours and pattern, so a cover is recognisable from page to page. Decorative: the title is
 * on the page in text.
 */
export function Cover({ title, author, size = 'large' }: { title: string; author: string; size?: 'large' | 'small' }) {
  const h = hash(`${title}|${author}`);
  const [dark, light] = PALETTE[h % PALETTE.length]!;
  const pattern = (h >> 8) % 3;
  const titleLines = wrap(title, 14, 4);
  return (
    <svg class={`cover cover-${size}`} viewBox="0 0 120 180" aria-hidden="true" focusable="false">
      <rect width="120" height="180" fill={dark} />
      {pattern === 0 ? <rect y="118" width="120" height="10" fill={light} /> : null}
      {pattern === 1 ? <circle cx="96" cy="150" r="46" fill={light} opacity=".55" /> : null}
      {pattern === 2 ? <path d="M0 130 L120 100 L120 180 L0 180 Z" fill={light} opacity=".6" /> : null}
      <rect x="6" y="6" width="108" height="168" fill="none" stroke="#fff" stroke-opacity=".35" />
      {titleLines.map((line, i) => (
        <text key={i} x="60" y={34 + i * 15} text-anchor="middle" fill="#fff" font-size="12" font-weight="700" font-family="Georgia, serif">
          {line}
        </text>
      ))}
      <text x="60" y="164" text-anchor="middle" fill="#fff" font-size="9" font-family="system-ui, sans-serif">
        {wrap(author, 22, 1)[0]}
      </text>
    </svg>
  );
}
