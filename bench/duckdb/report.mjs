// Benchmark only (bench/full_team.sh --duckdb): DuckDB computes the
// report's tables that read every score and answer (T1's populations,
// Tables 20-25 from each family's first and latest case-study score, Table
// 26 from the interviews) from its own database file, so the benchmark can
// set opkomst's full report beside a column store on the same data. Not a
// second implementation of the report: no statistics (Wilcoxon), no
// formatting, no suppression.
//   node report.mjs load FOLDER DBFILE     (once: the exchange folder into DBFILE)
//   node report.mjs run DBFILE AS_OF       (timed: the tables, printed as JSON)
import { DuckDBInstance } from "@duckdb/node-api";

const [mode, a, b] = process.argv.slice(2);

async function load(folder, file) {
  const db = await DuckDBInstance.create(file);
  const c = await db.connect();
  const csv = (name) => `read_csv('${folder}/${name}.csv', all_varchar = true, header = true)`;
  await c.run(`CREATE TABLE dossier AS SELECT dossier_id, CAST(trajectory_number AS INT) AS trajectory_number, track,
                 CAST(start_date AS DATE) AS start_date, TRY_CAST(end_date AS DATE) AS end_date FROM ${csv("dossiers")}`);
  await c.run(`CREATE TABLE measurement AS SELECT dossier_id, moment, TRY_CAST(measured_on AS DATE) AS measured_on
                 FROM ${csv("measurements")}`);
  await c.run(`CREATE TABLE score AS SELECT dossier_id, CAST(moment AS INT) AS moment, indicator, score
                 FROM ${csv("scores")}`);
  await c.run(`CREATE TABLE interview AS SELECT respondent_id, track, indicator, TRY_CAST(score_start AS INT) AS score_start,
                 TRY_CAST(score_end AS INT) AS score_end FROM ${csv("interviews")}`);
  c.closeSync();
}

async function run(file, asOf) {
  const db = await DuckDBInstance.create(file, { access_mode: "READ_ONLY" });
  const c = await db.connect();
  const rows = async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJson();
  const out = {};
  out.T1 = await rows(`
    WITH p2 AS (SELECT * FROM dossier WHERE start_date <= DATE '${asOf}' AND trajectory_number = 1)
    SELECT track,
           (SELECT count(*) FROM dossier d WHERE d.start_date <= DATE '${asOf}' AND d.track = p.track) AS p1,
           count(*) AS p2,
           count(*) FILTER (WHERE (end_date IS NOT NULL AND end_date <= DATE '${asOf}') OR track = 'opkomst_plus') AS p3,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM measurement m WHERE m.dossier_id = p.dossier_id
                                          AND m.moment = 'birth' AND (m.measured_on IS NULL OR m.measured_on <= DATE '${asOf}'))) AS p4
    FROM p2 p GROUP BY track ORDER BY track`);
  // Each family's first and latest score per indicator; a pair needs two
  // moments and two numeric scores (rule E).
  await c.run(`CREATE TEMP TABLE pair AS
    SELECT f.indicator, d.track, TRY_CAST(f.first AS DOUBLE) AS a, TRY_CAST(f.last AS DOUBLE) AS b
    FROM (SELECT dossier_id, indicator, arg_min(score, moment) AS first, min(moment) AS fm,
                 arg_max(score, moment) AS last, max(moment) AS lm
          FROM score GROUP BY dossier_id, indicator) f
    JOIN dossier d USING (dossier_id)
    WHERE f.fm <> f.lm AND TRY_CAST(f.first AS DOUBLE) IS NOT NULL AND TRY_CAST(f.last AS DOUBLE) IS NOT NULL`);
  out.T21 = await rows(`SELECT indicator, track, count(*) AS n, avg(a) AS first FROM pair GROUP BY ALL
                        HAVING count(*) >= 3 ORDER BY ALL`);
  out.T20 = await rows(`SELECT track, avg(first) AS mean FROM (SELECT indicator, track, avg(a) AS first FROM pair
                        GROUP BY ALL HAVING count(*) >= 3) GROUP BY track ORDER BY track`);
  out.T22 = await rows(`SELECT indicator, track, count(*) FILTER (WHERE b > a) AS improved FROM pair GROUP BY ALL ORDER BY ALL`);
  for (const [table, sign] of [["T23", 1], ["T24", 0], ["T25", -1]])
    out[table] = await rows(`SELECT indicator, track, count(*) AS n, avg(a) AS first, avg(b) AS last FROM pair
                             WHERE sign(b - a) = ${sign} GROUP BY ALL ORDER BY ALL`);
  out.T26 = await rows(`SELECT indicator, avg(score_start) AS start, avg(score_end) AS "end", count(*) AS n,
                               count(*) FILTER (WHERE score_end > score_start) AS improved
                        FROM interview WHERE score_start IS NOT NULL AND score_end IS NOT NULL
                        GROUP BY indicator ORDER BY indicator`);
  out.T26_respondents = await rows(`SELECT count(DISTINCT respondent_id) AS n FROM interview`);
  c.closeSync();
  console.log(JSON.stringify(out).slice(0, 200));
}

if (mode === "load") await load(a, b);
else if (mode === "run") await run(a, b);
else {
  console.error("usage: report.mjs load FOLDER DBFILE | run DBFILE AS_OF");
  process.exit(2);
}
