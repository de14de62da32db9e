// DuckDB peer for the ingest benchmark (bench/ingest.sh): reads a tidy CSV
// with read_csv into an in-memory table, every column as text (as lgbench
// keeps the published text), and reports the time and the rows read.
//   node bench/duckdb_read_csv.mjs FILE
// Prints shell variables DUCKDB_SECONDS and DUCKDB_ROWS on stdout.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const sq = (s) => `'${String(s).replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const t0 = process.hrtime.bigint();
await con.run(`CREATE TABLE observations AS
  SELECT * FROM read_csv(${sq(file)}, header = true, all_varchar = true)`);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const rows = (await con.runAndReadAll('SELECT count(*) FROM observations')).getRows()[0][0];
console.log(`DUCKDB_SECONDS=${seconds.toFixed(3)}`);
console.log(`DUCKDB_ROWS=${rows}`);
