// export ics: the course timetable as RFC 5545 text, times in UTC (no VTIMEZONE needed).
#include <chrono>

#include "cadre/training.hpp"
#include "training/training_internal.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"

namespace cadre {

namespace detail {

// TEXT value escaping (RFC 5545 3.3.11).
std::string ics_escape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' || c == ';' || c == ',') {
      out += '\\';
      out += c;
    } else if (c == '\r') {
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
      out += "\\n";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

// One content line folded at 75 octets (continuations start with a space), never inside a UTF-8
// sequence, ended by CRLF.
std::string ics_line(std::string_view line) {
  std::string out;
  size_t limit = 75, used = 0;
  for (size_t i = 0; i < line.size();) {
    size_t len = 1;
    unsigned char c = static_cast<unsigned char>(line[i]);
    if (c >= 0xF0)
      len = 4;
    else if (c >= 0xE0)
      len = 3;
    else if (c >= 0xC0)
      len = 2;
    if (used + len > limit) {
      out += "\r\n ";
      used = 1;
    }
    out.append(line.substr(i, len));
    used += len;
    i += len;
  }
  out += "\r\n";
  return out;
}

}  // namespace detail

std::string export_ics(Database& db, const std::string& code) {
  return detail::read(db, [&](Database::Impl& impl) {
    auto c = detail::load_course(impl, code, detail::field("COURSE"));
    const std::string& tz = detail::timezone(impl);
    auto utc = [&](const std::string& day, const std::string& clock) {
      auto i = detail::local_to_instant(day + " " + clock + ":00", "session", tz);
      return date::format("%Y%m%dT%H%M%SZ", i.utc);
    };
    std::string stamp =
        date::format("%Y%m%dT%H%M%SZ", date::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    std::string out;
    auto line = [&](const std::string& l) { out += detail::ics_line(l); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//cadre//training timetable//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:" + detail::ics_escape(c.title));
    detail::Stmt q(impl,
                   "SELECT no, date, start_time, end_time, title, instructor, hours FROM sessions "
                   "WHERE course_id = ? ORDER BY no");
    q.bind(c.id);
    while (q.step()) {
      std::string no = q.col(0).getString();
      std::string day = q.col(1).getString();
      line("BEGIN:VEVENT");
      // Stable per course and session, so a subscribed calendar updates events instead of duplicating them.
      line("UID:" + detail::ics_escape(c.code) + "-" + no + "@cadre");
      line("DTSTAMP:" + stamp);
      line("DTSTART:" + utc(day, q.col(2).getString()));
      line("DTEND:" + utc(day, q.col(3).getString()));
      line("SUMMARY:" + detail::ics_escape(q.col(4).getString()));
      line("LOCATION:" + detail::ics_escape(c.organizer_name));
      std::string desc = detail::msg("{} session {}, {:g} hours", c.title, no, q.col(6).getDouble());
      if (!q.col(5).isNull()) desc.append("\n").append(detail::msg("Instructor: {}", q.col(5).getString()));
      line("DESCRIPTION:" + detail::ics_escape(desc));
      line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
  });
}

}  // namespace cadre
