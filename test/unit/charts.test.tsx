// Server-drawn SVG charts of the reports (issue 15; REP-6): accessible images (role="img", a <title>
// named by aria-labelledby, a text description), no inline style or script (the CSP forbids them),
// bar lengths proportional to the values, grouped bars with a legend, the tail folded into "Kiti".
import { describe, expect, it } from 'vitest';
import {
  axisLabelled,
  BarChart,
  describeBars,
  fitBarChart,
  LineChart,
  MAX_CATEGORIES,
  MAX_SERIES,
  niceScale,
  OTHERS_LABEL,
} from '../../web/views/charts.tsx';

async function render(node: unknown): Promise<string> {
  return String(await node);
}

function rects(svg: string): { width: number; fill: string; title: string }[] {
  return [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="[\d.]+" fill="([^"]+)"><title>([^<]*)<\/title>/g)].map(
    (m) => ({
      width: Number(m[1]),
      fill: m[2]!,
      title: m[3]!,
    }),
  );
}

describe('BarChart', () => {
  it('is an accessible image: role img, title by aria-labelledby, the description by aria-describedby', async () => {
    const html = await render(
      <BarChart
        id="c1"
        title="Dalyvių skaičius pagal „Grupės būsena“"
        unit="dalyvių"
        data={{ categories: ['Vykdoma', 'Kuriama'], series: [{ label: 'Dalyviai', values: [8, 2] }] }}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="c1-title"');
    expect(html).toMatch(/<title id="c1-title">Dalyvių skaičius pagal „Grupės būsena“<\/title>/);
    expect(html).toContain('aria-describedby="c1-desc"');
    expect(html).toMatch(/<figcaption id="c1-desc">Iš viso dalyvių: 10\. Daugiausia – Vykdoma: 8; Kuriama: 2\.<\/figcaption>/);
    expect(html).toContain('viewBox="0 0 760');
    expect(html).not.toMatch(/style=|<script|<style/);
  });

  it('draws bars proportional to the values', async () => {
    const html = await render(
      <BarChart id="c2" title="t" unit="dalyvių" data={{ categories: ['A', 'B', 'C'], series: [{ label: 's', values: [40, 20, 0] }] }} />,
    );
    const bars = rects(html);
    expect(bars.map((b) => b.title)).toEqual(['A: 40', 'B: 20', 'C: 0']);
    expect(bars[0]!.width).toBeCloseTo(bars[1]!.width * 2, 5);
    expect(bars[2]!.width).toBe(0);
  });

  it('groups bars of a second dimension, one colour per series, with a legend', async () => {
    const html = await render(
      <BarChart
        id="c3"
        title="t"
        unit="dalyvių"
        data={{
          categories: ['Vykdoma', 'Užbaigta'],
          series: [
            { label: 'IMP krepšelis', values: [3, 1] },
            { label: 'Asmeninės lėšos', values: [0, 5] },
          ],
        }}
      />,
    );
    const bars = rects(html);
    expect(bars.map((b) => b.title)).toEqual([
      'Vykdoma – IMP krepšelis: 3',
      'Vykdoma – Asmeninės lėšos: 0',
      'Užbaigta – IMP krepšelis: 1',
      'Užbaigta – Asmeninės lėšos: 5',
    ]);
    expect(new Set([bars[0]!.fill, bars[2]!.fill]).size).toBe(1);
    expect(bars[0]!.fill).not.toBe(bars[1]!.fill);
    expect(html).toContain('>Asmeninės lėšos</text>');
  });

  it('escapes labels (they come from the institution’s own data)', async () => {
    const html = await render(
      <BarChart id="c4" title="<b>" unit="dalyvių" data={{ categories: ['<script>x</script>'], series: [{ label: 's', values: [1] }] }} />,
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('folds the smallest categories and series into "Kiti", keeping the totals', () => {
    const categories = Array.from({ length: MAX_CATEGORIES + 5 }, (_, i) => `G${i}`);
    const series = Array.from({ length: MAX_SERIES + 2 }, (_, s) => ({
      label: `S${s}`,
      values: categories.map((_, c) => (c + 1) * (s + 1)),
    }));
    const fitted = fitBarChart({ categories, series });
    expect(fitted.categories).toHaveLength(MAX_CATEGORIES);
    expect(fitted.series).toHaveLength(MAX_SERIES);
    expect(fitted.categories.at(-1)).toBe(OTHERS_LABEL);
    expect(fitted.series.at(-1)!.label).toBe(OTHERS_LABEL);
    const sum = (d: { series: { values: number[] }[] }) => d.series.flatMap((s) => s.values).reduce((a, b) => a + b, 0);
    expect(sum(fitted)).toBe(sum({ series }));
    // the largest categories stay: G0..G5 are the smallest six and are folded
    expect(fitted.categories).not.toContain('G0');
    expect(fitted.categories).toContain(`G${MAX_CATEGORIES + 4}`);
  });

  it('says when there is nothing to show', () => {
    expect(describeBars({ categories: ['A'], series: [{ label: 's', values: [0] }] }, 'dalyvių')).toBe('Nėra duomenų: dalyvių – 0.');
  });
});

describe('LineChart', () => {
  it('draws one point per bucket, highest at the top, with a text description', async () => {
    const points = [
      { label: '2026-01', value: 2 },
      { label: '2026-02', value: 8 },
      { label: '2026-03', value: 0 },
    ];
    const html = await render(<LineChart id="l1" title="Registracijų skaičius mėnesiais" unit="registracijų" points={points} />);
    expect(html).toContain('role="img"');
    expect(html).toContain('<title id="l1-title">Registracijų skaičius mėnesiais</title>');
    expect(html).toContain('Laikotarpis 2026-01 – 2026-03. Iš viso registracijų: 10. Daugiausia – 2026-02: 8.');
    const ys = [...html.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(ys).toHaveLength(3);
    expect(ys[1]!).toBeLessThan(ys[0]!);
    expect(ys[2]!).toBeGreaterThan(ys[0]!);
    expect(html).toMatch(/<polyline points="[\d., ]+"/);
    expect(html).not.toMatch(/style=|<script/);
  });
});

describe('niceScale', () => {
  it('gives a round maximum at or above the largest value and a whole step', () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
    expect(niceScale(3)).toEqual({ max: 3, step: 1 });
    expect(niceScale(7)).toEqual({ max: 8, step: 2 });
    expect(niceScale(95)).toEqual({ max: 100, step: 50 });
    expect(niceScale(4321)).toEqual({ max: 6000, step: 2000 });
  });
});

describe('axisLabelled', () => {
  it('labels every n-th point and the last one only when it does not crowd the one before', () => {
    const labelled = (count: number, every: number) =>
      Array.from({ length: count }, (_, i) => i).filter((i) => axisLabelled(i, count, every));
    expect(labelled(30, 4)).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
    expect(labelled(32, 4)).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 31]);
    expect(labelled(5, 1)).toEqual([0, 1, 2, 3, 4]);
  });
});
