// Internal: one IANA time zone, read cheaply.
//
// date's OS tz database lists every zone of /usr/share/zoneinfo when first asked for any of them:
// ~700 stat calls, about 3 ms, paid by every command that judges a local day. A Zone reads only its
// own TZif file: when the rule in the file's footer is a constant offset (Asia/Shanghai "CST-8", no
// change since 1991), every instant after the file's last transition has that offset. Earlier
// instants, zones that still change their clocks, and unreadable files go to the full database,
// loaded only then. (date's ptz.h would read DST rules too, but does not compile as C++20.)
#pragma once
#include <date/tz.h>

#include <chrono>

#include <optional>
#include <string>

namespace cadre::detail {

class Zone {
 public:
  // The zone named `name` (cached for the process); Error(invalid) naming `field` when unknown.
  static const Zone& find(const std::string& name, std::string_view field = "timezone");

  date::sys_info get_info(date::sys_seconds utc) const;
  date::local_info get_info(date::local_seconds local) const;
  const std::string& name() const { return name_; }

 private:
  explicit Zone(std::string name);
  const date::time_zone* full() const;

  std::string name_;
  std::optional<std::chrono::seconds> tail_offset_;  // the footer's constant offset, from tail_from_ on
  date::sys_seconds tail_from_{};
  mutable const date::time_zone* full_ = nullptr;
};

}  // namespace cadre::detail
