// Training curves of one or many runs: loss beside accuracy (percent), x = epochs done.
// The server calls showSeries(json) with every series, then appendPoints(key, json) with new points only.
import {
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Title,
  Tooltip,
  type ChartDataset,
  type LegendItem,
} from 'chart.js';
import { numberFormat, parseJson, upgradeProperty } from './lab-util';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip, Decimation, Title);

/** x, loss, train accuracy, test accuracy (fractions 0..1); null where not a number, so test between epoch ends. */
type WirePoint = [number, number | null, number | null, number | null];
interface WireSeries {
  key: string;
  label: string;
  colour: string;
  points: WirePoint[];
}
interface Texts {
  loss: string;
  accuracy: string;
  x: string;
  train: string;
  test: string;
}
interface XY {
  x: number;
  y: number;
}
interface Series {
  key: string;
  label: string;
  colour: string;
  count: number;
  loss: XY[];
  train: XY[];
  test: XY[];
}

const FALLBACK_TEXTS: Texts = { loss: 'Loss', accuracy: 'Accuracy (%)', x: 'Epochs', train: 'train', test: 'test' };
/** Above this many series the legend would hide the plot, lines are thinned and redrawn at most once a second. */
const MANY = 12;
const MANY_INTERVAL_MS = 1000;

const style = `
  :host { display: block; box-sizing: border-box; width: 100%; max-width: 100%; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem; }
  .box { position: relative; height: var(--ll-curves-height, 18rem); min-width: 0; }
`;

class CurveChart extends HTMLElement {
  private series: Series[] = [];
  private texts: Texts = FALLBACK_TEXTS;
  private _summary = '';
  private lossCanvas: HTMLCanvasElement;
  private accuracyCanvas: HTMLCanvasElement;
  private lossChart?: Chart<'line', XY[]>;
  private accuracyChart?: Chart<'line', XY[]>;
  private rebuild = true;
  private pending = false;
  private lastDraw = 0;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = `<style>${style}</style>
      <div class="charts"><div class="box"><canvas role="img"></canvas></div><div class="box"><canvas role="img"></canvas></div></div>`;
    [this.lossCanvas, this.accuracyCanvas] = [...root.querySelectorAll('canvas')];
  }

  connectedCallback() {
    if (!this.hasAttribute('role')) {
      this.setAttribute('role', 'group');
    }
    upgradeProperty(this, 'textsJson');
    upgradeProperty(this, 'summary');
    if (!this.lossChart) {
      this.lossChart = new Chart(this.lossCanvas, { type: 'line', data: { datasets: [] }, options: this.options(false) });
      this.accuracyChart = new Chart(this.accuracyCanvas, { type: 'line', data: { datasets: [] }, options: this.options(true) });
    }
    this.changed(true);
  }

  set textsJson(value: string) {
    this.texts = { ...FALLBACK_TEXTS, ...parseJson<Partial<Texts>>(value, {}) };
    this.changed(true);
  }

  set summary(value: string) {
    this._summary = value ?? '';
    this.changed(false);
  }

  /** Replaces every series. */
  showSeries(json: string) {
    this.series = parseJson<WireSeries[]>(json, []).map(toSeries);
    this.changed(true);
  }

  /** Adds series, or replaces those with the same key. */
  putSeries(json: string) {
    for (const series of parseJson<WireSeries[]>(json, []).map(toSeries)) {
      const i = this.series.findIndex((s) => s.key === series.key);
      if (i >= 0) {
        this.series[i] = series;
      } else {
        this.series.push(series);
      }
    }
    this.changed(true);
  }

  /** Adds points at the end of one series. */
  appendPoints(key: string, json: string) {
    const series = this.series.find((s) => s.key === key);
    if (series) {
      add(series, parseJson<WirePoint[]>(json, []));
      this.changed(false);
    }
  }

  /** Adds points to several series at once: JSON {key: points}. */
  appendMany(json: string) {
    const byKey = parseJson<Record<string, WirePoint[]>>(json, {});
    this.series.filter((s) => byKey[s.key]).forEach((s) => add(s, byKey[s.key]));
    this.changed(false);
  }

  removeSeries(key: string) {
    this.series = this.series.filter((s) => s.key !== key);
    this.changed(true);
  }

  private changed(structure: boolean) {
    this.rebuild ||= structure;
    this.dataset.points = String(this.series.reduce((sum, s) => sum + s.count, 0));
    // The group carries the latest values; each plot is named by its title.
    this.setAttribute('aria-label', this._summary || this.fallbackSummary());
    this.lossCanvas.setAttribute('aria-label', this.texts.loss);
    this.accuracyCanvas.setAttribute('aria-label', this.texts.accuracy);
    // Updates arrive a few times a second; draw at most once a frame, and less often for a whole class.
    if (!this.pending) {
      this.pending = true;
      const wait = this.series.length > MANY ? Math.max(0, this.lastDraw + MANY_INTERVAL_MS - performance.now()) : 0;
      setTimeout(() => requestAnimationFrame(() => {
        this.pending = false;
        this.lastDraw = performance.now();
        this.draw();
      }), wait);
    }
  }

  private draw() {
    if (!this.lossChart || !this.accuracyChart) {
      return;
    }
    const many = this.series.length > MANY;
    if (this.rebuild) {
      this.rebuild = false;
      this.lossChart.data.datasets = this.series.map((s) => line(s.label, s.colour, many));
      this.accuracyChart.data.datasets = this.series.flatMap((s) => [
        line(`${s.label} · ${this.texts.train}`, s.colour, many),
        { ...line(`${s.label} · ${this.texts.test}`, s.colour, many), borderDash: [5, 3], pointRadius: many ? 0 : 3 },
      ]);
      this.lossChart.options = this.options(false);
      this.accuracyChart.options = this.options(true);
    }
    // Always hand over our own arrays: the decimation plugin swaps a dataset's data for a thinned copy.
    this.series.forEach((s, i) => {
      this.lossChart!.data.datasets[i].data = s.loss;
      this.accuracyChart!.data.datasets[2 * i].data = s.train;
      this.accuracyChart!.data.datasets[2 * i + 1].data = s.test;
    });
    // Both plots reach the same whole epoch on x so they line up.
    const last = Math.max(1, ...this.series.map((s) => Math.ceil(s.loss[s.loss.length - 1]?.x ?? 0)));
    (this.lossChart.options.scales!.x as any).suggestedMax = last;
    (this.accuracyChart.options.scales!.x as any).suggestedMax = last;
    this.lossChart.update('none');
    this.accuracyChart.update('none');
  }

  private options(accuracy: boolean): any {
    const text = getComputedStyle(this).color || '#333';
    const grid = 'rgba(128, 128, 128, 0.25)';
    const many = this.series.length > MANY;
    const single = this.series.length === 1;
    return {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      spanGaps: true,
      color: text,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          title: { display: true, text: this.texts.x, color: text },
          ticks: { color: text },
          grid: { color: grid },
        },
        y: accuracy
          ? { type: 'linear', min: 0, max: 100, ticks: { color: text }, grid: { color: grid } }
          : { type: 'linear', ticks: { color: text }, grid: { color: grid } },
      },
      plugins: {
        title: { display: true, text: accuracy ? this.texts.accuracy : this.texts.loss, color: text },
        legend: {
          display: !many && (accuracy || !single) && this.series.length > 0,
          labels: accuracy
            ? { color: text, boxWidth: 24, generateLabels: (chart: Chart) => this.accuracyLegend(chart) }
            : { color: text, boxWidth: 24 },
          ...(accuracy ? { onClick: (_e: unknown, item: LegendItem, legend: any) => toggleRun(legend.chart, item) } : {}),
        },
        decimation: { enabled: many, algorithm: 'lttb', samples: 200, threshold: 200 },
        tooltip: {
          animation: false,
          callbacks: {
            label: (item: any) => `${item.dataset.label}: ${format(item.parsed.y, accuracy)}`,
          },
        },
      },
    };
  }

  /** One entry per run, then how train and test lines look. */
  private accuracyLegend(chart: Chart): LegendItem[] {
    const text = chart.options.color as string;
    const runs: LegendItem[] =
      this.series.length > 1
        ? this.series.map((s, i) => ({
            text: s.label,
            strokeStyle: s.colour,
            fillStyle: s.colour,
            lineWidth: 2,
            fontColor: text,
            hidden: !chart.isDatasetVisible(2 * i),
            datasetIndex: 2 * i,
          }))
        : [];
    const colour = this.series.length === 1 ? this.series[0].colour : text;
    return [
      ...runs,
      { text: this.texts.train, strokeStyle: colour, fillStyle: 'transparent', lineWidth: 2, fontColor: text },
      { text: this.texts.test, strokeStyle: colour, fillStyle: 'transparent', lineWidth: 2, lineDash: [5, 3], fontColor: text },
    ];
  }

  private fallbackSummary(): string {
    const last = this.series[this.series.length - 1];
    if (!last || last.loss.length === 0) {
      return `${this.texts.loss}, ${this.texts.accuracy}`;
    }
    const parts = [`${this.texts.loss} ${format(last.loss[last.loss.length - 1].y, false)}`];
    const test = last.test[last.test.length - 1];
    if (test) {
      parts.push(`${this.texts.test} ${format(test.y, true)}`);
    }
    return parts.join(', ');
  }
}

