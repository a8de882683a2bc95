#include "io/attlog.hpp"

#include "secondment/secondment_internal.hpp"

namespace cadre::detail {

std::vector<std::string_view> attlog_tokens(std::string_view line) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    size_t b = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > b) out.push_back(line.substr(b, i - b));
  }
  return out;
}

namespace {

bool small_int(std::string_view s, std::int64_t& v) {
  if (s.empty() || s.size() > 9) return false;
  v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  return true;
}

}  // namespace

bool parse_attlog_line(std::string_view line, AttlogPunch& out) {
  auto t = attlog_tokens(line);
  if (t.size() < 6) return false;
  std::string when = std::string(t[1]) + " " + std::string(t[2]);
  std::int64_t workcode = 0, extra = 0;
  bool ok = parse_local_time(when, out.local) && small_int(t[3], out.device) && small_int(t[4], out.status) &&
            small_int(t[5], out.verify) && (t.size() < 7 || small_int(t[6], workcode));
  for (size_t i = 7; ok && i < t.size(); ++i) ok = small_int(t[i], extra);
  if (!ok) return false;
  out.pin = std::string(t[0]);
  out.workcode = t.size() >= 7 ? std::optional<std::int64_t>(workcode) : std::nullopt;
  return true;
}

}  // namespace cadre::detail
