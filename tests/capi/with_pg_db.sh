#!/bin/sh
# Runs a C test on a fresh PostgreSQL database: `with_pg_db.sh ADMIN_CONNINFO PROGRAM [ARGS...]` creates
# one on the server of ADMIN_CONNINFO (ctest's `pg` fixture), runs PROGRAM with CADRE_TEST_DB set to
# it, drops it, and exits with PROGRAM's status.
set -u
admin=$1
shift
name="cadre_c_$$_$(date +%s%N)"
psql -X -q -v ON_ERROR_STOP=1 -d "$admin" -c "CREATE DATABASE \"$name\" TEMPLATE template0" || exit 1
# The admin string with the database's name in place of its path (postgresql://USER@/DB?host=DIR).
db=$(printf '%s' "$admin" | sed -E "s|^(postgres(ql)?://[^/]*)/[^?]*|\1/$name|")
CADRE_TEST_DB=$db "$@"
rc=$?
psql -X -q -d "$admin" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" || true
exit $rc
