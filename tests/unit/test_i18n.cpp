// The Chinese catalogue: one entry per id, the words and fields of every report, messages.
#include <doctest/doctest.h>

#include <set>

#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "i18n/catalogue.hpp"
#include "util/text.hpp"

using namespace cadre;

namespace {
struct LanguageGuard {
  ~LanguageGuard() { set_language("en"); }
};
}  // namespace

TEST_CASE("catalogue: sorted, one Chinese text per id, no empty text") {
  const auto& cat = detail::catalogue_zh();
  REQUIRE(cat.size() > 300);
  for (size_t i = 1; i < cat.size(); ++i) {
    CAPTURE(cat[i].id);
    CHECK(cat[i - 1].id < cat[i].id);  // strictly: a duplicate id would be equal
  }
  for (const auto& e : cat) {
    CAPTURE(e.id);
    CHECK(!e.zh.empty());
    CHECK(e.zh != e.id);
    // A template keeps its placeholders: the Chinese text must format with the same arguments.
    CHECK(detail::split(e.id, '{').size() == detail::split(e.zh, '{').size());
  }
}

TEST_CASE("catalogue: every enum word and report field of DESIGN.md has Chinese") {
  const char* words[] = {
      // grades, statuses, reasons and alerts
      "excellent", "good", "pass", "fail", "competent", "basically_competent", "incompetent", "planned", "active",
      "terminated", "status.completed", "completed.yes", "completed.no", "leave_over_limit", "unexcused_absence",
      "below_pass_mark", "attendance_unrecorded", "withdrawn", "presence_below_minimum", "monthly_report_missing",
      "excellent_over_quota", "enrolled", "waitlisted", "present", "late", "left_early", "leave", "absent",
      "requested", "approved", "rejected", "cancelled", "host", "home", "org", "district", "city", "down", "up",
      "across", "on_duty", "meeting", "remote", "sick", "personal", "annual", "official", "online", "external",
      "leader", "general", "conduct", "competence", "diligence", "performance", "integrity",
      // report course
      "course", "code", "title", "start", "end", "total_hours", "summary", "completion_rate", "grades", "trainees",
      "staff_no", "name", "scheduled_hours", "attended_hours", "leave_hours", "absent_hours", "attendance_rate",
      "final_score", "grade", "completed", "reasons", "feedback", "responses", "relevance", "theory", "information",
      "delivery", "manner", "total",
      // report secondment / secondments
      "secondment", "id", "post", "status", "as_of", "working_days", "leave_days", "present_days", "presence_rate",
      "months", "month", "report_filed", "evaluations", "period", "rater", "score", "overall", "alerts", "message",
      "rows", "excellent_share",
      // report hours / person
      "year", "people", "tier", "centralised_hours", "online_hours", "required_hours", "window_hours",
      "online_required", "compliant", "person", "courses", "organizer", "hours", "secondments", "overall_grade",
  };
  for (const char* w : words) {
    CAPTURE(w);
    CHECK(translate(w, "zh") != std::string_view(w));
  }
  CHECK(translate("completed.yes", "zh") == "结业");
  CHECK(translate("completed.no", "zh") == "未结业");
  CHECK(translate("status.completed", "zh") == "期满");
  CHECK(translate("basically_competent", "zh") == "基本称职");
  CHECK(translate("terminated", "zh") == "提前终止");
  CHECK(translate("active", "zh") == "在岗");
  CHECK(translate("planned", "zh") == "未开始");
  CHECK(translate("fail", "zh") == "不合格");
}

TEST_CASE("messages follow the thread's language") {
  LanguageGuard guard;
  CHECK(translate("{}: required", "en") == "{}: required");
  CHECK(translate("no such template at all", "zh") == "no such template at all");
  set_language("zh");
  CHECK(detail::msg("{}: required", "--name") == "--name：必填");
  CHECK(detail::msg("{}: not a date (YYYY-MM-DD): {}", "--birth", "1990-13-01") ==
        "--birth：不是日期（YYYY-MM-DD）：1990-13-01");
  try {
    detail::fail(Errc::not_found, "--unit", "{}: unknown unit {}", "--unit", "NOPE");
    FAIL("fail() returned");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "--unit：未知单位 NOPE");
    CHECK(e.code() == Errc::not_found);
  }
  set_language("en");
  CHECK(detail::msg("{}: required", "--name") == "--name: required");
  CHECK_THROWS_AS(set_language("fr"), Error);
}

TEST_CASE("labels: Chinese from the catalogue, English from the key") {
  CHECK(label("staff_no", "zh") == "工号");
  CHECK(label("presence_rate", "zh") == "在岗率");
  CHECK(label("staff_no", "en") == "Staff no");
  CHECK(label("unknown_key", "zh") == "Unknown key");
}
