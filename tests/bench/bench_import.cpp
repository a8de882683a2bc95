// Import memory benchmark: peak RSS while importing a large CSV, against two baselines measured in
// the same run: the file's size (an import that reads the whole file holds at least that much) and
// the RSS of the process just before the import (library, database open, SQLite's page cache).
//  1. `import people` of ~MB megabytes (rows of staff_no,name,unit,tier,rank,title);
//  2. `import checkins` of ~MB megabytes for 200 people with a secondment each.
// Each import runs in a child process, so its peak (VmHWM, reset just before the import) is its own.
// Target (issue 9): peak RSS while importing <= 2x the file's size.
// usage: bench_import [MB=20] [DIR=/tmp]
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "cadre/import.hpp"
#include "cadre/parse.hpp"
#include "cadre/people.hpp"
#include "cadre/secondment.hpp"

namespace {

// A field of /proc/self/status in KiB ("VmRSS", "VmHWM").
long status_kib(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  std::string key = std::string(field) + ":";
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) return std::atol(line.c_str() + key.size());
  return -1;
}

struct Measure {
  long before_kib = 0, peak_kib = 0;
  double seconds = 0;
  long long rows = 0;
};

// Imports `file` into `db` in a child process; its RSS before and its peak RSS during the import.
Measure measure(const std::string& db, const std::string& what, const std::string& file) {
  int fds[2];
  if (pipe(fds) != 0) std::exit(1);
  pid_t pid = fork();
  if (pid == 0) {
    Measure m;
    cadre::Database d(db);
    m.before_kib = status_kib("VmRSS");
    // Resets VmHWM to the current RSS (Linux >= 4.0), so the peak is this import's.
    std::ofstream("/proc/self/clear_refs") << "5";
    auto start = std::chrono::steady_clock::now();
    auto r = cadre::import_file(d, what, file);
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.rows = r.rows;
    m.peak_kib = status_kib("VmHWM");
    if (write(fds[1], &m, sizeof m) != ssize_t(sizeof m)) _exit(1);
    _exit(0);
  }
  close(fds[1]);
  Measure m;
  bool got = read(fds[0], &m, sizeof m) == ssize_t(sizeof m);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!got || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "import %s failed\n", what.c_str());
    std::exit(1);
  }
  return m;
}

void report(const char* title, const std::string& file, const Measure& m) {
  double size_mib = double(std::filesystem::file_size(file)) / (1 << 20);
  double before = m.before_kib / 1024.0, peak = m.peak_kib / 1024.0;
  std::printf("%s: %lld rows, %.1f MiB file, %.1f s\n", title, m.rows, size_mib, m.seconds);
  std::printf("  RSS before the import   %7.1f MiB\n", before);
  std::printf("  peak RSS while importing %6.1f MiB = %.2fx the file (target <= 2x), %.2fx the RSS before\n", peak,
              peak / size_mib, peak / before);
  std::printf("  growth during the import %6.1f MiB = %.2fx the file\n", peak - before, (peak - before) / size_mib);
}

}  // namespace

int main(int argc, char** argv) {
  double mb = argc > 1 ? std::atof(argv[1]) : 20;
  std::string base = argc > 2 ? argv[2] : "/tmp";
  std::string dir = base + "/cadre-bench-import-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  std::string db = dir + "/bench.db";
  auto bytes = static_cast<std::uintmax_t>(mb * (1 << 20));
  {
    cadre::Database d(db);
    cadre::add_unit(d, {"HOME", "home", std::string("government"), std::nullopt});
    cadre::add_unit(d, {"HOST", "host", std::string("township"), std::nullopt});
  }

  // 1. people
  std::string people = dir + "/people.csv";
  {
    std::ofstream out(people);
    out << "staff_no,name,unit,tier,rank,title\n";
    for (long i = 0; std::uintmax_t(out.tellp()) < bytes; ++i)
      out << 'P' << i << ",Person number " << i << ",HOME,general,科级,干部\n";
  }
  report("import people", people, measure(db, "people", people));

  // 2. check-ins: 200 people seconded 2026-01-05 .. 2027-12-31, four punches a day each.
  {
    cadre::Database d(db);
    for (int i = 0; i < 200; ++i)
      cadre::add_secondment(d,
                            {"P" + std::to_string(i), "HOME", "HOST", "post", cadre::parse_date("2026-01-05", "start"),
                             cadre::parse_date("2027-12-31", "end"), std::nullopt, std::nullopt});
  }
  std::string checkins = dir + "/checkins.csv";
  {
    using namespace std::chrono;
    std::ofstream out(checkins);
    out << "staff_no,at,kind,place,lat,lon\n";
    const sys_days first = year{2026} / January / 5;
    char at[32];
    for (long n = 0; std::uintmax_t(out.tellp()) < bytes; ++n) {
      long person = n % 200, k = n / 200;  // k-th punch of this person: day k / 4, punch k % 4
      year_month_day day{first + days(k / 4 % 725)};
      std::snprintf(at, sizeof at, "%04d-%02u-%02uT%02ld:%02ld:00+08:00", int(day.year()), unsigned(day.month()),
                    unsigned(day.day()), 8 + (k % 4) * 3, (k / 2900) % 60);
      out << 'P' << person << ',' << at << ",on_duty,镇政府,30.1,120.2\n";
    }
  }
  report("import checkins", checkins, measure(db, "checkins", checkins));
  std::filesystem::remove_all(dir);
  return 0;
}
