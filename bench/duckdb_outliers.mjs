// DuckDB peer for the outlier-scan benchmark (bench/run.sh, BENCHMARKS.md).
// Loads the same tidy CSVs the lgbench bench store holds into DuckDB
// in-memory tables (timed separately, not part of the scan), then times one
// SQL statement computing the same outlier scan as src/engine/queries.cpp
// (docs/methods.md): each metric's latest period, the comparator group's
// median and MAD over members with numbers, robust z with the mean-absolute-
// deviation fallback, |z| >= threshold, |z| descending then metric id, top N,
// polarity-aware assessment, direction of travel and the concern flag.
//
//   node bench/duckdb_outliers.mjs PARAMS_JSON [RUNS]
// PARAMS_JSON is written by engine_bench (members, files, lgbench's answer).
// Prints shell variables (DUCKDB_*) on stdout; warnings on stderr.
import { readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const params = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const runs = Number(process.argv[3] ?? 15);
const sq = (s) => `'${String(s).replaceAll("'", "''")}'`;
const now = () => Number(process.hrtime.bigint()) / 1e6;  // ms

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();

// ---- Load (timed, reported, not part of the scan) ---------------------------
let t0 = now();
await con.run(`
  CREATE TABLE periods AS
    SELECT id, ordinal::SMALLINT AS ordinal, kind
    FROM read_csv(${sq(params.periods)}, header = true,
                  columns = {'id': 'VARCHAR', 'ordinal': 'INTEGER', 'kind': 'VARCHAR'});
  CREATE TEMP TABLE raw AS
    SELECT area_code, metric_id, period, TRY_CAST(value AS DOUBLE) AS value
    FROM read_csv(${sq(params.observations)}, header = true,
                  columns = {'area_code': 'VARCHAR', 'metric_id': 'VARCHAR', 'period': 'VARCHAR',
                             'value': 'VARCHAR', 'status': 'VARCHAR', 'note': 'VARCHAR'})
    UNION ALL
    SELECT area_code, metric_id, period, TRY_CAST(value AS DOUBLE)
    FROM read_csv(${sq(params.extra_observations)}, header = true, all_varchar = true);
  -- A star schema, as one would build for this workload: metrics and areas as
  -- dimension tables with integer keys (grouping and joining on integers is
  -- several times faster in DuckDB than on the VARCHAR ids), periods as their
  -- ordinal in the engine's period order.
  CREATE TABLE metrics AS
    SELECT (row_number() OVER (ORDER BY c.metric_id))::INTEGER AS mid, c.metric_id, c.polarity
    FROM (SELECT id AS metric_id, polarity
          FROM read_csv(${sq(params.catalogue)}, header = true, all_varchar = true)
          UNION ALL
          SELECT id, polarity
          FROM read_csv(${sq(params.extra_catalogue)}, header = true, all_varchar = true)) c;
  CREATE TABLE areas AS
    SELECT (row_number() OVER (ORDER BY area_code))::SMALLINT AS aid, area_code
    FROM (SELECT DISTINCT area_code FROM raw);
  -- The fact table: value DOUBLE (NULL when withheld), sorted by metric and
  -- period so each metric's rows are contiguous.
  CREATE TABLE obs AS
    SELECT m.mid, a.aid, p.ordinal AS pord, r.value
    FROM raw r JOIN periods p ON p.id = r.period JOIN metrics m ON m.metric_id = r.metric_id
    JOIN areas a ON a.area_code = r.area_code
    ORDER BY m.mid, pord, a.aid;
  DROP TABLE raw;
  -- The group as lgbench resolves it for each focus in each period (councils
  -- as they stood then), written by engine_bench.
  CREATE TABLE fm AS
    SELECT f.aid AS focus, m.ordinal::SMALLINT AS pord, a.aid
    FROM read_csv(${sq(params.memberships)}, header = true,
                  columns = {'focus': 'VARCHAR', 'ordinal': 'INTEGER', 'member': 'VARCHAR'}) m
    JOIN areas f ON f.area_code = m.focus JOIN areas a ON a.area_code = m.member;
  -- Every code of each focus council (Sheffield E08000019 and E08000039).
  CREATE TABLE fc AS
    SELECT f.aid AS focus, a.aid
    FROM read_csv(${sq(params.focus_codes)}, header = true,
                  columns = {'focus': 'VARCHAR', 'code': 'VARCHAR'}) c
    JOIN areas f ON f.area_code = c.focus JOIN areas a ON a.area_code = c.code;
`);
const loadMs = now() - t0;
const rows = Number((await con.runAndReadAll('SELECT count(*) FROM obs')).getRows()[0][0]);

// Polarity-aware assessment and direction of travel of a listed metric t
// (value x, group median med) given its previous number pv.prev: the rules
// of src/engine/queries.cpp, shared by both statements below.
const ASSESSMENT_SQL = `
         CASE t.polarity WHEN 'higher-is-better' THEN (CASE WHEN t.x > t.med THEN 'better' ELSE 'worse' END)
                         WHEN 'lower-is-better' THEN (CASE WHEN t.x < t.med THEN 'better' ELSE 'worse' END)
                         ELSE 'different' END AS assessment,
         CASE WHEN pv.prev IS NULL THEN 'not-comparable'
              WHEN t.x = pv.prev THEN 'no-change'
              WHEN t.polarity = 'higher-is-better' THEN (CASE WHEN t.x > pv.prev THEN 'improving' ELSE 'worsening' END)
              WHEN t.polarity = 'lower-is-better' THEN (CASE WHEN t.x < pv.prev THEN 'improving' ELSE 'worsening' END)
              ELSE (CASE WHEN t.x > pv.prev THEN 'higher' ELSE 'lower' END) END AS direction`;

// ---- The scan: one statement --------------------------------------------------
const focusRows = (await con.runAndReadAll(
  `SELECT aid FROM areas WHERE area_code = ${sq(params.area)}`)).getRows();
if (focusRows.length !== 1) throw new Error(`focus area ${params.area} holds no values`);
const focus = Number(focusRows[0][0]);
const sql = `
WITH latest AS (          -- each metric's latest period with any value
  SELECT mid, max(pord) AS pord FROM obs GROUP BY mid),
cur AS (                  -- numbers of the group's members in that period
  SELECT o.mid, o.aid, o.value
  FROM obs o JOIN latest l ON o.mid = l.mid AND o.pord = l.pord
  JOIN fm ON fm.focus = ${focus} AND fm.pord = o.pord AND fm.aid = o.aid
  WHERE o.value IS NOT NULL),
grp AS (                  -- median over members; the focus must hold a number
  SELECT mid, list(value) AS vs, median(value) AS med,
         max(value) FILTER (WHERE aid IN (SELECT aid FROM fc WHERE focus = ${focus})) AS x
  FROM cur GROUP BY mid HAVING x IS NOT NULL),
dev AS (                  -- MAD (unscaled) and mean absolute deviation
  SELECT mid, x, med, list_median(list_transform(vs, v -> abs(v - med))) AS mad,
         list_avg(list_transform(vs, v -> abs(v - med))) AS mean_ad
  FROM grp),
scored AS (
  SELECT mid, x, med,
         CASE WHEN mad > 0 THEN (x - med) / (1.4826 * mad)
              ELSE (x - med) / (1.2533 * mean_ad) END AS z
  FROM dev WHERE mad > 0 OR mean_ad > 0),
flagged AS (SELECT * FROM scored WHERE abs(z) >= ${Number(params.threshold)}),
top AS (
  SELECT f.*, m.metric_id, m.polarity, l.pord, p.kind
  FROM flagged f JOIN metrics m ON m.mid = f.mid JOIN latest l ON l.mid = f.mid
  JOIN periods p ON p.ordinal = l.pord
  ORDER BY abs(f.z) DESC, m.metric_id LIMIT ${Number(params.top)}),
prev_period AS (          -- previous period of the same kind, per listed metric
  SELECT o.mid, max(o.pord) AS pord
  FROM obs o JOIN top t ON o.mid = t.mid JOIN periods p ON p.ordinal = o.pord
  WHERE o.pord < t.pord AND p.kind = t.kind GROUP BY o.mid),
prev AS (
  SELECT o.mid, o.value AS prev
  FROM obs o JOIN prev_period pp ON o.mid = pp.mid AND o.pord = pp.pord
  WHERE o.aid IN (SELECT aid FROM fc WHERE focus = ${focus})),
assessed AS (
  SELECT t.*, pv.prev,
         ${ASSESSMENT_SQL}
  FROM top t LEFT JOIN prev pv ON pv.mid = t.mid)
SELECT metric_id, x, med, z, assessment, direction,
       assessment = 'worse' AND direction = 'worsening' AS concern,
       (SELECT count(*) FROM flagged) AS flagged
FROM assessed ORDER BY abs(z) DESC, metric_id`;

if (process.env.DUCKDB_PROFILE) {  // the query plan with per-operator timings
  const plan = await con.runAndReadAll(`EXPLAIN ANALYZE ${sql}`);
  for (const row of plan.getRows()) console.error(String(row[1]));
}
if (process.env.DUCKDB_SQL_ONLY) { console.log(sql); process.exit(0); }

let answer;
const times = [];
for (let i = 0; i < runs + 1; ++i) {
  t0 = now();
  const reader = await con.runAndReadAll(sql);
  const t = now() - t0;
  if (i > 0) times.push(t);  // the first run is a warm-up
  answer = reader.getRowObjectsJS();
}
times.sort((a, b) => a - b);
const median = times[Math.floor((times.length - 1) / 2)];

// ---- Do the two answers agree? ------------------------------------------------
const ours = answer.map((r) => r.metric_id);
const theirs = params.engine_items.map((r) => r.metric_id);
const problems = [];
const setEq = ours.length === theirs.length && ours.every((m) => theirs.includes(m));
if (!setEq) problems.push(`metric sets differ: duckdb [${ours}] vs lgbench [${theirs}]`);
const flaggedDuck = answer.length ? Number(answer[0].flagged) : 0;
if (answer.length && flaggedDuck !== params.flagged)
  problems.push(`flagged count differs: duckdb ${flaggedDuck} vs lgbench ${params.flagged}`);
for (const e of params.engine_items) {
  const d = answer.find((r) => r.metric_id === e.metric_id);
  if (!d) continue;
  if (Math.abs(d.z - e.z) > 1e-5 * Math.max(1, Math.abs(e.z)))
    problems.push(`${e.metric_id}: z duckdb ${d.z} vs lgbench ${e.z}`);
  if (d.assessment !== e.assessment) problems.push(`${e.metric_id}: assessment ${d.assessment} vs ${e.assessment}`);
  if (d.concern !== e.concern) problems.push(`${e.metric_id}: concern ${d.concern} vs ${e.concern}`);
}
for (const p of problems) console.error(`duckdb_outliers: WARNING: ${p}`);

const env = [
  `DUCKDB_VERSION=${(await con.runAndReadAll('SELECT version()')).getRows()[0][0]}`,
  `DUCKDB_ROWS=${rows}`,
  `DUCKDB_LOAD_S=${(loadMs / 1000).toFixed(2)}`,
  `DUCKDB_RUNS=${runs}`,
  `DUCKDB_SCAN_MEDIAN_MS=${median.toFixed(3)}`,
  `DUCKDB_SCAN_MIN_MS=${times[0].toFixed(3)}`,
  `DUCKDB_AGREE=${problems.length === 0 ? 'yes' : 'no'}`,
  `DUCKDB_ITEMS=${answer.length}`,
];

// ---- Distinct questions: DuckDB on precomputed statistics, lgbench checked --
// With QUESTIONS (a file of /api/v1/outliers URLs, one a line: distinct
// focus, threshold and top; bench/run.sh writes it and times lgbench on it
// with wrk first) and LGBENCH_URL (the server wrk timed): the group's median,
// MAD and mean absolute deviation of every metric's latest period are
// precomputed once in DuckDB (timed apart); then each question is timed as
// one statement reading the precomputed tables, and its answer compared item
// by item with lgbench's (fetched again, untimed).
if (process.env.QUESTIONS && process.env.LGBENCH_URL) {
  const base = process.env.LGBENCH_URL;
  t0 = now();
  await con.run(`
    CREATE TABLE latest AS SELECT mid, max(pord) AS pord FROM obs GROUP BY mid;
    CREATE TABLE latest_values AS   -- every area's number in each metric's latest period
      SELECT o.mid, o.aid, o.value FROM obs o JOIN latest l ON o.mid = l.mid AND o.pord = l.pord
      WHERE o.value IS NOT NULL;
    CREATE TABLE stats AS           -- per focus (its group in that period) and metric
      WITH mv AS (SELECT fm.focus, v.mid, v.value FROM latest_values v
                  JOIN latest l ON l.mid = v.mid JOIN fm ON fm.pord = l.pord AND fm.aid = v.aid),
           g AS (SELECT focus, mid, list(value) AS vs, median(value) AS med FROM mv GROUP BY focus, mid)
      SELECT focus, mid, med, list_median(list_transform(vs, v -> abs(v - med))) AS mad,
             list_avg(list_transform(vs, v -> abs(v - med))) AS mean_ad FROM g;
    CREATE TABLE prev_values AS     -- each area's number in the previous period of the same kind
      WITH pp AS (SELECT o.mid, max(o.pord) AS pord FROM obs o JOIN latest l ON o.mid = l.mid
                  JOIN periods p ON p.ordinal = o.pord JOIN periods lp ON lp.ordinal = l.pord
                  WHERE o.pord < l.pord AND p.kind = lp.kind GROUP BY o.mid)
      SELECT o.mid, o.aid, o.value AS prev FROM obs o JOIN pp ON o.mid = pp.mid AND o.pord = pp.pord;
  `);
  const precomputeMs = now() - t0;
  const preSql = (focus, threshold, top) => `
WITH scored AS (
  SELECT v.mid, v.value AS x, s.med,
         CASE WHEN s.mad > 0 THEN (v.value - s.med) / (1.4826 * s.mad)
              ELSE (v.value - s.med) / (1.2533 * s.mean_ad) END AS z
  FROM latest_values v JOIN stats s ON s.focus = ${focus} AND s.mid = v.mid
  JOIN fc ON fc.focus = ${focus} AND fc.aid = v.aid
  WHERE s.mad > 0 OR s.mean_ad > 0),
flagged AS (SELECT * FROM scored WHERE abs(z) >= ${threshold}),
top AS (SELECT f.*, m.metric_id, m.polarity FROM flagged f JOIN metrics m ON m.mid = f.mid
        ORDER BY abs(f.z) DESC, m.metric_id LIMIT ${top}),
assessed AS (
  SELECT t.*, pv.prev,
         ${ASSESSMENT_SQL}
  FROM top t LEFT JOIN prev_values pv ON pv.mid = t.mid
    AND pv.aid IN (SELECT aid FROM fc WHERE focus = ${focus}))
SELECT metric_id, x, med, z, assessment, direction,
       assessment = 'worse' AND direction = 'worsening' AS concern,
       (SELECT count(*) FROM flagged) AS flagged
FROM assessed ORDER BY abs(z) DESC, metric_id`;

  const aids = new Map((await con.runAndReadAll('SELECT area_code, aid FROM areas')).getRows()
    .map(([code, aid]) => [code, Number(aid)]));
  const questions = readFileSync(process.env.QUESTIONS, 'utf8').split('\n').filter(Boolean)
    .map((path) => {
      const q = new URL(path, base).searchParams;
      return { path, area: q.get('area'), threshold: Number(q.get('threshold')), top: Number(q.get('top')) };
    });
  const limit = questions.length;
  const duckMs = [];
  let disagree = 0, items = 0;
  for (let i = 0; i < limit; ++i) {
    const q = questions[i];
    const url = base + q.path;
    const res = await fetch(url);
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status} ${JSON.stringify(body)}`);
    if (!aids.has(q.area)) throw new Error(`${q.area} holds no values in DuckDB`);
    const t = now();
    const d = (await con.runAndReadAll(preSql(aids.get(q.area), q.threshold, q.top))).getRowObjectsJS();
    duckMs.push(now() - t);
    items += body.items.length;
    const same = d.length === body.items.length &&
      (d.length === 0 || Number(d[0].flagged) === body.flagged) &&
      body.items.every((it, k) => it.metric.id === d[k].metric_id &&
        Math.abs(it.z - d[k].z) <= 1e-5 * Math.max(1, Math.abs(it.z)) &&
        it.assessment === d[k].assessment && it.concern === d[k].concern);
    if (!same && ++disagree <= 3)
      console.error(`duckdb_outliers: WARNING: answers differ for ${url}: lgbench ` +
        JSON.stringify(body.items.map((it) => [it.metric.id, it.z, it.assessment])) +
        ` vs duckdb ${JSON.stringify(d.map((r) => [r.metric_id, r.z, r.assessment]))}`);
  }
  const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
  env.push(
    `PRE_PRECOMPUTE_S=${(precomputeMs / 1000).toFixed(2)}`,
    `PRE_QUERIES=${limit}`,
    `PRE_ITEMS=${items}`,
    `PRE_DUCK_MEDIAN_MS=${pct(duckMs, 0.5).toFixed(3)}`,
    `PRE_DUCK_P99_MS=${pct(duckMs, 0.99).toFixed(3)}`,
    `PRE_DUCK_MEAN_MS=${(duckMs.reduce((a, b) => a + b, 0) / limit).toFixed(3)}`,
    `PRE_DISAGREE=${disagree}`);
}
const out = env.join('\n') + '\n';
if (process.argv[4]) writeFileSync(process.argv[4], out);
process.stdout.write(out);
