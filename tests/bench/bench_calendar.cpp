// Working days for many periods: WorkCalendar::working_days (weekday arithmetic + binary search
// over the overrides) against a day-by-day count with is_working_day, in the same run.
//   bench_calendar [PERIODS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "cadre/calendar.hpp"
#include "cadre/database.hpp"

int main(int argc, char** argv) {
  const int periods = argc > 1 ? std::atoi(argv[1]) : 10000;
  auto path = std::filesystem::temp_directory_path() / "cadre-bench-calendar.db";
  std::filesystem::remove(path);
  cadre::Database db(path.string());
  auto cal = cadre::WorkCalendar::load(db);
  using std::chrono::sys_days;
  std::mt19937 rng(1);
  const sys_days base = std::chrono::year{2025} / 1 / 1;
  std::vector<std::pair<sys_days, sys_days>> spans;
  for (int i = 0; i < periods; ++i) {
    sys_days a = base + std::chrono::days(rng() % 500);
    spans.emplace_back(a, a + std::chrono::days(30 + rng() % 700));  // 1 month to 2 years
  }
  auto time = [](auto&& f) {
    auto t0 = std::chrono::steady_clock::now();
    long long sum = f();
    return std::pair(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), sum);
  };
  auto [fast, a] = time([&] {
    long long s = 0;
    for (auto& [from, to] : spans) s += cal.working_days(from, to);
    return s;
  });
  auto [slow, b] = time([&] {
    long long s = 0;
    for (auto& [from, to] : spans)
      for (auto d = from; d <= to; d += std::chrono::days(1)) s += cal.is_working_day(d);
    return s;
  });
  std::printf("working_days for %d periods: %.3f ms (%.2f us each); day-by-day baseline %.3f ms; %.0fx faster%s\n",
              periods, fast * 1e3, fast * 1e6 / periods, slow * 1e3, slow / fast, a == b ? "" : " (MISMATCH)");
  std::filesystem::remove(path);
  return a == b ? 0 : 1;
}
