// Charts drawn on the server as SVG (issue 15; REP-6): a horizontal bar chart — grouped bars for a
// second dimension — and a line over time. Nothing runs in the browser and nothing needs an inline
// style (the CSP allows neither): geometry and colours are SVG presentation attributes. Each chart is
// an image with a name and a text description (role="img", its <title> referenced by aria-labelledby,
// the visible caption by aria-describedby); the page's table next to it holds the data itself.
import type { Child } from 'hono/jsx';

/** Okabe–Ito: told apart by people with colour-vision deficiencies; black last. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#8C7A00', '#000000'] as const;
/** At most this many series get a colour of their own; the rest are summed into "Kiti". */
export const MAX_SERIES = PALETTE.length;
/** At most this many categories are drawn; the rest are summed into "Kiti". */
export const MAX_CATEGORIES = 40;
export const OTHERS_LABEL = 'Kiti';

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const WIDTH = 760;

export interface BarSeries {
  label: string;
  /** One value per category, in the categories' order. */
  values: number[];
}

export interface BarChartData {
  categories: string[];
  /** One series: plain bars; several: grouped bars with a legend. */
  series: BarSeries[];
}

/** Keeps at most `max` entries by total; the rest become one "Kiti" entry (its sum), so the chart stays readable. */
function foldTail<T>(items: T[], max: number, total: (t: T) => number, merge: (rest: T[]) => T): { items: T[]; folded: number } {
  if (items.length <= max) return { items, folded: 0 };
  const ranked = items.map((t, i) => ({ t, i, n: total(t) })).sort((a, b) => b.n - a.n || a.i - b.i);
  const keep = new Set(ranked.slice(0, max - 1).map((r) => r.i));
  const rest = items.filter((_, i) => !keep.has(i));
  return { items: [...items.filter((_, i) => keep.has(i)), merge(rest)], folded: rest.length };
}

/** Limits the data to what a chart can show: at most MAX_CATEGORIES categories and MAX_SERIES series. */
export function fitBarChart(data: BarChartData): BarChartData & { foldedCategories: number; foldedSeries: number } {
  const series = foldTail(
    data.series,
    MAX_SERIES,
    (s) => s.values.reduce((a, b) => a + b, 0),
    (rest) => ({ label: OTHERS_LABEL, values: data.categories.map((_, c) => rest.reduce((a, s) => a + (s.values[c] ?? 0), 0)) }),
  );
  const indexed = data.categories.map((label, c) => ({ label, c }));
  const cats = foldTail(
    indexed,
    MAX_CATEGORIES,
    ({ c }) => series.items.reduce((a, s) => a + (s.values[c] ?? 0), 0),
    (rest) => ({ label: OTHERS_LABEL, c: -1 - rest.length, rest }) as { label: string; c: number; rest?: typeof indexed },
  );
  const valueAt = (s: BarSeries, cat: { c: number; rest?: typeof indexed }) =>
    cat.rest ? cat.rest.reduce((a, r) => a + (s.values[r.c] ?? 0), 0) : (s.values[cat.c] ?? 0);
  return {
    categories: cats.items.map((c) => c.label),
    series: series.items.map((s) => ({ label: s.label, values: cats.items.map((cat) => valueAt(s, cat)) })),
    foldedCategories: cats.folded,
    foldedSeries: series.folded,
  };
}

/** A round axis maximum ≥ max and its whole tick step (1, 2 or 5 × 10ⁿ), for at most 4–5 ticks of counts. */
export function niceScale(max: number): { max: number; step: number } {
  if (max <= 0) return { max: 1, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!,
  );
  return { max: Math.ceil(max / step) * step, step };
}

/** A label cut to `n` characters with an ellipsis (the whole label is in the element's <title>). */
export function clip(label: string, n: number): string {
  return label.length <= n ? label : `${label.slice(0, n - 1)}…`;
}

function formatCount(n: number): string {
  return new Intl.NumberFormat('lt-LT').format(n);
}

