// import secondments | leave | evaluations | assessments | feedback | hours: a row per record with
// the columns of `secondment add`, `leave request` (and `leave approve`), `evaluate`, `assess`,
// `feedback` and `hours add`, each written through the function behind that command, so the rules
// are the command's own; all or nothing, every bad row named by its line.
#include "cadre/parse.hpp"
#include "io/importers.hpp"
#include "secondment/secondment_internal.hpp"
#include "training/training_internal.hpp"
#include "util/text.hpp"

namespace cadre::detail {

std::string secondment_column(std::string_view field_id) {
  std::string c(field_id);
  for (auto& ch : c) {
    if (ch >= 'A' && ch <= 'Z') ch = char(ch - 'A' + 'a');
    if (ch == '-') ch = '_';
  }
  return c;
}

ImportResult import_secondments(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "secondments", [&](const CsvRecord& rec) {
    SecondmentInput in;
    for (const auto& f : secondment_input_fields()) {
      std::string column = secondment_column(f.id);
      if (auto text = f.required ? std::optional(rec.require(column)) : rec.get(column))
        set_secondment_field(in, f.id, *text);
    }
    insert_secondment(impl, in);
  });
}

// A leave as `leave request` takes it; with approved_by and level it is approved in the same row
// (`leave approve`, whose level rule applies).
ImportResult import_leave(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "leave", [&](const CsvRecord& rec) {
    LeaveInput in;
    in.secondment_id = cadre::parse_id(rec.require("secondment_id"), "SECONDMENT_ID");
    in.from = cadre::parse_date(rec.require("from"), "from");
    in.to = cadre::parse_date(rec.require("to"), "to");
    in.kind = rec.require("kind");
    in.reason = rec.get("reason");
    auto by = rec.get("approved_by"), level = rec.get("level");
    if (by.has_value() != level.has_value()) {
      const char* missing = by ? "level" : "approved_by";
      fail(Errc::invalid, field(missing), "{}: required with {}", field(missing), field(by ? "approved_by" : "level"));
    }
    Id id = insert_leave(impl, in);
    if (by) approve_leave_row(impl, id, *by, *level);
  });
}

ImportResult import_evaluations(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "evaluations", [&](const CsvRecord& rec) {
    auto score = [&](const char* name) { return cadre::parse_number(rec.require(name), name, kScore.min, kScore.max); };
    EvaluationInput in;
    in.secondment_id = cadre::parse_id(rec.require("secondment_id"), "SECONDMENT_ID");
    in.period = rec.require("period");
    in.rater = rec.require("rater");
    in.conduct = score("conduct");
    in.competence = score("competence");
    in.diligence = score("diligence");
    in.performance = score("performance");
    in.integrity = score("integrity");
    in.grade = rec.get("grade");
    in.comment = rec.get("comment");
    insert_evaluation(impl, in);
  });
}

ImportResult import_assessments(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "assessments", [&](const CsvRecord& rec) {
    AssessmentInput a{rec.require("course"), rec.require("staff_no"), rec.require("component"), 0};
    a.score = cadre::parse_number(rec.require("score"), "score", 0, kMaxScore);
    insert_assessment(impl, a);
  });
}

ImportResult import_feedback(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "feedback", [&](const CsvRecord& rec) {
    auto item = [&](const char* name) {
      return int(cadre::parse_integer(rec.require(name), name, 0, kMaxFeedbackScore));
    };
    FeedbackInput f;
    f.course = rec.require("course");
    f.session_no = int(cadre::parse_integer(rec.require("session_no"), "session_no", 1, kMaxSessionNo));
    f.by = rec.require("by");
    f.relevance = item("relevance");
    f.theory = item("theory");
    f.information = item("information");
    f.delivery = item("delivery");
    f.manner = item("manner");
    insert_feedback(impl, f);
  });
}

ImportResult import_hours(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "hours", [&](const CsvRecord& rec) {
    HoursInput h;
    h.staff_no = rec.require("staff_no");
    h.date = cadre::parse_date(rec.require("date"), "date");
    h.hours = cadre::parse_hours(rec.require("hours"), "hours", kMaxRecordHours);
    h.kind = rec.require("kind");
    h.title = rec.get("title");
    insert_hours(impl, h);
  });
}

}  // namespace cadre::detail
