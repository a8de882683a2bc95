#!/usr/bin/env bash
# PostgreSQL bulk writes against a raw COPY of the same check-in rows into a table like cadre's (same
# columns, indexes and keys, no triggers) in the same server, in the same run, rows/s of each and the
# ratio: `import checkins` of N check-ins (default 1,000,000) into PostgreSQL, all validation on
# (COPY into a staging table, then one INSERT ... SELECT: secondment/checkin_rows.hpp), and `db copy`
# of a database of N check-ins from SQLite into PostgreSQL (a COPY per table), verified. The
# throwaway server is scripts/pg's (a Unix socket, fsync off).
# usage: tests/bench/bench_db_copy.sh [CADRE_BIN=build-release/cadre] [N=1000000]
set -euo pipefail
bin=$(realpath "${1:-build-release/cadre}")
n=${2:-1000000}
root=$(realpath "$(dirname "$0")/../..")
dir=$(mktemp -d)
[ "$(id -u)" -eq 0 ] && chmod 755 "$dir"
trap '"$root/scripts/pg" stop "$dir/pg" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT
admin=$("$root/scripts/pg" start "$dir/pg")
pg() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
db="$dir/src.db"
imp="postgresql://cadre@/imp?host=$dir/pg"
pg "$admin" "CREATE DATABASE imp"
for d in "$db" "$imp"; do  # units, people and their secondments on both sides
  "$bin" --db "$d" import units "$root/examples/units.csv" >/dev/null
  "$bin" --db "$d" import people "$root/examples/people.csv" >/dev/null
  for p in A1001 A1002 A1003 A1007 A1009; do
    "$bin" --db "$d" secondment add "$p" --from QXFGW --to HXZ --post x --start 2025-01-01 --end 2027-12-31 >/dev/null
  done
done
# N check-ins, one a minute per person, through cadre's own import (so the audit log vouches for them).
python3 - "$n" "$dir/checkins.csv" <<'PY'
import datetime as dt, sys
n, path = int(sys.argv[1]), sys.argv[2]
staff = ["A1001", "A1002", "A1003", "A1007", "A1009"]
t0 = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
with open(path, "w") as f:
    f.write("staff_no,at,kind,place\n")
    for i in range(n):
        at = t0 + dt.timedelta(minutes=i // len(staff))
        f.write(f"{staff[i % len(staff)]},{at.strftime('%Y-%m-%dT%H:%M:%SZ')},on_duty,镇政府\n")
PY
"$bin" --db "$db" import checkins "$dir/checkins.csv" >/dev/null
now() { date +%s.%N; }
t4=$(now)
"$bin" --db "$imp" import checkins "$dir/checkins.csv" >/dev/null
t5=$(now)
rows=$(sqlite3 "$db" "SELECT count(*) FROM checkins")
total=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM checkins) + (SELECT count(*) FROM audit_log) + (SELECT count(*) FROM calendar_days) + 30")
sqlite3 -csv "$db" "SELECT * FROM checkins ORDER BY id" >"$dir/rows.csv"

target="postgresql://cadre@/copy?host=$dir/pg"
raw="postgresql://cadre@/raw?host=$dir/pg"
pg "$admin" "CREATE DATABASE copy"
pg "$admin" "CREATE DATABASE raw"
"$bin" --db "$target" db init >/dev/null  # the schema made before the clock starts, as the raw table's
t0=$(now)
"$bin" db copy "$db" "$target" >/dev/null
t1=$(now)
pg "$raw" "CREATE TABLE units (id BIGINT PRIMARY KEY); CREATE TABLE people (id BIGINT PRIMARY KEY);
           CREATE TABLE secondments (id BIGINT PRIMARY KEY);
           INSERT INTO units SELECT id FROM generate_series(1, 100) id; INSERT INTO people SELECT id FROM generate_series(1, 100) id;
           INSERT INTO secondments SELECT id FROM generate_series(1, 100) id"
pg_dump -s -t checkins -d "$target" | sed -e '/audit_digest/d' -e '/^CREATE TRIGGER/d' | psql -X -q -d "$raw" >/dev/null
t2=$(now)
pg "$raw" "\\copy checkins FROM '$dir/rows.csv' CSV"
t3=$(now)
imported=$(pg "$imp" "SELECT count(*) FROM checkins")
python3 - "$rows" "$total" "$imported" "$t0" "$t1" "$t2" "$t3" "$t4" "$t5" <<'PY'
import sys
rows, total, imported = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
t0, t1, t2, t3, t4, t5 = map(float, sys.argv[4:])
copy, raw, imp = t1 - t0, t3 - t2, t5 - t4
print(f"raw COPY of the check-ins:  {rows} rows in {raw:.2f} s = {rows / raw:,.0f} rows/s")
print(f"import checkins into PostgreSQL: {imported} rows in {imp:.2f} s = {imported / imp:,.0f} rows/s (validated, audited)")
print(f"import / raw COPY: {(imported / imp) / (rows / raw):.0%} (target >= 50%)")
print(f"db copy SQLite->PostgreSQL: {total} rows ({rows} check-ins) in {copy:.2f} s = {total / copy:,.0f} rows/s (verified)")
print(f"db copy / raw COPY: {(total / copy) / (rows / raw):.0%}")
PY
