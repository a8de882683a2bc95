// The quick zone (TZif footer rule after the last transition, full database before) must agree
// with date's full tz database everywhere cadre looks.
#include <doctest/doctest.h>
#include <date/tz.h>

#include <random>

#include "cadre/error.hpp"
#include "util/zone.hpp"

using namespace cadre;

TEST_CASE("Zone agrees with the full tz database, before and after the last transition") {
  const char* names[] = {"Asia/Shanghai", "Asia/Urumqi",      "Asia/Hong_Kong", "Asia/Kolkata", "America/New_York",
                         "Europe/Berlin", "Australia/Sydney", "America/Sao_Paulo", "Pacific/Chatham", "UTC",
                         "Etc/GMT-8",     "Asia/Tehran"};
  std::mt19937_64 rng(42);
  for (const char* name : names) {
    CAPTURE(name);
    const auto& z = detail::Zone::find(name);
    const auto* full = date::locate_zone(name);
    // Instants from 1980 to 2040: Shanghai's summer time of 1986-1991 goes to the full database.
    for (int i = 0; i < 3000; ++i) {
      date::sys_seconds t{std::chrono::seconds(315532800 + std::int64_t(rng() % 1893456000ULL))};
      CHECK(z.get_info(t).offset == full->get_info(t).offset);
      date::local_seconds l{t.time_since_epoch()};
      auto a = z.get_info(l), b = full->get_info(l);
      CHECK(a.result == b.result);
      CHECK(a.first.offset == b.first.offset);
    }
  }
}

TEST_CASE("Zone refuses unknown names and paths") {
  CHECK_THROWS_AS(detail::Zone::find("Mars/Olympus"), Error);
  CHECK_THROWS_AS(detail::Zone::find("../../etc/passwd"), Error);
  CHECK_THROWS_AS(detail::Zone::find(""), Error);
  try {
    detail::Zone::find("Nowhere/Land", "--tz");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid);
    CHECK(e.field() == "--tz");
  }
}
