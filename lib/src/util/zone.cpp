#include "util/zone.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>

#include "util/text.hpp"

namespace cadre::detail {

namespace {

std::int64_t be(const std::string& s, size_t pos, size_t n) {
  std::uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(s[pos + i]);
  if (n == 4) return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  return static_cast<std::int64_t>(v);
}

// A zone name as it may appear under the zoneinfo directory: no "..", no leading "/".
bool plausible_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name[0] == '/' || name.find("..") != std::string::npos) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+')) return false;
  return true;
}

struct TzifTail {
  std::string rule;                 // the POSIX TZ string of the footer
  std::int64_t last_transition = 0; // seconds since the epoch; minimum when there is none
};

// Reads the footer and the last transition of a version 2+ TZif file; nullopt when unusable.
std::optional<TzifTail> read_tzif_tail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto counts = [&](size_t at, std::int64_t c[6]) {
    if (s.size() < at + 44 || s.compare(at, 4, "TZif") != 0) return false;
    for (int i = 0; i < 6; ++i) c[i] = be(s, at + 20 + size_t(i) * 4, 4);
    return true;
  };
  std::int64_t c[6];  // isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt
  if (!counts(0, c) || s[4] < '2') return std::nullopt;
  size_t v1 = size_t(c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0]);
  size_t h2 = 44 + v1;
  if (!counts(h2, c)) return std::nullopt;
  size_t data = h2 + 44;
  size_t v2 = size_t(c[3] * 9 + c[4] * 6 + c[5] + c[2] * 12 + c[1] + c[0]);
  size_t footer = data + v2;
  if (s.size() < footer + 2 || s[footer] != '\n') return std::nullopt;
  size_t end = s.find('\n', footer + 1);
  if (end == std::string::npos || end == footer + 1) return std::nullopt;  // no rule: full database
  TzifTail t;
  t.rule = s.substr(footer + 1, end - footer - 1);
  t.last_transition = c[3] > 0 ? be(s, data + size_t(c[3] - 1) * 8, 8) : std::numeric_limits<std::int32_t>::min();
  return t;
}

// The UTC offset of a POSIX TZ rule without daylight saving ("CST-8", "<+0530>-5:30", "UTC0");
// nullopt for a rule that changes its clocks or does not parse. POSIX offsets count west: "-8" is UTC+8.
std::optional<std::chrono::seconds> constant_offset(const std::string& rule) {
  size_t i = 0;
  if (i < rule.size() && rule[i] == '<') {
    i = rule.find('>');
    if (i == std::string::npos) return std::nullopt;
    ++i;
  } else {
    while (i < rule.size() && std::isalpha(static_cast<unsigned char>(rule[i]))) ++i;
    if (i < 3) return std::nullopt;
  }
  int sign = 1;
  if (i < rule.size() && (rule[i] == '+' || rule[i] == '-')) sign = rule[i++] == '-' ? -1 : 1;
  long parts[3] = {0, 0, 0};
  for (int k = 0; k < 3; ++k) {
    size_t start = i;
    while (i < rule.size() && std::isdigit(static_cast<unsigned char>(rule[i])) && i - start < 3)
      parts[k] = parts[k] * 10 + (rule[i++] - '0');
    if (i == start) return std::nullopt;
    if (i < rule.size() && rule[i] == ':' && k < 2) {
      ++i;
      continue;
    }
    break;
  }
  if (i != rule.size() || parts[0] > 24 || parts[1] > 59 || parts[2] > 59) return std::nullopt;  // a DST part follows
  return std::chrono::seconds(-sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]));
}

std::string zoneinfo_dir() {
  const char* dir = std::getenv("TZDIR");
  return dir && *dir ? dir : "/usr/share/zoneinfo";
}

}  // namespace

Zone::Zone(std::string name) : name_(std::move(name)) {
  if (!plausible_name(name_)) {
    full();  // throws for a name the database does not know either
    return;
  }
  auto tail = read_tzif_tail(zoneinfo_dir() + "/" + name_);
  if (!tail) {
    full();
    return;
  }
  tail_offset_ = constant_offset(tail->rule);
  tail_from_ = date::sys_seconds(std::chrono::seconds(tail->last_transition));
  if (!tail_offset_) full();  // clocks still change (or the rule is unreadable): the full database answers
}

const date::time_zone* Zone::full() const {
  if (!full_) {
    try {
      full_ = date::locate_zone(name_);
    } catch (const std::exception&) {
      throw Error(Errc::invalid, msg("unknown time zone: {}", name_), "timezone");
    }
  }
  return full_;
}

const Zone& Zone::find(const std::string& name, std::string_view field) {
  static std::mutex mu;
  static std::map<std::string, Zone> zones;
  std::lock_guard<std::mutex> lock(mu);
  auto it = zones.find(name);
  if (it == zones.end()) {
    try {
      it = zones.emplace(name, Zone(name)).first;
    } catch (const Error&) {
      fail(Errc::invalid, field, "{}: unknown time zone: {}", field, name);
    }
  }
  return it->second;
}

namespace {
date::sys_info constant_info(date::sys_seconds from, std::chrono::seconds offset) {
  date::sys_info info;
  info.begin = from;  // the offset holds only since the last transition
  info.end = date::sys_seconds::max();
  info.offset = offset;
  info.save = std::chrono::minutes(0);
  return info;
}
}  // namespace

date::sys_info Zone::get_info(date::sys_seconds utc) const {
  if (tail_offset_ && utc >= tail_from_) return constant_info(tail_from_, *tail_offset_);
  return full()->get_info(utc);
}

date::local_info Zone::get_info(date::local_seconds local) const {
  // A day's margin keeps every local reading that could map before the last transition off the tail.
  if (tail_offset_ && local.time_since_epoch() >= tail_from_.time_since_epoch() + std::chrono::hours(26)) {
    date::local_info info{};  // `second` is unused for a unique result, but is copied out: zero it
    info.result = date::local_info::unique;
    info.first = constant_info(tail_from_, *tail_offset_);
    return info;
  }
  return full()->get_info(local);
}

}  // namespace cadre::detail
