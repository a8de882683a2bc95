#include "util/dates.hpp"

#include <date/tz.h>

#include <charconv>

#include "util/text.hpp"
#include "util/validate.hpp"
#include "util/zone.hpp"

namespace cadre::detail {

namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

const Zone* zone(const std::string& tz) { return &Zone::find(tz); }

// The years cadre keeps: a real date outside them (9999-12-31) is out of range, not "no such date".
constexpr int kFirstYear = 1900, kLastYear = 2200;

void check_year(int y, std::string_view text, std::string_view field) {
  if (y < kFirstYear || y > kLastYear)
    fail(Errc::invalid, field, "{}: {} is out of range (years {} to {})", field, text, kFirstYear, kLastYear);
}

}  // namespace

Day parse_date(std::string_view text, std::string_view field) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, y) || !digits(text, 5, 2, m) ||
      !digits(text, 8, 2, d)) {
    check_text(text, field);  // never echo bytes that are not text
    fail(Errc::invalid, field, "{}: not a date (YYYY-MM-DD): {}", field, text);
  }
  date::year_month_day ymd{date::year{y}, date::month{unsigned(m)}, date::day{unsigned(d)}};
  if (!ymd.ok()) fail(Errc::invalid, field, "{}: no such date: {}", field, text);
  check_year(y, text, field);
  return Day(ymd);
}

std::optional<Day> parse_optional_date(const std::optional<std::string>& text, std::string_view field) {
  if (!text || text->empty()) return std::nullopt;
  return parse_date(*text, field);
}

