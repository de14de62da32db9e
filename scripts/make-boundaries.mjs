// Makes data/boundaries/england-councils-2025.topo.json, the map the web app
// draws, from ONS's UK TopoJSON (ONSvisual/uk-topojson, OGL v3): keeps the
// current English lower-tier (ltla) and upper-tier (utla) council layers,
// simplifies the arcs and quantises the coordinates. Run once by hand when the
// source changes; the product reads only the output, which is committed.
//   node scripts/make-boundaries.mjs SOURCE.topo.json data/boundaries/england-councils-2025.topo.json
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(new URL("../web/package.json", import.meta.url));
const { feature } = require("topojson-client");
const { topology } = require("topojson-server");
const { presimplify, simplify, quantile } = require("topojson-simplify");

const [source, target] = process.argv.slice(2);
if (!source || !target) {
  console.error("usage: node scripts/make-boundaries.mjs SOURCE.topo.json TARGET.topo.json");
  process.exit(2);
}
const uk = JSON.parse(readFileSync(source, "utf8"));
const current = (layer) => {
  const fc = feature(uk, uk.objects[layer]);
  fc.features = fc.features
    .filter((f) => f.properties.areacd.startsWith("E") && f.properties.end === undefined)
    .map((f) => ({ type: "Feature", id: f.properties.areacd, properties: { name: f.properties.areanm }, geometry: f.geometry }));
  return fc;
};
let topo = topology({ ltla: current("ltla"), utla: current("utla") }, 1e4);
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, 0.12));
topo.metadata = {
  source: "ONSvisual/uk-topojson @ b2fde50 output/topo.json (ONS 2016 super-generalised LAD boundaries, kept to 2025)",
  licence: "Open Government Licence v3.0. Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2025.",
  layers: "ltla: current English lower-tier and unitary councils; utla: current English upper-tier and unitary councils",
};
writeFileSync(target, JSON.stringify(topo));
console.log(`${target}: ${topo.objects.ltla.geometries.length} ltla, ${topo.objects.utla.geometries.length} utla, ${JSON.stringify(topo).length} bytes`);
