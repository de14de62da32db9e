// The choropleth of England drawn with d3-geo and topojson-client from the
// committed ONS boundaries (data/boundaries). Five quantile classes of one
// sequential palette; the chosen council is outlined and named. The map is
// aria-hidden: its figures are in the page's tables and downloads.
import { geoAlbers, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { Topology, GeometryCollection } from "topojson-specification";
import boundariesUrl from "../../../data/boundaries/england-councils-2025.topo.json?url";
import { classOf, formatValue, quantileBreaks, readJson } from "../lib/format";

const PALETTE = ["#e3eff0", "#a9cdd2", "#6aa3ab", "#337780", "#0f4a52"];
const SVG = "http://www.w3.org/2000/svg";

interface MapData {
  title: string;
  unit: string;
  decimals: number;
  focus: string;
  period: string;
  values: Record<string, number>;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

async function drawMap(box: HTMLElement): Promise<void> {
  const data = readJson<MapData>(box.dataset.source);
  if (!data) return;
  const topo = (await (await fetch(boundariesUrl)).json()) as Topology<{ ltla: GeometryCollection; utla: GeometryCollection }>;
  const codes = Object.keys(data.values);
  // Lower-tier layer when the values are for districts, else upper-tier.
  const ltla = feature(topo, topo.objects.ltla);
  const utla = feature(topo, topo.objects.utla);
  const inLtla = ltla.features.filter((f) => f.id! in data.values).length;
  const inUtla = utla.features.filter((f) => f.id! in data.values).length;
  const layer = inLtla >= inUtla ? ltla : utla;

  const width = Math.min(box.clientWidth || 600, 640);
  const height = Math.round(width * 1.15);
  const projection = geoAlbers().rotate([2, 0]).center([0, 52.8]).parallels([50, 60]).fitSize([width, height], layer);
  const path = geoPath(projection);
  const breaks = quantileBreaks(codes.map((c) => data.values[c]), PALETTE.length);

  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, width: String(width), height: String(height), role: "presentation", "aria-hidden": "true", focusable: "false" });
  let focusPath: SVGPathElement | undefined;
  let focusLabel: SVGTextElement | undefined;
  for (const f of layer.features) {
    const v = data.values[String(f.id)];
    const fill = v === undefined ? "#ffffff" : PALETTE[Math.min(classOf(v, breaks), PALETTE.length - 1)];
    const p = el("path", { d: path(f) ?? "", fill, stroke: "#505a5f", "stroke-width": "0.4" });
    const title = el("title", {});
    const name = (f.properties as { name?: string })?.name ?? String(f.id);
    title.textContent = v === undefined ? `${name}: no figure` : `${name}: ${formatValue(v, data.decimals, data.unit)}`;
    p.append(title);
    if (String(f.id) === data.focus) {
      focusPath = p;
      const [x, y] = path.centroid(f);
      focusLabel = el("text", { x: String(x), y: String(y - 14), "text-anchor": "middle", "font-weight": "bold", "font-size": "14", fill: "#0b0c0c", stroke: "#ffffff", "stroke-width": "4", "paint-order": "stroke" });
      focusLabel.textContent = name;
    }
    svg.append(p);
  }
  if (focusPath) {
    const outline = focusPath.cloneNode(true) as SVGPathElement;
    outline.setAttribute("fill", "none");
    outline.setAttribute("stroke", "#0b0c0c");
    outline.setAttribute("stroke-width", "3");
    svg.append(outline);
  }
  if (focusLabel) svg.append(focusLabel);

  // Legend in HTML: the classes with their ranges, in words.
  const legend = document.createElement("ul");
  legend.className = "app-map-legend govuk-list govuk-body-s";
  const bounds = [Math.min(...codes.map((c) => data.values[c])), ...breaks, Math.max(...codes.map((c) => data.values[c]))];
  for (let i = 0; i < bounds.length - 1; i++) {
    const li = document.createElement("li");
    const sw = document.createElement("span");
    sw.className = "app-map-legend__swatch";
    sw.style.background = PALETTE[i];
    li.append(sw, `${formatValue(bounds[i], data.decimals, data.unit)} to ${formatValue(bounds[i + 1], data.decimals, data.unit)}`);
    legend.append(li);
  }
  const none = document.createElement("li");
  const sw = document.createElement("span");
  sw.className = "app-map-legend__swatch";
  sw.style.background = "#ffffff";
  none.append(sw, "No figure");
  legend.append(none);
  legend.setAttribute("aria-hidden", "true");
  box.replaceChildren(legend, svg);
}

document.querySelectorAll<HTMLElement>("[data-map]").forEach((box) => {
  drawMap(box).catch((error) => console.error("lgbench: map failed", error));
});