std::string format_date(Day d) {
  date::year_month_day ymd(d);
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

Day parse_month(std::string_view text, std::string_view field) {
  int y, m;
  if (text.size() != 7 || text[4] != '-' || !digits(text, 0, 4, y) || !digits(text, 5, 2, m) || m < 1 || m > 12) {
    check_text(text, field);
    fail(Errc::invalid, field, "{}: not a month (YYYY-MM): {}", field, text);
  }
  check_year(y, text, field);
  return Day(date::year{y} / date::month{unsigned(m)} / 1);
}

std::string format_month(Day first) {
  date::year_month_day ymd(first);
  return fmt::format("{:04}-{:02}", int(ymd.year()), unsigned(ymd.month()));
}

int parse_clock(std::string_view text, std::string_view field) {
  int h, m;
  if (text.size() != 5 || text[2] != ':' || !digits(text, 0, 2, h) || !digits(text, 3, 2, m) || h > 23 || m > 59) {
    check_text(text, field);
    fail(Errc::invalid, field, "{}: not a time (HH:MM): {}", field, text);
  }
  return h * 60 + m;
}

namespace {

// Parses "YYYY-MM-DD[T ]HH:MM[:SS]" and returns the index after it; -1 when malformed. A reading
// of the right shape that names no real day or time fails with a message of its own: second 60 is
// refused like minute 60 (POSIX clocks, and so every stored instant, have no leap seconds).
long parse_local(std::string_view s, std::string_view text, std::string_view field, date::local_seconds& out) {
  int y, mo, d, h, mi, sec = 0;
  if (s.size() < 16 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' ||
      !digits(s, 0, 4, y) || !digits(s, 5, 2, mo) || !digits(s, 8, 2, d) || !digits(s, 11, 2, h) ||
      !digits(s, 14, 2, mi))
    return -1;
  size_t pos = 16;
  if (s.size() >= 19 && s[16] == ':') {
    if (!digits(s, 17, 2, sec)) return -1;
    pos = 19;
    if (pos < s.size() && s[pos] == '.') {  // fractional seconds are dropped
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
  }
  date::year_month_day ymd{date::year{y}, date::month{unsigned(mo)}, date::day{unsigned(d)}};
  if (!ymd.ok()) fail(Errc::invalid, field, "{}: no such date: {}", field, text);
  check_year(y, text, field);
  if (h > 23 || mi > 59 || sec > 59) fail(Errc::invalid, field, "{}: no such time of day: {}", field, text);
  out = date::local_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(sec);
  return long(pos);
}

// A wall-clock reading in `tz`. One that the clocks skip (02:30 when summer time begins at 02:00)
// is refused; one they pass twice (01:30 when it ends) is the first pass, the offset in force
// before the change, as java.time, Python's fold=0 and PostgreSQL do.
Instant from_local(date::local_seconds local, const std::string& tz, std::string_view text, std::string_view field) {
  auto info = zone(tz)->get_info(local);
  if (info.result == date::local_info::nonexistent)
    fail(Errc::invalid, field, "{}: {} does not exist in time zone {}: the clocks skip it when summer time begins",
         field, text, tz);
  auto offset = info.first.offset;
  Instant i;
  i.utc = date::sys_seconds{local.time_since_epoch() - offset};
  i.offset_minutes = int(std::chrono::duration_cast<std::chrono::minutes>(offset).count());
  return i;
}

}  // namespace

namespace {

// parse_when's work, keeping the wall-clock reading for the message of a reading in a gap.
When parse_when_local(std::string_view text, std::string_view field, date::local_seconds& local) {
  std::string t = trim(text);
  std::string_view s = t;
  if (s.empty()) fail(Errc::invalid, field, "{}: empty (leave the option out to mean now)", field);
  long pos = parse_local(s, text, field, local);
  if (pos < 0) {
    check_text(text, field);
    fail(Errc::invalid, field, "{}: not an instant (YYYY-MM-DDTHH:MM[:SS][+08:00]): {}", field, text);
  }
  std::string_view rest = s.substr(size_t(pos));
  if (rest.empty()) return LocalTime{std::chrono::local_seconds(local.time_since_epoch())};
  int offset = 0;
  if (rest == "Z" || rest == "z") {
    offset = 0;
  } else {
    int oh, om = 0;
    bool ok = (rest[0] == '+' || rest[0] == '-') && digits(rest, 1, 2, oh);
    if (ok && rest.size() == 6 && rest[3] == ':') ok = digits(rest, 4, 2, om);
    else if (ok && rest.size() == 5) ok = digits(rest, 3, 2, om);
    else if (ok) ok = rest.size() == 3;
    if (!ok || om > 59) {
      check_text(text, field);
      fail(Errc::invalid, field, "{}: not an instant (bad UTC offset): {}", field, text);
    }
    // Real offsets run from -12:00 to +14:00 (Kiribati); anything further is a typing error.
    if (oh * 60 + om > 14 * 60)
      fail(Errc::invalid, field, "{}: the UTC offset {} is beyond ±14:00: {}", field, rest, text);
    offset = (oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
  }
  Instant i;
  i.utc = date::sys_seconds{local.time_since_epoch() - std::chrono::minutes(offset)};
  i.offset_minutes = offset;
  return i;
}

}  // namespace

When parse_when(std::string_view text, std::string_view field) {
  date::local_seconds local;
  return parse_when_local(text, field, local);
}

Instant resolve(const When& when, const std::string& tz, std::string_view field) {
  if (const auto* i = std::get_if<Instant>(&when)) return *i;
  date::local_seconds local(std::get<LocalTime>(when).wall.time_since_epoch());
  return from_local(local, tz, date::format("%Y-%m-%dT%H:%M:%S", local), field);
}

Instant parse_instant(std::string_view text, std::string_view field, const std::string& tz) {
  date::local_seconds local;
  When w = parse_when_local(text, field, local);
  if (const auto* i = std::get_if<Instant>(&w)) return *i;
  return from_local(local, tz, text, field);  // the message echoes the text as typed
}

Instant local_to_instant(std::string_view text, std::string_view field, const std::string& tz) {
  date::local_seconds local;
  std::string t = trim(text);
  if (parse_local(t, text, field, local) != long(t.size())) {
    check_text(text, field);
    fail(Errc::invalid, field, "{}: not a local time (YYYY-MM-DD HH:MM:SS): {}", field, text);
  }
  return from_local(local, tz, text, field);
}

std::string format_instant(const Instant& i) {
  auto local = i.utc + std::chrono::minutes(i.offset_minutes);
  int off = i.offset_minutes < 0 ? -i.offset_minutes : i.offset_minutes;
  return fmt::format("{}{}{:02}:{:02}", date::format("%Y-%m-%dT%H:%M:%S", local), i.offset_minutes < 0 ? '-' : '+',
                     off / 60, off % 60);
}

Day local_day(std::chrono::sys_seconds utc, const std::string& tz) {
  auto info = zone(tz)->get_info(utc);
  return date::floor<date::days>(utc + info.offset);
}

Day today(const std::string& tz) {
  return local_day(date::floor<std::chrono::seconds>(std::chrono::system_clock::now()), tz);
}

void check_timezone(std::string_view tz, std::string_view field) {
  Zone::find(std::string(tz), field);
}

}  // namespace cadre::detail