function toSeries(wire: WireSeries): Series {
  const series: Series = { key: wire.key, label: wire.label, colour: wire.colour, count: 0, loss: [], train: [], test: [] };
  add(series, wire.points);
  return series;
}

function add(series: Series, points: WirePoint[]) {
  for (const [x, loss, train, test] of points) {
    if (isNumber(loss)) {
      series.loss.push({ x, y: loss });
    }
    if (isNumber(train)) {
      series.train.push({ x, y: train * 100 });
    }
    if (isNumber(test)) {
      series.test.push({ x, y: test * 100 });
    }
  }
  series.count += points.length;
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function line(label: string, colour: string, many: boolean): ChartDataset<'line', XY[]> {
  return {
    label,
    data: [],
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: many ? 1 : 2,
    pointRadius: 0,
    pointHoverRadius: many ? 2 : 4,
    tension: 0,
  };
}

/** A run's entry in the accuracy legend hides or shows both its lines. */
function toggleRun(chart: Chart, item: LegendItem) {
  if (item.datasetIndex === undefined) {
    return;
  }
  const visible = !chart.isDatasetVisible(item.datasetIndex);
  chart.setDatasetVisibility(item.datasetIndex, visible);
  chart.setDatasetVisibility(item.datasetIndex + 1, visible);
  chart.update('none');
}

let formats: [Intl.NumberFormat, Intl.NumberFormat] | undefined;

function format(value: number, percent: boolean): string {
  formats ??= [numberFormat({ maximumFractionDigits: 0 }), numberFormat({ minimumFractionDigits: 2, maximumFractionDigits: 2 })];
  return percent ? `${formats[0].format(value)}%` : formats[1].format(value);
}

if (!customElements.get('ll-curves')) {
  customElements.define('ll-curves', CurveChart);
}
