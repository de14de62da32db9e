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
  CREATE TABLE members AS
    SELECT a.aid FROM areas a
    WHERE a.area_code IN (SELECT unnest([${params.members.map(sq).join(', ')}]));
`);
const loadMs = now() - t0;
const rows = Number((await con.runAndReadAll('SELECT count(*) FROM obs')).getRows()[0][0]);

// ---- The scan: one statement --------------------------------------------------
const focusRows = (await con.runAndReadAll(
  `SELECT aid FROM areas WHERE area_code = ${sq(params.area)}`)).getRows();
if (focusRows.length !== 1) throw new Error(`focus area ${params.area} holds no values`);
const focus = Number(focusRows[0][0]);
const sql = `
WITH latest AS (          -- each metric's latest period with any value
  SELECT mid, max(pord) AS pord FROM obs GROUP BY mid),
cur AS (                  -- group members' numbers in that period
  SELECT o.mid, o.aid, o.value
  FROM obs o JOIN latest l ON o.mid = l.mid AND o.pord = l.pord
  WHERE o.value IS NOT NULL AND o.aid IN (SELECT aid FROM members)),
grp AS (                  -- median over members; the focus must hold a number
  SELECT mid, list(value) AS vs, median(value) AS med,
         max(value) FILTER (WHERE aid = ${focus}) AS x
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
  WHERE o.aid = ${focus}),
assessed AS (
  SELECT t.*, pv.prev,
         CASE t.polarity WHEN 'higher-is-better' THEN (CASE WHEN t.x > t.med THEN 'better' ELSE 'worse' END)
                         WHEN 'lower-is-better' THEN (CASE WHEN t.x < t.med THEN 'better' ELSE 'worse' END)
                         ELSE 'different' END AS assessment,
         CASE WHEN pv.prev IS NULL THEN 'not-comparable'
              WHEN t.x = pv.prev THEN 'no-change'
              WHEN t.polarity = 'higher-is-better' THEN (CASE WHEN t.x > pv.prev THEN 'improving' ELSE 'worsening' END)
              WHEN t.polarity = 'lower-is-better' THEN (CASE WHEN t.x < pv.prev THEN 'improving' ELSE 'worsening' END)
              ELSE (CASE WHEN t.x > pv.prev THEN 'higher' ELSE 'lower' END) END AS direction
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
].join('\n') + '\n';
if (process.argv[4]) writeFileSync(process.argv[4], env);
process.stdout.write(env);
