// What the benchmarks share: a cadre database of people with one secondment each, and check-in rows
// written with the raw SQLite API (the floor a cadre import is compared with).
#pragma once
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cadre/people.hpp"
#include "store/digest.hpp"

inline void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "sqlite: %s\n", err);
    std::exit(1);
  }
}

// People P0..P(n-1) with one secondment each, 2026-01-05 .. 2027-12-31; ids 1..n; batches of
// `batch_size` secondments named b0, b1, ...
inline void populate(const std::string& path, int n, int batch_size = 1 << 30) {
  cadre::Database cdb(path);
  cadre::add_unit(cdb, {"HOME", "home", std::string("government"), std::nullopt});
  cadre::add_unit(cdb, {"HOST", "host", std::string("township"), std::nullopt});
  sqlite3* db;
  sqlite3_open(path.c_str(), &db);
  cadre::detail::register_audit_functions(db);  // the audit triggers of schema 6 call them
  exec(db, "BEGIN");
  sqlite3_stmt *p, *s;
  sqlite3_prepare_v2(db, "INSERT INTO people(id, staff_no, name, unit_id) VALUES (?, ?, ?, 1)", -1, &p, nullptr);
  sqlite3_prepare_v2(db,
                     "INSERT INTO secondments(id, person_id, home_unit_id, host_unit_id, post, batch, start_date, "
                     "planned_end, original_end) VALUES (?, ?, 1, 2, 'post', ?, '2026-01-05', '2027-12-31', "
                     "'2027-12-31')",
                     -1, &s, nullptr);
  for (int i = 1; i <= n; ++i) {
    std::string staff = "P" + std::to_string(i - 1);
    sqlite3_bind_int(p, 1, i);
    sqlite3_bind_text(p, 2, staff.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(p, 3, staff.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(p);
    sqlite3_reset(p);
    sqlite3_bind_int(s, 1, i);
    sqlite3_bind_int(s, 2, i);
    std::string batch = "b" + std::to_string((i - 1) / batch_size);
    sqlite3_bind_text(s, 3, batch.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(s);
    sqlite3_reset(s);
  }
  sqlite3_finalize(p);
  sqlite3_finalize(s);
  exec(db, "COMMIT");
  sqlite3_close(db);
}

struct Row {
  int person;
  long long utc;
};

// Check-in k of person p: a working-hours minute on day k (from 2026-01-05), spread over persons.
inline std::vector<Row> rows_for(int people, long long n, bool by_person = false) {
  std::vector<Row> rows;
  rows.reserve(size_t(n));
  const long long base = 1767571200;  // 2026-01-05T00:00:00Z = 08:00 in Shanghai
  for (long long i = 0; i < n; ++i) {
    long long per = n / people;
    int person = by_person ? int(i / per) + 1 : int(i % people) + 1;
    long long k = by_person ? i % per : i / people;
    rows.push_back({person, base + (k / 2) * 86400 + (k % 2) * 32400 + (i % 53) * 60});
  }
  return rows;
}

inline void floor_insert(const std::string& path, const std::vector<Row>& rows) {
  sqlite3* db;
  sqlite3_open(path.c_str(), &db);
  cadre::detail::register_audit_functions(db);
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA synchronous = NORMAL");
  exec(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* q;
  sqlite3_prepare_v2(db,
                     "INSERT INTO checkins(secondment_id, person_id, at_utc, offset_minutes, minute, local_day, "
                     "kind, place, lat, lon, source) VALUES (?,?,?,480,?,?,'on_duty',NULL,NULL,NULL,'import')",
                     -1, &q, nullptr);
  for (const auto& r : rows) {
    sqlite3_bind_int(q, 1, r.person);
    sqlite3_bind_int(q, 2, r.person);
    sqlite3_bind_int64(q, 3, r.utc);
    sqlite3_bind_int64(q, 4, r.utc / 60);
    sqlite3_bind_int64(q, 5, (r.utc + 28800) / 86400);
    sqlite3_step(q);
    sqlite3_reset(q);
  }
  sqlite3_finalize(q);
  exec(db, "COMMIT");
  sqlite3_close(db);
}
