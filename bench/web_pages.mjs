// Web page benchmark: for the profile, metric and outliers pages (and home),
// the HTML bytes, the bytes transferred for HTML, JavaScript and CSS (as sent,
// so compressed when the server compresses), and Largest Contentful Paint in
// headless Chromium, cold cache, median of N distinct URLs (one council each,
// so no URL is served twice from lgbench's response cache).
// Peer, measured in the same run: nginx (gzip on) serving saved copies of the
// very same pages and assets, i.e. the cost of a static file server with no
// work to do. Prints a Markdown table; writes bench/out/web.md and web.json.
//   node bench/web_pages.mjs LGBENCH_BINARY DB [RUNS]
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync, cpSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";

const root = new URL("..", import.meta.url).pathname;
const require = createRequire(join(root, "web/package.json"));
const { chromium } = require("playwright-core");
const [binary = join(root, "build/release/lgbench"), db = join(root, "var/demo.db"), runsArg = "5"] = process.argv.slice(2);
const RUNS = Number(runsArg);
const out = process.env.BENCH_OUT ?? join(root, "bench/out");
mkdirSync(out, { recursive: true });

const COUNCILS = ["E08000035", "E08000003", "E06000023", "E10000016", "E06000052", "E09000033", "E07000178"];
const PAGES = {
  home: () => "/",
  profile: (c) => `/areas/${c}?group=neighbours`,
  metric: (c) => `/metrics/claimant-count?area=${c}&group=neighbours`,
  outliers: (c) => `/areas/${c}/outliers?group=neighbours`,
};

function startLgbench() {
  const p = spawn(binary, ["serve", "--db", db, "--port", "0", "--web-root", join(root, "web/dist"), "--data-dir", join(root, "data")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let text = "";
    p.stdout.on("data", (d) => {
      text += d;
      const m = text.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) resolve({ proc: p, base: `http://127.0.0.1:${m[1]}` });
    });
    p.on("exit", (c) => reject(new Error(`lgbench serve exited ${c}`)));
  });
}

async function measure(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const types = new Map();
  const bytes = { html: 0, js: 0, css: 0, other: 0, htmlRaw: 0 };
  cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
  cdp.on("Network.loadingFinished", (e) => {
    const t = types.get(e.requestId);
    const key = t === "Document" ? "html" : t === "Script" ? "js" : t === "Stylesheet" ? "css" : "other";
    bytes[key] += e.encodedDataLength;
  });
  const response = await page.goto(url, { waitUntil: "networkidle" });
  bytes.htmlRaw = (await response.body()).length;
  const lcp = await page.evaluate(
    () =>
      new Promise((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1].startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve(NaN), 3000);
      }),
  );
  await context.close();
  return { ...bytes, lcp };
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

function saveForNginx(dir, base, urls) {
  // Copies of the exact bytes lgbench served, one file per URL.
  const files = {};
  urls.forEach((u, i) => {
    const r = spawnSync("curl", ["-s", base + u], { encoding: "buffer", maxBuffer: 1 << 26 });
    const name = `/page-${i}.html`;
    writeFileSync(join(dir, name), r.stdout);
    files[u] = name;
  });
  cpSync(join(root, "web/dist"), dir, { recursive: true });
  return files;
}

function startNginx(dir) {
  const conf = join(dir, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off; worker_processes 1; pid ${dir}/nginx.pid; error_log ${dir}/error.log;
events { worker_connections 256; }
http { access_log off; include /etc/nginx/mime.types; default_type text/html;
  gzip on; gzip_comp_level 6; gzip_min_length 1024; gzip_types text/css text/javascript application/javascript application/json image/svg+xml;
  server { listen 127.0.0.1:18399; root ${dir}; location /static/ { expires max; } } }
`,
  );
  const p = spawn("nginx", ["-c", conf, "-p", dir], { stdio: "inherit" });
  return new Promise((r) => setTimeout(() => r(p), 500));
}

const server = await startLgbench();
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const work = mkdtempSync(join(tmpdir(), "lgbench-web-bench-"));
const results = {};
try {
  const peerUrls = [];
  for (const [name, url] of Object.entries(PAGES)) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, server.base + url(COUNCILS[i % COUNCILS.length])));
    results[name] = { lgbench: runs };
    for (let i = 0; i < RUNS; i++) peerUrls.push(url(COUNCILS[i % COUNCILS.length]));
  }
  const files = saveForNginx(work, server.base, peerUrls);
  const nginx = await startNginx(work);
  try {
    for (const [name, url] of Object.entries(PAGES)) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, "http://127.0.0.1:18399" + files[url(COUNCILS[i % COUNCILS.length])]));
      results[name].nginx = runs;
    }
  } finally {
    nginx.kill("SIGTERM");
  }
} finally {
  await browser.close();
  server.proc.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}

const kb = (b) => (b / 1024).toFixed(1);
const lines = [
  `| page | HTML bytes | HTML sent (KB) | JS sent (KB) | CSS sent (KB) | LCP lgbench (ms) | LCP nginx copy (ms) | LCP ratio |`,
  `|---|---:|---:|---:|---:|---:|---:|---:|`,
];
for (const [name, r] of Object.entries(results)) {
  const m = (k, who = "lgbench") => median(r[who].map((x) => x[k]));
  const ratio = m("lcp") / m("lcp", "nginx");
  lines.push(
    `| ${name} | ${m("htmlRaw")} | ${kb(m("html"))} | ${kb(m("js"))} | ${kb(m("css"))} | ${m("lcp").toFixed(0)} | ${m("lcp", "nginx").toFixed(0)} | ${ratio.toFixed(2)}x |`,
  );
}
const md = lines.join("\n");
console.log(md);
writeFileSync(join(out, "web.md"), md + "\n");
writeFileSync(join(out, "web.json"), JSON.stringify(results, null, 1));
