// `report hours` for a province: 100,000 people, 2,000 courses a year with 10 sessions and 50
// trainees each (1 M attendance rows), recorded online/external hours over five years. Prints the
// time of report_hours and, as the baseline measured in the same run, plain GROUP BY queries over
// the same tables (the SQL floor of the aggregation); the ratio is what the library adds.
//   bench_hours [people] [parent directory] [keep|reuse]   (keep: leave the database; reuse: skip generating)
// The database lives in PARENT/cadre-bench-hours, the only directory the benchmark ever removes.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <random>
#include <string>

#include "store/digest.hpp"
#include "cadre/database.hpp"
#include "cadre/training.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
// Process CPU time: the machine is shared, so the ratio is computed on CPU seconds, which other
// processes do not inflate; wall time is printed beside it.
double cpu_now() { return double(std::clock()) / CLOCKS_PER_SEC; }
struct Timing {
  double wall, cpu;
};

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}
void exec(sqlite3* db, const char* sql) { check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql); }

struct Insert {
  sqlite3* db;
  sqlite3_stmt* s = nullptr;
  Insert(sqlite3* d, const char* sql) : db(d) { check(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), db, sql); }
  ~Insert() { sqlite3_finalize(s); }
  template <typename... A>
  void run(const A&... args) {
    int i = 1;
    (bind(i++, args), ...);
    check(sqlite3_step(s), db, "insert");
    sqlite3_reset(s);
  }
  void bind(int i, long long v) { sqlite3_bind_int64(s, i, v); }
  void bind(int i, int v) { sqlite3_bind_int(s, i, v); }
  void bind(int i, double v) { sqlite3_bind_double(s, i, v); }
  void bind(int i, const std::string& v) { sqlite3_bind_text(s, i, v.c_str(), int(v.size()), SQLITE_TRANSIENT); }
};

void generate(const std::string& path, int people) {
  { cadre::Database create(path); }  // schema and migrations
  sqlite3* db = nullptr;
  check(sqlite3_open(path.c_str(), &db), db, "open");
  cadre::detail::register_audit_functions(db);  // the audit triggers of schema 6 call them
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; BEGIN");
  std::mt19937 rng(42);
  const int units = 100, courses = 2000, sessions = 10, per_course = 50;
  {
    Insert u(db, "INSERT INTO units(id, code, name, kind) VALUES (?,?,?,'government')");
    for (int i = 1; i <= units; ++i) u.run(i, "U" + std::to_string(i), "Unit " + std::to_string(i));
    Insert p(db, "INSERT INTO people(id, staff_no, name, unit_id, tier) VALUES (?,?,?,?,?)");
    for (int i = 1; i <= people; ++i)
      p.run(i, "P" + std::to_string(100000 + i), "Person " + std::to_string(i), 1 + i % units,
            std::string(i % 5 == 0 ? "leader" : "general"));
  }
  {
    Insert c(db, "INSERT INTO courses(id, code, title, organizer_id, start_date, end_date) VALUES (?,?,?,1,?,?)");
    Insert k(db, "INSERT INTO course_components(course_id, name, weight) VALUES (?, 'exam', 1)");
    Insert s(db,
             "INSERT INTO sessions(id, course_id, no, date, start_time, end_time, title, hours) "
             "VALUES (?,?,?,?,'08:30','12:00','s',3.5)");
    Insert e(db, "INSERT INTO enrolments(course_id, person_id, status) VALUES (?,?,'enrolled')");
    Insert a(db, "INSERT INTO attendance(session_id, person_id, course_id, status) VALUES (?,?,?,?)");
    Insert x(db, "INSERT INTO assessments(course_id, person_id, component, score) VALUES (?,?,'exam',?)");
    const char* statuses[] = {"present", "present", "present", "present", "present",
                              "present", "present", "late",    "leave",   "absent"};
    long long sid = 0;
    for (int c_i = 1; c_i <= courses; ++c_i) {
      // Week-long courses spread over 2026.
      int month = 1 + c_i % 12, day = 1 + c_i % 20;
      char start[11], end[11];
      std::snprintf(start, sizeof start, "2026-%02d-%02d", month, day);
      std::snprintf(end, sizeof end, "2026-%02d-%02d", month, day + 6);
      c.run(c_i, "C" + std::to_string(c_i), "Course " + std::to_string(c_i), std::string(start), std::string(end));
      bool scored = c_i % 2 == 0;
      if (scored) k.run(c_i);
      long long first = sid + 1;
      for (int n = 1; n <= sessions; ++n) {
        char d[11];
        std::snprintf(d, sizeof d, "2026-%02d-%02d", month, day + (n - 1) / 2);
        s.run(++sid, c_i, n, std::string(d));
      }
      for (int t = 0; t < per_course; ++t) {
        long long person = 1 + ((long long)(c_i - 1) * per_course + t) % people;
        e.run(c_i, person);
        for (long long ss = first; ss <= sid; ++ss)
          a.run(ss, person, c_i, std::string(statuses[rng() % 10 < 9 ? 0 : rng() % 10]));
        if (scored) x.run(c_i, person, double(50 + rng() % 51));
      }
    }
  }
  {
    Insert h(db, "INSERT INTO training_hours(person_id, date, year, kind, hours) VALUES (?,?,?,?,?)");
    for (int i = 1; i <= people; ++i) {
      h.run(i, std::string("2026-06-30"), 2026, std::string("online"), double(20 + rng() % 40));
      int y = 2022 + int(rng() % 5);
      h.run(i, std::to_string(y) + "-05-01", y, std::string("external"), double(1 + rng() % 200));
    }
  }
  exec(db, "COMMIT; ANALYZE");
  sqlite3_close(db);
}

