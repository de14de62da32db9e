// Charts drawn with Observable Plot from the JSON the server writes beside
// each chart. Every figure a chart shows is also in the table next to it; the
// chart is aria-hidden and its summary sentence is server HTML.
import * as Plot from "@observablehq/plot";
import { formatValue, readJson } from "../lib/format";

const INK = "#0b0c0c";
const BRAND = "#1f5c66";
const MUTED = "#8eb8bd";
const BAND = "#d9e8ea";

interface RankingData {
  unit: string;
  decimals: number;
  focus: string;
  median?: number;
  rows: { code: string; name: string; value: number; rank: number; focus?: boolean }[];
}

interface TrendData {
  unit: string;
  decimals: number;
  area: string;
  points: { period: string; value: number | null; median?: number; q1?: number; q3?: number }[];
}

interface StripsData {
  area: string;
  measures: { id: string; title: string; unit: string; decimals: number; value: number | null; median?: number; values: number[] }[];
}

interface BarsData {
  unit: string;
  decimals: number;
  rows: { label: string; value: number }[];
}

function widthOf(el: HTMLElement): number {
  return Math.max(280, Math.min(el.clientWidth || 640, 960));
}

function ranking(el: HTMLElement, d: RankingData): SVGSVGElement | HTMLElement {
  const fmt = (v: number) => formatValue(v, d.decimals, d.unit);
  const rows = d.rows.map((r, i) => ({ ...r, order: i }));
  const focus = rows.filter((r) => r.focus);
  return Plot.plot({
    width: widthOf(el),
    height: 260,
    marginLeft: 56,
    marginBottom: 24,
    x: { type: "band", domain: rows.map((r) => r.order), axis: null, padding: 0.1 },
    y: { grid: true, tickFormat: fmt, label: null, nice: true, zero: true },
    marks: [
      Plot.axisY({ ariaHidden: true, tickFormat: fmt }),
      Plot.barY(rows, { x: "order", y: "value", fill: (r) => (r.focus ? INK : MUTED), ariaHidden: true }),
      ...(d.median !== undefined
        ? [
            Plot.ruleY([d.median], { stroke: INK, strokeDasharray: "4,3", ariaHidden: true }),
            Plot.text([d.median], { y: (v: number) => v, frameAnchor: "right", dy: -6, text: () => `Median ${fmt(d.median!)}`, fill: INK, ariaHidden: true }),
          ]
        : []),
      Plot.text(focus, {
        x: "order",
        y: "value",
        text: (r) => `${r.name} ${fmt(r.value)}`,
        dy: -8,
        fill: INK,
        stroke: "white",
        strokeWidth: 4,
        fontWeight: "bold",
        textAnchor: "middle",
        ariaHidden: true,
      }),
      Plot.ruleY([0], { ariaHidden: true }),
    ],
  });
}

function trend(el: HTMLElement, d: TrendData): SVGSVGElement | HTMLElement {
  const fmt = (v: number) => formatValue(v, d.decimals, d.unit);
  const pts = d.points;
  const withBand = pts.filter((p) => p.q1 !== undefined && p.q3 !== undefined);
  const withValue = pts.filter((p) => p.value !== null);
  const last = withValue[withValue.length - 1];
  const lastMedian = [...pts].reverse().find((p) => p.median !== undefined);
  return Plot.plot({
    width: widthOf(el),
    height: 280,
    marginLeft: 56,
    marginRight: 96,
    x: { type: "point", domain: pts.map((p) => p.period), label: null, tickRotate: pts.length > 8 ? -45 : 0 },
    y: { grid: true, tickFormat: fmt, label: null, nice: true },
    marks: [
      Plot.axisX({ ariaHidden: true, tickRotate: pts.length > 8 ? -45 : 0, ticks: pts.length > 12 ? pts.filter((_, i) => i % 2 === 0).map((p) => p.period) : undefined }),
      Plot.axisY({ ariaHidden: true, tickFormat: fmt }),
      Plot.areaY(withBand, { x: "period", y1: "q1", y2: "q3", fill: BAND, ariaHidden: true }),
      Plot.lineY(pts.filter((p) => p.median !== undefined), { x: "period", y: "median", stroke: INK, strokeDasharray: "5,4", ariaHidden: true }),
      Plot.lineY(withValue, { x: "period", y: "value", stroke: BRAND, strokeWidth: 3, ariaHidden: true }),
      Plot.dot(withValue, { x: "period", y: "value", fill: BRAND, r: 3.5, ariaHidden: true }),
      ...(last ? [Plot.text([last], { x: "period", y: "value", text: () => d.area, dx: 8, textAnchor: "start", fill: BRAND, fontWeight: "bold", ariaHidden: true })] : []),
      ...(lastMedian ? [Plot.text([lastMedian], { x: "period", y: "median", text: () => "Group median", dx: 8, dy: 12, textAnchor: "start", fill: INK, ariaHidden: true })] : []),
    ],
  });
}

