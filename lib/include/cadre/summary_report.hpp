// The typed result of `report summary ID`: the end-of-term summary and appraisal form
// (干部挂职锻炼总结鉴定表) of one secondment. It holds the secondment report's result (attendance,
// trips, leave, spot checks, evaluations with the overall grade, alerts: computed once, there) and
// what the form adds: the person, the monthly reports compiled into the personal summary, the
// tasks with objectives, outcomes and progress, and the three appraisal opinions.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/secondment_report.hpp"
#include "cadre/types.hpp"

namespace cadre {

struct SummaryPerson {
  std::string staff_no, name;
  std::optional<std::string> gender;  // m | f
  std::optional<Date> birth;
  std::string unit, unit_name;  // the person's own unit
  std::optional<std::string> rank, title;
};

// One monthly work report, filed by the summary's date.
struct SummaryWork {
  Month month{};
  std::string text;
  std::optional<std::string> insights, problems, plans;
  Date filed_on{};
};

struct SummaryTaskProgress {
  Date on{};
  std::string text;
};

struct SummaryTask {
  Id id = 0;
  std::string title, objective;
  std::optional<std::string> requirement, mentor, outcome;
  Date due{};
  std::string status;  // open | done | overdue, as of the summary's date
  std::optional<Date> done_on;
  std::vector<SummaryTaskProgress> progress;  // by day, up to the summary's date
};

// An appraisal opinion (鉴定意见) given by the summary's date.
struct SummaryOpinion {
  std::string by;  // host | home | org
  std::string text, signed_by;
  Date on{};
};

struct EndOfTermSummary {
  SecondmentSummary report;  // `report secondment`'s typed result, as of the same day
  SummaryPerson person;
  std::vector<SummaryWork> work;        // by month
  std::vector<SummaryTask> tasks;       // by due date
  std::vector<SummaryOpinion> opinions;  // host, home, org (those given)
  // The personal summary compiled from the monthly reports, in month order: 主要工作 the texts,
  // 心得体会 the insights, 存在不足 the problems; 下一步打算 the latest plans given.
  std::vector<std::pair<Month, std::string>> compiled_work, compiled_insights, compiled_problems;
  std::optional<std::pair<Month, std::string>> latest_plans;
};

// `report summary ID [--as-of D]` as values; as_of: default today in the database's time zone.
// Error(invalid) for an id below 1, Error(not_found) for an unknown one.
CADRE_API EndOfTermSummary end_of_term_summary(Database& db, Id id, std::optional<Date> as_of);
// The report model (JSON fields in DESIGN.md; Report::form: the paper form for html and docx).
CADRE_API Report to_model(const EndOfTermSummary& summary);
CADRE_API Report report_summary(Database& db, Id id, std::optional<Date> as_of);
// The secondments of a batch (`report summary --batch B`), by staff number and id, with each
// secondee's staff number; Error(not_found) for a batch without any.
CADRE_API std::vector<std::pair<Id, std::string>> batch_secondments(Database& db, const std::string& batch);

}  // namespace cadre