/** The text alternative of a bar chart: what it shows and its largest values. */
export function describeBars(data: BarChartData, unit: string): string {
  const cells: { label: string; n: number }[] = [];
  data.categories.forEach((cat, c) =>
    data.series.forEach((s) => cells.push({ label: data.series.length > 1 ? `${cat} – ${s.label}` : cat, n: s.values[c] ?? 0 })),
  );
  const top = cells
    .filter((x) => x.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, 3)
    .map((x) => `${x.label}: ${formatCount(x.n)}`);
  const total = cells.reduce((a, x) => a + x.n, 0);
  if (total === 0) return `Nėra duomenų: ${unit} – 0.`;
  return `Iš viso ${unit}: ${formatCount(total)}. Daugiausia – ${top.join('; ')}.`;
}

/**
 * A chart's frame: the SVG as one image (role="img") named by its title and described by the visible
 * caption (the text alternative); the drawing itself (`children`) is hidden from assistive technology.
 * `after` goes below the caption (e.g. the line chart's table link).
 */
function ChartFigure(props: { id: string; title: string; height: number; description: string; after?: Child; children: Child }) {
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${props.height}`}
        width="100%"
        role="img"
        aria-labelledby={`${props.id}-title`}
        aria-describedby={`${props.id}-desc`}
        font-family={FONT}
        font-size="12"
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <g aria-hidden="true">{props.children}</g>
      </svg>
      <figcaption id={`${props.id}-desc`}>{props.description}</figcaption>
      {props.after}
    </figure>
  );
}

export function BarChart(props: { id: string; title: string; unit: string; data: BarChartData }) {
  const fitted = fitBarChart(props.data);
  const { categories, series } = fitted;
  const grouped = series.length > 1;
  const barH = grouped ? Math.max(8, Math.min(16, Math.floor(48 / series.length))) : 20;
  const groupH = barH * series.length + 10;
  const left = 250;
  const right = 50;
  const top = 10;
  const legendRows = grouped ? Math.ceil(series.length / 3) : 0;
  const plotH = Math.max(groupH, categories.length * groupH);
  const axisY = top + plotH;
  const height = axisY + 28 + legendRows * 20 + 6;
  const plotW = WIDTH - left - right;
  const maxValue = Math.max(0, ...series.flatMap((s) => s.values));
  const scale = niceScale(maxValue);
  const x = (v: number) => left + (v / scale.max) * plotW;
  const ticks: number[] = [];
  for (let t = 0; t <= scale.max; t += scale.step) ticks.push(t);
  const notes: string[] = [];
  if (fitted.foldedCategories > 0 || fitted.foldedSeries > 0)
    notes.push(`Mažiausios reikšmės sujungtos į „${OTHERS_LABEL}“; visi skaičiai – lentelėje.`);
  const description = `${describeBars(fitted, props.unit)}${notes.length ? ` ${notes.join(' ')}` : ''}`;
  return (
    <ChartFigure id={props.id} title={props.title} height={height} description={description}>
      {ticks.map((t) => (
        <>
          <line x1={x(t)} x2={x(t)} y1={top} y2={axisY} stroke="#d0d7de" stroke-width="1" />
          <text x={x(t)} y={axisY + 16} text-anchor="middle" fill="#444">
            {formatCount(t)}
          </text>
        </>
      ))}
      {categories.map((cat, c) => {
        const y0 = top + c * groupH + 5;
        return (
          <g>
            <text x={left - 8} y={y0 + (barH * series.length) / 2} text-anchor="end" dominant-baseline="middle" fill="#222">
              <title>{cat}</title>
              {clip(cat, 32)}
            </text>
            {series.map((s, i) => {
              const v = s.values[c] ?? 0;
              const y = y0 + i * barH;
              return (
                <>
                  <rect x={left} y={y} width={Math.max(0, x(v) - left)} height={barH - 2} fill={PALETTE[i % PALETTE.length]}>
                    <title>{grouped ? `${cat} – ${s.label}: ${formatCount(v)}` : `${cat}: ${formatCount(v)}`}</title>
                  </rect>
                  <text x={x(v) + 4} y={y + (barH - 2) / 2} dominant-baseline="middle" fill="#222" font-size={grouped ? '10' : '12'}>
                    {formatCount(v)}
                  </text>
                </>
              );
            })}
          </g>
        );
      })}
      <line x1={left} x2={left} y1={top} y2={axisY} stroke="#57606a" stroke-width="1" />
      {grouped
        ? series.map((s, i) => {
            const lx = left + (i % 3) * (plotW / 3);
            const ly = axisY + 30 + Math.floor(i / 3) * 20;
            return (
              <g>
                <rect x={lx} y={ly - 10} width="12" height="12" fill={PALETTE[i % PALETTE.length]} />
                <text x={lx + 16} y={ly} fill="#222">
                  <title>{s.label}</title>
                  {clip(s.label, 26)}
                </text>
              </g>
            );
          })
        : null}
    </ChartFigure>
  );
}

export interface LinePoint {
  label: string;
  value: number;
}

/** The text alternative of a line: the period, the total and the highest point. */
export function describeLine(points: LinePoint[], unit: string): string {
  if (points.length === 0) return 'Nėra duomenų.';
  const total = points.reduce((a, p) => a + p.value, 0);
  const peak = points.reduce((best, p) => (p.value > best.value ? p : best), points[0]!);
  return `Laikotarpis ${points[0]!.label} – ${points.at(-1)!.label}. Iš viso ${unit}: ${formatCount(total)}. Daugiausia – ${peak.label}: ${formatCount(peak.value)}.`;
}

/** Which points get a label under the axis: every `every`-th, and the last unless it would crowd the one before. */
export function axisLabelled(i: number, count: number, every: number): boolean {
  if (i % every === 0) return true;
  if (i !== count - 1) return false;
  return i % every >= Math.ceil(every * 0.6);
}

export function LineChart(props: { id: string; title: string; unit: string; points: LinePoint[]; children?: Child }) {
  const { points } = props;
  const left = 50;
  const right = 30;
  const top = 12;
  const plotH = 200;
  const axisY = top + plotH;
  const height = axisY + 44;
  const plotW = WIDTH - left - right;
  const scale = niceScale(Math.max(0, ...points.map((p) => p.value)));
  const x = (i: number) => left + (points.length <= 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (v: number) => axisY - (v / scale.max) * plotH;
  const ticks: number[] = [];
  for (let t = 0; t <= scale.max; t += scale.step) ticks.push(t);
  const labelEvery = Math.max(1, Math.ceil(points.length / 8));
  const description = describeLine(points, props.unit);
  return (
    <ChartFigure id={props.id} title={props.title} height={height} description={description} after={props.children}>
      {ticks.map((t) => (
        <>
          <line x1={left} x2={left + plotW} y1={y(t)} y2={y(t)} stroke="#d0d7de" stroke-width="1" />
          <text x={left - 6} y={y(t)} text-anchor="end" dominant-baseline="middle" fill="#444">
            {formatCount(t)}
          </text>
        </>
      ))}
      <line x1={left} x2={left + plotW} y1={axisY} y2={axisY} stroke="#57606a" stroke-width="1" />
      {points.map((p, i) =>
        axisLabelled(i, points.length, labelEvery) ? (
          <text
            x={x(i)}
            y={axisY + 18}
            text-anchor={points.length > 1 && i === points.length - 1 ? 'end' : 'middle'}
            fill="#444"
            font-size="11"
          >
            {p.label}
          </text>
        ) : null,
      )}
      <polyline
        points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ')}
        fill="none"
        stroke={PALETTE[0]}
        stroke-width="2"
      />
      {points.length <= 100
        ? points.map((p, i) => (
            <circle cx={x(i).toFixed(1)} cy={y(p.value).toFixed(1)} r="3" fill={PALETTE[0]}>
              <title>{`${p.label}: ${formatCount(p.value)}`}</title>
            </circle>
          ))
        : null}
    </ChartFigure>
  );
}