function strips(el: HTMLElement, d: StripsData): HTMLElement {
  const box = document.createElement("div");
  const width = widthOf(el);
  for (const m of d.measures) {
    const fmt = (v: number) => formatValue(v, m.decimals, m.unit);
    const title = document.createElement("p");
    title.className = "govuk-body-s govuk-!-font-weight-bold govuk-!-margin-bottom-0";
    title.textContent = m.title;
    box.append(title);
    box.append(
      Plot.plot({
        width,
        height: 64,
        marginLeft: 16,
        marginRight: 24,
        x: { tickFormat: fmt, label: null, nice: true, ticks: width < 500 ? 3 : 6 },
        y: { axis: null },
        marks: [
          Plot.axisX({ ariaHidden: true, tickFormat: fmt, ticks: width < 500 ? 3 : 6 }),
          Plot.dot(m.values, { x: (v: number) => v, stroke: "#505a5f", r: 4, ariaHidden: true }),
          ...(m.median !== undefined ? [Plot.tickX([m.median], { x: (v: number) => v, stroke: INK, strokeWidth: 2, ariaHidden: true })] : []),
          ...(m.value !== null
            ? [
                Plot.dot([m.value], { x: (v: number) => v, symbol: "diamond", fill: INK, r: 7, ariaHidden: true }),
                Plot.text([m.value], { x: (v: number) => v, text: () => `${d.area} ${fmt(m.value!)}`, dy: -14, fill: INK, stroke: "white", strokeWidth: 4, fontWeight: "bold", ariaHidden: true }),
              ]
            : []),
        ],
      }),
    );
  }
  return box;
}

// Largest first, labelled directly; the same figures are in the table below.
function bars(el: HTMLElement, d: BarsData): SVGSVGElement | HTMLElement {
  const fmt = (v: number) => formatValue(v, d.decimals, d.unit);
  const tick = (v: number) => formatValue(v, 0, d.unit);
  const width = widthOf(el);
  const narrow = width < 500;
  return Plot.plot({
    width,
    height: (narrow ? 52 : 36) * d.rows.length + 40,
    marginLeft: narrow ? 8 : 200,
    marginRight: narrow ? 16 : 96,
    x: { grid: true, tickFormat: tick, label: null, nice: true, ticks: narrow ? 3 : 6 },
    y: { domain: d.rows.map((r) => r.label), axis: null, label: null, padding: narrow ? 0.55 : 0.2 },
    marks: [
      Plot.axisX({ ariaHidden: true, tickFormat: tick, ticks: narrow ? 3 : 6 }),
      ...(narrow ? [] : [Plot.axisY({ ariaHidden: true, label: null, tickSize: 0 })]),
      Plot.barX(d.rows, { x: "value", y: "label", fill: BRAND, ariaHidden: true }),
      narrow
        ? Plot.text(d.rows, { x: 0, y: "label", text: (r) => `${r.label}: ${fmt(r.value)}`, dy: -16, textAnchor: "start", fill: INK, ariaHidden: true })
        : Plot.text(d.rows, { x: "value", y: "label", text: (r) => fmt(r.value), dx: 6, textAnchor: "start", fill: INK, ariaHidden: true }),
      Plot.ruleX([0], { ariaHidden: true }),
    ],
  });
}

function draw(): void {
  document.querySelectorAll<HTMLElement>("[data-chart]").forEach((el) => {
    const kind = el.dataset.chart;
    try {
      let node: Node | undefined;
      if (kind === "ranking") {
        const d = readJson<RankingData>(el.dataset.source);
        if (d && d.rows.length) node = ranking(el, d);
      } else if (kind === "trend") {
        const d = readJson<TrendData>(el.dataset.source);
        if (d && d.points.some((p) => p.value !== null)) node = trend(el, d);
      } else if (kind === "bars") {
        const d = readJson<BarsData>(el.dataset.source);
        if (d && d.rows.length) node = bars(el, d);
      } else if (kind === "strips") {
        const d = readJson<StripsData>(el.dataset.source);
        if (d && d.measures.length) node = strips(el, d);
      }
      if (node) el.replaceChildren(node);
    } catch (error) {
      console.error("lgbench: chart failed", error);
    }
  });
}

draw();
let lastWidth = window.innerWidth;
window.addEventListener("resize", () => {
  if (Math.abs(window.innerWidth - lastWidth) < 40) return;
  lastWidth = window.innerWidth;
  draw();
});
