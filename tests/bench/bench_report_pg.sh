#!/usr/bin/env bash
# `report secondments` over S secondments x C check-ins (default 10,000 x 500 = 5 M) on PostgreSQL
# against the same report on SQLite, in the same run, and the batch of 20 and one secondee on
# PostgreSQL. Takes the SQLite database bench_reports keeps (CADRE_BENCH_KEEP=1 bench_reports S C
# DIR: DIR/cadre-bench-reports-PID/report.db) and makes the same rows in PostgreSQL: cadre creates
# the schema, its two units are added with the CLI, then people, secondments and check-ins are
# generated in the server (generate_series: the rows bench_data.hpp writes, the digest triggers off
# while they go in — a bench database, not an audited one), then ANALYZE. The throwaway server is
# scripts/pg's (a Unix socket, fsync off).
# usage: tests/bench/bench_report_pg.sh CADRE_BIN BENCH_DIR [S=10000] [C=500]
set -euo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
s=${3:-10000}
c=${4:-500}
root=$(realpath "$(dirname "$0")/../..")
dir=$(mktemp -d)
[ "$(id -u)" -eq 0 ] && chmod 755 "$dir"
trap '"$root/scripts/pg" stop "$dir/pg" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
admin=$("$root/scripts/pg" start "$dir/pg")
pg() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
target="postgresql://cadre@/bench?host=$dir/pg"
pg "$admin" "CREATE DATABASE bench"
"$bin" --db "$target" unit add HOME --name home --kind government >/dev/null
"$bin" --db "$target" unit add HOST --name host --kind township >/dev/null
t0=$(date +%s.%N)
# populate() and rows_for(by person) of bench_data.hpp: person and secondment i, batches of 20;
# check-in k of secondment p on day k/2 from 2026-01-05, 08:00 or 17:00 Shanghai, + (i mod 53) minutes.
pg "$target" "ALTER TABLE people DISABLE TRIGGER USER; ALTER TABLE secondments DISABLE TRIGGER USER;
ALTER TABLE checkins DISABLE TRIGGER USER;
INSERT INTO people(id, staff_no, name, unit_id) SELECT i, 'P' || (i - 1), 'P' || (i - 1), 1 FROM generate_series(1, $s) i;
INSERT INTO secondments(id, person_id, home_unit_id, host_unit_id, post, batch, start_date, planned_end, original_end)
SELECT i, i, 1, 2, 'post', 'b' || ((i - 1) / 20), '2026-01-05', '2027-12-31', '2027-12-31' FROM generate_series(1, $s) i;
INSERT INTO checkins(secondment_id, person_id, at_utc, offset_minutes, minute, local_day, kind, source)
SELECT p, p, u, 480, u / 60, (u + 28800) / 86400, 'on_duty', 'import'
FROM (SELECT i / $c + 1 AS p, 1767571200 + ((i % $c) / 2) * 86400 + ((i % $c) % 2) * 32400 + (i % 53) * 60 AS u
      FROM generate_series(0, $s::bigint * $c - 1) i) g;
ALTER TABLE people ENABLE TRIGGER USER; ALTER TABLE secondments ENABLE TRIGGER USER;
ALTER TABLE checkins ENABLE TRIGGER USER"
# VACUUM, as autovacuum leaves any real table: right after a bulk load the visibility map is empty, and
# PostgreSQL's first five (custom) plans of the chunk query then choose a parallel seq scan, ~4x slower.
pg "$target" "VACUUM ANALYZE"
gen=$(echo "$(date +%s.%N) - $t0" | bc)
rows=$(pg "$target" "SELECT count(*) FROM checkins")
run() {  # the best of 2 wall times of the CLI, in seconds
  local best=999
  for _ in 1 2; do
    local a b
    a=$(date +%s.%N)
    "$bin" "$@" >/dev/null
    b=$(date +%s.%N)
    best=$(echo "if ($b - $a < $best) $b - $a else $best" | bc)
  done
  printf '%.3f' "$best"
}
args=(--format json report secondments --as-of 2027-12-31)
sq=$(run --db "$src/report.db" "${args[@]}")
pq=$(run --db "$target" "${args[@]}")
echo "report secondments (CLI, json): $s secondments x $c check-ins ($rows rows in PostgreSQL, generated in $(printf '%.0f' "$gen") s): SQLite $sq s, PostgreSQL $pq s = $(echo "scale=2; $pq / $sq" | bc)x SQLite (target < 2 s on PostgreSQL)"
"$bin" --db "$src/report.db" "${args[@]}" >"$dir/sqlite.json"
"$bin" --db "$target" "${args[@]}" >"$dir/pg.json"
cmp -s "$dir/sqlite.json" "$dir/pg.json" && same=identical || same=DIFFERENT
echo "the two reports' JSON: $same ($(wc -c <"$dir/pg.json") bytes)"
mid="b$((s / 20 / 2))"
bq=$(run --db "$target" --format json report secondments --batch "$mid" --as-of 2027-12-31)
oq=$(run --db "$target" --format json report secondment "$((s / 2))" --as-of 2027-12-31)
iq=$(run --db "$target" db info)
echo "PostgreSQL (CLI wall time, connection included): --batch $mid $bq s, report secondment $((s / 2)) $oq s, db info (the floor) $iq s"
