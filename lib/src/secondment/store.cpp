#include "secondment/store.hpp"

#include "util/dates.hpp"

namespace cadre::detail {

SecondmentRow secondment_row(Stmt& q) {
  SecondmentRow s;
  s.p.id = q.col(0).getInt64();
  s.p.person_id = q.col(1).getInt64();
  s.p.start = parse_date(q.col(2).getString(), "start_date");
  s.p.planned_end = parse_date(q.col(3).getString(), "planned_end");
  if (!q.col(4).isNull()) s.p.actual_end = parse_date(q.col(4).getString(), "actual_end");
  s.original_end = parse_date(q.col(5).getString(), "original_end");
  s.staff_no = q.col(6).getString();
  s.name = q.col(7).getString();
  s.home = q.col(8).getString();
  s.home_name = q.col(9).getString();
  s.host = q.col(10).getString();
  s.host_name = q.col(11).getString();
  s.post = q.col(12).getString();
  s.direction = q.col(13).getString();
  s.batch = q.text_or_null(14);
  s.end_reason = q.text_or_null(15);
  s.decided_by = q.text_or_null(16);
  return s;
}

std::optional<SecondmentRow> load_secondment(Database::Impl& impl, Id id) {
  Stmt q(impl, SECONDMENT_ROW_SELECT "WHERE s.id = ?");
  q.bind(id);
  if (!q.step()) return std::nullopt;
  return secondment_row(q);
}

nlohmann::json secondment_json(const SecondmentRow& s) {
  auto opt = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"id", s.p.id},
          {"staff_no", s.staff_no},
          {"home", s.home},
          {"host", s.host},
          {"post", s.post},
          {"direction", s.direction},
          {"batch", opt(s.batch)},
          {"start", format_date(s.p.start)},
          {"end", format_date(s.p.planned_end)},
          {"actual_end", s.p.actual_end ? nlohmann::json(format_date(*s.p.actual_end)) : nlohmann::json(nullptr)},
          {"end_reason", opt(s.end_reason)},
          {"decided_by", opt(s.decided_by)}};
}

}  // namespace cadre::detail
