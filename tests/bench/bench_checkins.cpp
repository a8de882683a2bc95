// Check-in benchmarks, each against a baseline measured in the same run:
//  1. `import checkins` of N CSV rows vs the raw-SQLite floor: one prepared INSERT in one
//     transaction into the same indexed table with the same (precomputed) values.
//  2. `report secondments` over S secondments x C check-ins each (pass S and C to scale).
// usage: bench_checkins [N=200000] [S=2000] [C=500] [DIR=/tmp]
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "store/digest.hpp"
#include "cadre/import.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/secondment.hpp"

using Clock = std::chrono::steady_clock;
static double secs(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }

static void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "sqlite: %s\n", err);
    std::exit(1);
  }
}

// People P0..P(n-1) with one secondment each, 2026-01-05 .. 2027-12-31; ids 1..n.
static void populate(const std::string& path, int n) {
  cadre::Database cdb(path);
  cadre::add_unit(cdb, {"HOME", "home", std::string("government"), std::nullopt});
  cadre::add_unit(cdb, {"HOST", "host", std::string("township"), std::nullopt});
  sqlite3* db;
  sqlite3_open(path.c_str(), &db);
  cadre::detail::register_audit_functions(db);  // the audit triggers of schema 6 call them
  exec(db, "BEGIN");
  sqlite3_stmt *p, *s;
  sqlite3_prepare_v2(db, "INSERT INTO people(id, staff_no, name, unit_id) VALUES (?, ?, ?, 1)", -1, &p, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO secondments(id, person_id, home_unit_id, host_unit_id, post, batch, start_date, "
                         "planned_end, original_end) VALUES (?, ?, 1, 2, 'post', 'b', '2026-01-05', '2027-12-31', "
                         "'2027-12-31')", -1, &s, nullptr);
  for (int i = 1; i <= n; ++i) {
    std::string staff = "P" + std::to_string(i - 1);
    sqlite3_bind_int(p, 1, i);
    sqlite3_bind_text(p, 2, staff.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(p, 3, staff.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(p);
    sqlite3_reset(p);
    sqlite3_bind_int(s, 1, i);
    sqlite3_bind_int(s, 2, i);
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
static std::vector<Row> rows_for(int people, long long n, bool by_person = false) {
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

static void floor_insert(const std::string& path, const std::vector<Row>& rows) {
  sqlite3* db;
  sqlite3_open(path.c_str(), &db);
  cadre::detail::register_audit_functions(db);
  exec(db, "PRAGMA journal_mode = WAL");
  exec(db, "PRAGMA synchronous = NORMAL");
  exec(db, "BEGIN IMMEDIATE");
  sqlite3_stmt* q;
  sqlite3_prepare_v2(db, "INSERT INTO checkins(secondment_id, person_id, at_utc, offset_minutes, minute, local_day, "
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

int main(int argc, char** argv) {
  long long n = argc > 1 ? std::atoll(argv[1]) : 200000;
  int s = argc > 2 ? std::atoi(argv[2]) : 2000;
  long long c = argc > 3 ? std::atoll(argv[3]) : 500;
  std::string dir = (argc > 4 ? std::string(argv[4]) : std::string("/tmp")) + "/cadre-bench-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);

  // --- 1. import vs floor ------------------------------------------------------------------
  const int people = 1000;
  auto rows = rows_for(people, n);
  std::string csv = dir + "/checkins.csv";
  {
    std::ofstream f(csv);
    f << "staff_no,at\n";
    char buf[64];
    for (const auto& r : rows) {
      time_t t = time_t(r.utc + 28800);
      std::tm tm;
      gmtime_r(&t, &tm);
      std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
      f << 'P' << (r.person - 1) << ',' << buf << '\n';
    }
  }
  // Floor and import alternate twice on fresh databases; the best time of each counts (the
  // machine is shared: the best run is the least disturbed one).
  double floor_s = 1e9, import_s = 1e9;
  cadre::ImportResult res;
  for (int rep = 0; rep < 2; ++rep) {
    std::string fpath = dir + "/floor" + std::to_string(rep) + ".db";
    std::string ipath = dir + "/import" + std::to_string(rep) + ".db";
    populate(fpath, people);
    populate(ipath, people);
    auto t0 = Clock::now();
    floor_insert(fpath, rows);
    floor_s = std::min(floor_s, secs(t0));
    cadre::Database idb(ipath);
    t0 = Clock::now();
    res = cadre::import_file(idb, "checkins", csv);
    import_s = std::min(import_s, secs(t0));
  }
  std::printf("import checkins: %lld rows, floor %.3f s (%.0f rows/s), cadre import %.3f s (%.0f rows/s), "
              "speed = %.0f%% of the floor (target >= 60%%), written %lld (best of 2 each)\n",
              n, floor_s, double(n) / floor_s, import_s, double(n) / import_s, 100 * floor_s / import_s,
              (long long)res.written);
  cadre::Database db(dir + "/import0.db");
  auto t0 = Clock::now();
  // The same punches as a ZKTeco attlog (local device time, padded PINs, CRLF) into a third copy.
  std::string att = dir + "/1_attlog.dat", map = dir + "/map.csv";
  {
    std::ofstream f(att, std::ios::binary), m(map);
    f << "BENCH0001\r\n";
    char buf[64];
    for (const auto& r : rows) {
      time_t t = time_t(r.utc + 28800);
      std::tm tm;
      gmtime_r(&t, &tm);
      std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
      f << "     " << r.person << '\t' << buf << "\t1\t0\t1\t0\r\n";
    }
    m << "pin,staff_no\n";
    for (int p = 1; p <= people; ++p) m << p << ",P" << (p - 1) << "\n";
  }
  populate(dir + "/attlog.db", people);
  {
    cadre::Database adb(dir + "/attlog.db");
    cadre::ImportOptions o;
    o.input_format = "zkteco";
    o.device_map = map;
    auto t0 = Clock::now();
    auto ar = cadre::import_file(adb, "checkins", att, o);
    double att_s = secs(t0);
    std::printf("import attlog: %lld punches, %.3f s (%.0f rows/s), speed = %.0f%% of the floor, written %lld\n", n,
                att_s, double(n) / att_s, 100 * floor_s / att_s, (long long)ar.written);
  }
  t0 = Clock::now();
  auto again = cadre::import_file(db, "checkins", csv);
  std::printf("import again (all duplicates): %.3f s, duplicates %lld\n", secs(t0), (long long)again.duplicates);

  // --- 2. report secondments ---------------------------------------------------------------
  std::string rpath = dir + "/report.db";
  populate(rpath, s);
  t0 = Clock::now();
  floor_insert(rpath, rows_for(s, (long long)s * c, true));
  double gen_s = secs(t0);
  double scan_s;
  {
    // Baseline: the bare scan of distinct (secondment, day) pairs, stepping every row.
    sqlite3* raw;
    sqlite3_open(rpath.c_str(), &raw);
    sqlite3_stmt* q;
    sqlite3_prepare_v2(raw, "SELECT secondment_id, local_day FROM checkins GROUP BY secondment_id, local_day", -1, &q,
                       nullptr);
    t0 = Clock::now();
    long long pairs = 0, sum = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
      ++pairs;
      sum += sqlite3_column_int64(q, 1);
    }
    scan_s = secs(t0);
    sqlite3_finalize(q);
    sqlite3_close(raw);
    std::printf("baseline: raw sqlite3 GROUP BY scan of the same index: %.3f s, %lld day pairs (%lld)\n", scan_s,
                pairs, sum % 7);
  }
  cadre::Database rdb(rpath);
  t0 = Clock::now();
  auto report = cadre::report_secondments(rdb, std::nullopt, std::nullopt, cadre::parse_date("2027-12-31", "as-of"));
  double report_s = secs(t0);
  std::printf("report secondments: %d secondments x %lld check-ins (%lld rows, generated in %.1f s): %.3f s, "
              "%zu rows (%.2fx the bare scan); extrapolated linearly to 10,000 x 500 (5 M): %.2f s (target < 2 s)\n",
              s, c, (long long)s * c, gen_s, report_s, report.data.find("rows")->items().size(), report_s / scan_s,
              report_s * (10000.0 * 500) / (double(s) * double(c)));
  if (!std::getenv("CADRE_BENCH_KEEP")) std::filesystem::remove_all(dir);
  else std::printf("kept %s\n", dir.c_str());
  return 0;
}
