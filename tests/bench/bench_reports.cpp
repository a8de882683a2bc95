// Report benchmarks on S secondments x C check-ins each (default 10,000 x 500 = 5 M), each against a
// baseline measured in the same run:
//  1. `report secondments` over all, against a bare GROUP BY scan of the same index;
//  2. `report secondments --batch` of 20 and `report secondment ID`, against the full report (a
//     report's cost follows what it reports, not the size of the database);
//  3. the CLI's max RSS for the full report in each format, against `db info` (the CLI's own floor),
//     each in a child process under /usr/bin/time.
// usage: bench_reports [S=10000] [C=500] [DIR=/tmp] [CADRE_BIN=the cadre_cli built beside it]
// CADRE_BENCH_KEEP=1 keeps DIR/cadre-bench-reports-PID/report.db for tests/bench/bench_report_pg.sh.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_data.hpp"
#include "cadre/parse.hpp"
#include "cadre/secondment.hpp"

using Clock = std::chrono::steady_clock;
static double secs(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }

// The best of `n` runs of f, in seconds (the machine is shared: the least disturbed run counts).
template <class F>
static double best_of(int n, F f) {
  double best = 1e9;
  for (int i = 0; i < n; ++i) {
    auto t0 = Clock::now();
    f();
    best = std::min(best, secs(t0));
  }
  return best;
}

// Runs the CLI with `args` under /usr/bin/time (a small process, so the figure is the CLI's own: a
// child forked from this large bench would start from this process's high-water mark); its max RSS
// in MiB and its wall time. Its standard output goes to /dev/null.
static std::pair<double, double> run_cli(const std::string& bin, const std::vector<std::string>& args,
                                         const std::string& dir) {
  std::string rss = dir + "/rss.txt";
  std::vector<std::string> all{"/usr/bin/time", "-f", "%M", "-o", rss, bin};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  auto t0 = Clock::now();
  std::fflush(stdout);  // or the child's copy of the buffer is printed twice
  pid_t pid = fork();
  if (pid == 0) {
    if (!std::freopen("/dev/null", "w", stdout)) _exit(126);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  double wall = secs(t0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "%s failed (status %d)\n", bin.c_str(), status);
    std::exit(1);
  }
  double kb = 0;
  if (FILE* f = std::fopen(rss.c_str(), "r")) {
    if (std::fscanf(f, "%lf", &kb) != 1) kb = 0;
    std::fclose(f);
  }
  return {kb / 1024.0, wall};
}

int main(int argc, char** argv) {
  int s = argc > 1 ? std::atoi(argv[1]) : 10000;
  long long c = argc > 2 ? std::atoll(argv[2]) : 500;
  std::string dir =
      (argc > 3 ? std::string(argv[3]) : std::string("/tmp")) + "/cadre-bench-reports-" + std::to_string(getpid());
  std::string bin = argc > 4 ? std::string(argv[4]) : CADRE_CLI_PATH;
  std::filesystem::create_directories(dir);
  const int batch = 20;
  std::string rpath = dir + "/report.db";
  populate(rpath, s, batch);
  auto t0 = Clock::now();
  floor_insert(rpath, rows_for(s, (long long)s * c, true));
  double gen_s = secs(t0);
  auto as_of = cadre::parse_date("2027-12-31", "as-of");

  // Baseline: the bare scan of distinct (secondment, day) pairs, stepping every row.
  double scan_s = 0;
  {
    sqlite3* raw;
    sqlite3_open(rpath.c_str(), &raw);
    sqlite3_stmt* q;
    sqlite3_prepare_v2(raw, "SELECT secondment_id, local_day FROM checkins GROUP BY secondment_id, local_day", -1, &q,
                       nullptr);
    long long pairs = 0;
    scan_s = best_of(2, [&] {
      sqlite3_reset(q);
      pairs = 0;
      while (sqlite3_step(q) == SQLITE_ROW) pairs += sqlite3_column_int64(q, 1) > 0;
    });
    sqlite3_finalize(q);
    sqlite3_close(raw);
    std::printf("baseline: raw sqlite3 GROUP BY scan of the same index: %.3f s, %lld day pairs\n", scan_s, pairs);
  }
  cadre::Database db(rpath);
  size_t full_rows = 0, batch_rows = 0;
  double full_s = best_of(2, [&] {
    full_rows = cadre::report_secondments(db, std::nullopt, std::nullopt, as_of).data.find("rows")->size();
  });
  std::printf(
      "report secondments: %d secondments x %lld check-ins (%lld rows, generated in %.1f s): %.3f s, %zu rows "
      "(%.2fx the bare scan)\n",
      s, c, (long long)s * c, gen_s, full_s, full_rows, full_s / scan_s);
  std::string mid = "b" + std::to_string(s / batch / 2);
  double batch_s = best_of(
      5, [&] { batch_rows = cadre::report_secondments(db, mid, std::nullopt, as_of).data.find("rows")->size(); });
  std::printf("report secondments --batch %s: %zu rows, %.2f ms = %.2f%% of the full report (target <= 20 ms)\n",
              mid.c_str(), batch_rows, batch_s * 1e3, 100 * batch_s / full_s);
  double one_s = best_of(5, [&] { cadre::report_secondment(db, s / 2, as_of); });
  std::printf("report secondment %d: %.2f ms = %.2f%% of the full report, %.2fx the batch of %d (target <= 10 ms)\n",
              s / 2, one_s * 1e3, 100 * one_s / full_s, one_s / batch_s, batch);

  // Max RSS of the CLI: `db info` is the floor (the program, its libraries, the open database).
  auto [floor_mb, floor_wall] = run_cli(bin, {"--db", rpath, "db", "info"}, dir);
  std::printf("max RSS: cadre db info (floor) %.1f MiB\n", floor_mb);
  for (const char* format : {"table", "csv", "json", "md", "html", "xlsx"}) {
    std::string out = dir + "/report." + format;
    auto [mb, wall] = run_cli(
        bin, {"--db", rpath, "--format", format, "-o", out, "report", "secondments", "--as-of", "2027-12-31"}, dir);
    std::printf(
        "max RSS: report secondments --format %-5s %6.1f MiB (%.1fx the floor), %.2f s, %.1f MiB written "
        "(target <= 32 MB)\n",
        format, mb, mb / floor_mb, wall, double(std::filesystem::file_size(out)) / (1 << 20));
  }
  if (!std::getenv("CADRE_BENCH_KEEP"))
    std::filesystem::remove_all(dir);
  else
    std::printf("kept %s\n", dir.c_str());
  return 0;
}