Timing baseline(const std::string& path) {
  sqlite3* db = nullptr;
  check(sqlite3_open(path.c_str(), &db), db, "open");
  auto t = Clock::now();
  double c = cpu_now();
  const char* queries[] = {
      "SELECT a.person_id, a.course_id, SUM(s.hours), COUNT(*) FROM attendance a "
      "JOIN sessions s ON s.id = a.session_id GROUP BY a.person_id, a.course_id",
      "SELECT person_id, year, kind, SUM(hours) FROM training_hours WHERE year BETWEEN 2022 AND 2026 "
      "GROUP BY person_id, year, kind",
      "SELECT id, staff_no, name, tier FROM people ORDER BY staff_no"};
  long long rows = 0;
  for (const char* q : queries) {
    sqlite3_stmt* s = nullptr;
    check(sqlite3_prepare_v2(db, q, -1, &s, nullptr), db, q);
    while (sqlite3_step(s) == SQLITE_ROW) ++rows;
    sqlite3_finalize(s);
  }
  Timing r{seconds_since(t), cpu_now() - c};
  sqlite3_close(db);
  std::printf("baseline rows: %lld\n", rows);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  int people = argc > 1 ? std::atoi(argv[1]) : 100000;
  std::filesystem::path parent = argc > 2 ? std::filesystem::path(argv[2]) : std::filesystem::temp_directory_path();
  std::string dir = (parent / "cadre-bench-hours").string();
  std::string mode = argc > 3 ? argv[3] : "";
  std::string path = dir + "/bench.db";
  auto t = Clock::now();
  if (mode != "reuse" || !std::filesystem::exists(path)) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    generate(path, people);
  }
  std::printf("generate: %d people, 2000 courses, 20000 sessions, 1000000 attendance rows: %.2f s\n", people,
              seconds_since(t));

  Timing floor = baseline(path);
  cadre::Database db(path);
  t = Clock::now();
  double c = cpu_now();
  auto r = cadre::report_hours(db, 2026, std::nullopt);
  Timing lib{seconds_since(t), cpu_now() - c};
  const auto* rows = r.data.find("people");
  const auto* short_count = r.data.find("non_compliant");
  std::printf("report hours 2026: %zu people, %lld not compliant\n", rows ? rows->items().size() : 0,
              short_count ? (long long)short_count->as_int() : -1LL);
  std::printf("baseline (plain GROUP BY queries): %.3f s wall, %.3f s cpu\n", floor.wall, floor.cpu);
  std::printf("report_hours:                      %.3f s wall, %.3f s cpu\n", lib.wall, lib.cpu);
  std::printf("ratio report/baseline (cpu):       %.2f\n", lib.cpu / floor.cpu);
  std::printf("target: report hours for 100,000 people under 2 s (cpu): %s\n", lib.cpu < 2.0 ? "met" : "NOT met");
  if (mode != "keep" && mode != "reuse") std::filesystem::remove_all(dir);
  return 0;
}
