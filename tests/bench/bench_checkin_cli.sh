#!/usr/bin/env bash
# One `cadre checkin` command vs one `sqlite3` CLI insert into the same database (same table,
# same indexes), each run N times in a loop; prints the mean per command and the ratio (target ≤ 2x).
# usage: tests/bench/bench_checkin_cli.sh [CADRE_BIN=build-release/cadre] [N=200]
set -euo pipefail
bin=${1:-build-release/cadre}
n=${2:-200}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db="$dir/b.db"
root="$(dirname "$0")/../.."
"$bin" --db "$db" import units "$root/examples/units.csv" >/dev/null
"$bin" --db "$db" import people "$root/examples/people.csv" >/dev/null
sid=$("$bin" --db "$db" secondment add A1003 --from QXFGW --to HXZ --post x --start 2026-01-01 --end 2026-12-31)
pid=$(sqlite3 "$db" "SELECT id FROM people WHERE staff_no = 'A1003'")
# The baseline writes to a copy of the same database whose audit-digest triggers are dropped: the
# sqlite3 shell does not have the functions they call (cadre's own commands pay for them).
raw="$dir/raw.db"
sqlite3 "$db" "VACUUM INTO '$raw'"; sqlite3 "$raw" "PRAGMA journal_mode = WAL" >/dev/null
sqlite3 "$raw" "SELECT 'DROP TRIGGER \"' || name || '\";' FROM sqlite_schema WHERE type = 'trigger'" | sqlite3 "$raw"
now() { date +%s.%N; }
# Distinct minutes so every command inserts a row (a duplicate would be cheaper).
instants=()
for i in $(seq 1 "$n"); do instants+=("$(date -u -d "2026-03-02 00:00 UTC + $i minutes" +%Y-%m-%dT%H:%M:00Z)"); done
t0=$(now)
for at in "${instants[@]}"; do
  "$bin" --db "$db" checkin A1003 --at "$at" >/dev/null
done
t1=$(now)
for i in $(seq 1 "$n"); do
  m=$(( 29526720 + 100000 + i ))
  sqlite3 "$raw" "PRAGMA busy_timeout=5000; INSERT INTO checkins(secondment_id, person_id, at_utc, offset_minutes, minute, local_day, kind, source) VALUES ($sid, $pid, $m*60, 480, $m, 20514, 'on_duty', 'cli');" >/dev/null
done
t2=$(now)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v n="$n" 'BEGIN {
  cadre = (b - a) / n * 1000; raw = (c - b) / n * 1000;
  printf "one cadre checkin: %.2f ms, one sqlite3 CLI insert: %.2f ms, ratio %.2fx (target <= 2x), %d runs each\n", cadre, raw, cadre / raw, n }'
