// Monthly work reports (工作月报: the work, insights, problems, plans) and the appraisal opinions
// (鉴定意见) of the host, the home unit and the organisation department: what the end-of-term
// summary compiles.
#include "secondment/logs.hpp"

#include "audit/audit.hpp"
#include "secondment/report_facts.hpp"
#include "secondment/secondment_internal.hpp"
#include "util/enums.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre::detail {
namespace {

inline constexpr std::string_view kOpinionBy[] = {"host", "home", "org"};
inline constexpr EnumSpec kOpinionRater{"opinion_rater", kOpinionBy, "opinions", "rater"};
[[maybe_unused]] const bool registered = register_enum(kOpinionRater);

nlohmann::json or_null(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

}  // namespace

void insert_monthly_report(Database::Impl& impl, const MonthlyReportInput& in) {
  std::int64_t sid = in.secondment_id;
  auto p = load_period(impl, sid, field("SECONDMENT_ID"));
  Day first = Date(in.month / std::chrono::day{1});
  Day last = Date(in.month / std::chrono::last);
  auto text = require_text(in.text, field("text"), TextLayout::paragraph);
  auto insights = optional_text(in.insights, field("insights"), TextLayout::paragraph);
  auto problems = optional_text(in.problems, field("problems"), TextLayout::paragraph);
  auto plans = optional_text(in.plans, field("plans"), TextLayout::paragraph);
  if (last < p.start || first > p.end())
    fail(Errc::invalid, field("month"), "{} {} is outside the secondment {} to {}", field("month"),
         format_month(first), format_date(p.start), format_date(p.end()));
  Day filed = in.filed_on ? Day(*in.filed_on) : today(timezone(impl));
  if (filed < first)
    fail(Errc::invalid, field("on"), "{} ({}) is before the month it reports on", field("on"), format_date(filed));
  std::string month = format_month(first);
  Stmt d(impl, "SELECT 1 FROM monthly_reports WHERE secondment_id = ? AND month = ?");
  d.bind(sid, month);
  if (d.step()) fail(Errc::conflict, field("month"), "secondment {} already has a report for {}", sid, month);
  Stmt q(impl,
         "INSERT INTO monthly_reports(secondment_id, month, filed_on, text, insights, problems, plans) "
         "VALUES (?,?,?,?,?,?,?)");
  q.bind(sid, month, format_date(filed), text, insights, problems, plans).exec();
  audit(impl, "add", "monthly_report", std::to_string(sid) + "/" + month, nullptr,
        {{"secondment", sid},
         {"month", month},
         {"filed_on", format_date(filed)},
         {"text", text},
         {"insights", or_null(insights)},
         {"problems", or_null(problems)},
         {"plans", or_null(plans)}});
}

std::vector<LogRow> load_logs(Database::Impl& impl, Id secondment, Date as_of) {
  Stmt q(impl,
         "SELECT month, filed_on, text, insights, problems, plans FROM monthly_reports "
         "WHERE secondment_id = ? AND filed_on <= ? ORDER BY month");
  q.bind(secondment, format_date(as_of));
  std::vector<LogRow> out;
  while (q.step()) {
    LogRow& r = out.emplace_back();
    r.month = month_of(parse_month(q.col(0).getString(), "month"));
    r.filed_on = parse_date(q.col(1).getString(), "filed_on");
    r.text = q.col(2).getString();
    r.insights = q.text_or_null(3);
    r.problems = q.text_or_null(4);
    r.plans = q.text_or_null(5);
  }
  return out;
}

std::vector<OpinionRow> load_opinions(Database::Impl& impl, Id secondment, Date as_of) {
  Stmt q(impl, "SELECT rater, text, signed_by, on_date FROM opinions WHERE secondment_id = ? AND on_date <= ?");
  q.bind(secondment, format_date(as_of));
  std::vector<OpinionRow> out;
  while (q.step())
    out.push_back({q.col(0).getString(), q.col(1).getString(), q.col(2).getString(),
                   parse_date(q.col(3).getString(), "on_date")});
  auto rank = [](const std::string& by) {
    for (size_t i = 0; i < std::size(kOpinionBy); ++i)
      if (kOpinionBy[i] == by) return i;
    return std::size(kOpinionBy);
  };
  std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return rank(a.by) < rank(b.by); });
  return out;
}

}  // namespace cadre::detail

namespace cadre {

void add_monthly_report(Database& db, const MonthlyReportInput& in) {
  detail::write(db, [&](Database::Impl& impl) { detail::insert_monthly_report(impl, in); });
}

bool add_opinion(Database& db, const OpinionInput& in) {
  return detail::write(db, [&](Database::Impl& impl) {
    using namespace detail;
    std::int64_t sid = in.secondment_id;
    auto p = load_period(impl, sid, field("SECONDMENT_ID"));
    auto by = require_enum(trim(in.by), field("by"), kOpinionRater);
    auto text = require_text(in.text, field("text"), TextLayout::paragraph);
    auto signer = require_text(in.signed_by, field("signed_by"));
    Day on = in.on ? Day(*in.on) : today(timezone(impl));
    if (on < p.start)
      fail(Errc::invalid, field("on"), "{} ({}) is before the secondment starts ({})", field("on"), format_date(on),
           format_date(p.start));
    nlohmann::json after = {
        {"secondment", sid}, {"by", by}, {"text", text}, {"signed_by", signer}, {"on", format_date(on)}};
    std::string key = std::to_string(sid) + "/" + by;
    Stmt old(impl, "SELECT text, signed_by, on_date FROM opinions WHERE secondment_id = ? AND rater = ?");
    old.bind(sid, by);
    if (old.step()) {
      nlohmann::json before = {{"secondment", sid},
                               {"by", by},
                               {"text", old.col(0).getString()},
                               {"signed_by", old.col(1).getString()},
                               {"on", old.col(2).getString()}};
      Stmt u(impl, "UPDATE opinions SET text = ?, signed_by = ?, on_date = ? WHERE secondment_id = ? AND rater = ?");
      u.bind(text, signer, format_date(on), sid, by).exec();
      audit(impl, "replace", "opinion", key, before, after);
      return true;
    }
    Stmt q(impl, "INSERT INTO opinions(secondment_id, rater, text, signed_by, on_date) VALUES (?,?,?,?,?)");
    q.bind(sid, by, text, signer, format_date(on)).exec();
    audit(impl, "add", "opinion", key, nullptr, after);
    return false;
  });
}

}  // namespace cadre
