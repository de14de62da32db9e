// The one shared fixture of the browser tests: a store built from the bundled
// real data with `lgbench ingest`, `lgbench serve` on a free port with the
// built web client, and one headless Debian Chromium driven by playwright-core.
// Paths come from ctest: LGB_BINARY, LGB_SOURCE_DIR, LGB_TEST_OUTPUT.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const sourceDir = process.env.LGB_SOURCE_DIR ?? new URL("../../..", import.meta.url).pathname;
export const binary = process.env.LGB_BINARY ?? join(sourceDir, "build/release/lgbench");
export const outputDir = process.env.LGB_TEST_OUTPUT ?? join(sourceDir, "build/web-test-output");

// The signed-in user of the sign-in journeys, and the measure only they see.
export const USER = { email: "ana@leeds.example", name: "Ana Analyst", password: "a long test passphrase" };
export const RESTRICTED = { id: "leeds-only-survey", title: "Leeds only survey" };

let server;
let browser;
let work;
export let base = "";

export async function start() {
  mkdirSync(outputDir, { recursive: true });
  work = mkdtempSync(join(tmpdir(), "lgbench-web-test-"));
  const db = join(work, "web.db");
  const ingest = spawnSync(binary, ["ingest", "--db", db, "--manifest", join(sourceDir, "data/sources.csv")], {
    encoding: "utf8",
  });
  if (ingest.status !== 0) throw new Error(`lgbench ingest failed: ${ingest.stdout}\n${ingest.stderr}`);
  // A measure restricted to Leeds City Council, and a Leeds analyst who may see it.
  const header = "id,title,description,unit,polarity,decimals,themes,services,directorates,portfolios,publisher,source_url,licence,visibility,organisations\n";
  writeFileSync(join(work, "restricted-catalogue.csv"),
    header + `${RESTRICTED.id},${RESTRICTED.title},A measure shared with Leeds only.,%,higher-is-better,1,economy,Test,Place,Economy,Test publisher,,OGL-UK-3.0,restricted,E08000035\n`);
  let values = "area_code,metric_id,period,value,status,note\n";
  for (const [i, code] of ["E08000035", "E08000036", "E08000032", "E08000033", "E08000034"].entries())
    values += `${code},${RESTRICTED.id},cy2024,${40 + i}.5,,\n`;
  writeFileSync(join(work, "restricted-values.csv"), values);
  for (const [file, format] of [["restricted-catalogue.csv", "metrics-catalogue"], ["restricted-values.csv", "tidy"]]) {
    const r = spawnSync(binary, ["ingest", "--db", db, join(work, file), "--format", format, "--publisher", "Test"], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`lgbench ingest ${file} failed: ${r.stdout}\n${r.stderr}`);
  }
  // The GHG conversion factors, for the carbon calculators.
  const factors = spawnSync(binary, ["factors", "load", "--db", db, "--manifest", join(sourceDir, "data/ghg_conversion_factors/factor_sets.csv")], { encoding: "utf8" });
  if (factors.status !== 0) throw new Error(`lgbench factors load failed: ${factors.stdout}\n${factors.stderr}`);
  const add = spawnSync(binary, ["users", "add", "--db", db, "--email", USER.email, "--name", USER.name,
    "--org", "E08000035", "--role", "administrator", "--password-stdin"], { input: USER.password + "\n", encoding: "utf8" });
  if (add.status !== 0) throw new Error(`lgbench users add failed: ${add.stdout}\n${add.stderr}`);
  server = spawn(
    binary,
    ["serve", "--db", db, "--port", "0", "--threads", "2", "--web-root", join(sourceDir, "web/dist"), "--data-dir", join(sourceDir, "data")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  server.stderr.on("data", (d) => (stderr += d));
  base = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    server.on("exit", (code) => reject(new Error(`lgbench serve exited ${code}: ${stderr}`)));
  });
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function stop() {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  }
  if (work) rmSync(work, { recursive: true, force: true });
}

export const DESKTOP = { width: 1200, height: 900 };
export const PHONE = { width: 360, height: 740 };

// A fresh context per test (no shared state), JavaScript on or off.
export async function newPage({ viewport = DESKTOP, javaScript = true } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: javaScript });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.problems = problems;
  page.closeAll = () => context.close();
  return page;
}

export function shot(page, name) {
  return page.screenshot({ path: join(outputDir, `${name}.png`), fullPage: true });
}
