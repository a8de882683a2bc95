// Secondment: periods, check-ins, leave, monthly reports, evaluations. Each function is one
// capi::call around the C++ API of cadre/secondment.hpp: ids and numbers pass straight through,
// dates and instants given as text go through the text layer (cadre/parse.hpp) named as the C
// parameter or member, so the rules and messages are the CLI's with the C spelling of fields.
#include <cstddef>
#include <iterator>
#include <vector>

#include "cadre/parse.hpp"
#include "cadre/secondment.hpp"
#include "capi/capi.hpp"
#include "util/text.hpp"

using namespace cadre;

namespace {

// A required date parameter: NULL and malformed text are refused naming `name`.
Date date_arg(const char* text, const char* name) { return parse_date(capi::need(text, name), name); }

// Sizes of cadre_checkin_options by version: the stride of a batch array and how much to copy.
// When a version 2 appends fields, keep here the sizeof of the version-1 struct as it was.
constexpr std::size_t kCheckinSizes[] = {sizeof(cadre_checkin_options)};

}  // namespace

// A check-in as the C caller gave it (capi_presence.cpp adds a make-up's reason and approver).
CheckinInput capi::checkin_input(const cadre_checkin_options* given) {
  cadre_checkin_options o = CADRE_CHECKIN_OPTIONS_INIT;
  o = capi::options(given, o, {kCheckinSizes[0]}, "cadre_checkin_options");
  CheckinInput in;
  in.staff_no = capi::need(o.staff_no, "staff_no");
  if (o.at) in.at = parse_when(o.at, "at");
  in.kind = capi::opt(o.kind);
  in.place = capi::opt(o.place);
  if (o.has_position) {
    in.lat = o.lat;
    in.lon = o.lon;
  }
  in.source = "api";
  return in;
}

namespace {

// The secondment of `secondment add`'s struct, then its named fields (cadre_secondment_add_fields).
std::int64_t add(int64_t* out_id, cadre_db* db, const cadre_secondment_options* given, const cadre_field* fields,
                 std::size_t count) {
  auto& result = capi::need_out(out_id, "out_id");
  Database& database = capi::handle(db);
  if (!given) detail::fail(Errc::invalid, "opts", "opts: NULL where the secondment is required");
  cadre_secondment_options o = CADRE_SECONDMENT_OPTIONS_INIT;
  o = capi::options(given, o, {sizeof(cadre_secondment_options)}, "cadre_secondment_options");
  SecondmentInput in;
  in.staff_no = capi::need(o.staff_no, "staff_no");
  in.home_unit = capi::need(o.from, "from");
  in.host_unit = capi::need(o.to, "to");
  in.post = capi::need(o.post, "post");
  in.start = date_arg(o.start, "start");
  in.end = date_arg(o.end, "end");
  in.batch = capi::opt(o.batch);
  in.direction = capi::opt(o.direction);
  if (count > 0 && !fields) detail::fail(Errc::invalid, "fields", "fields: NULL with count {}", count);
  for (std::size_t i = 0; i < count; ++i)
    if (fields[i].value) set_secondment_field(in, capi::need(fields[i].name, "name"), fields[i].value);
  return result = add_secondment(database, in);
}

}  // namespace

int cadre_secondment_add(int64_t* out_id, cadre_db* db, const cadre_secondment_options* given) {
  return capi::call([&] { add(out_id, db, given, nullptr, 0); });
}

int cadre_secondment_add_fields(int64_t* out_id, cadre_db* db, const cadre_secondment_options* opts,
                                const cadre_field* fields, size_t count) {
  return capi::call([&] { add(out_id, db, opts, fields, count); });
}

int cadre_secondment_extend(cadre_db* db, int64_t secondment_id, const char* until, const char* reason) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    Date day = date_arg(until, "until");
    extend_secondment(database, secondment_id, day, capi::need(reason, "reason"));
  });
}

int cadre_secondment_end(cadre_db* db, int64_t secondment_id, const char* on, const char* reason,
                         const char* decided_by) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    Date day = date_arg(on, "on");
    end_secondment(database, secondment_id, day, capi::need(reason, "reason"), capi::opt(decided_by));
  });
}

int cadre_checkin(int* out_duplicate, int64_t* out_secondment_id, cadre_db* db, const cadre_checkin_options* opts) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    if (!opts) detail::fail(Errc::invalid, "opts", "opts: NULL where the check-in is required");
    auto r = checkin(database, capi::checkin_input(opts));
    if (out_duplicate) *out_duplicate = r.duplicate ? 1 : 0;
    if (out_secondment_id) *out_secondment_id = r.secondment_id;
  });
}

int cadre_checkin_batch(int64_t* out_written, int64_t* out_duplicates, cadre_db* db, const cadre_checkin_options* items,
                        size_t count) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    if (count == 0) {  // nothing to record, nothing to audit
      if (out_written) *out_written = 0;
      if (out_duplicates) *out_duplicates = 0;
      return;
    }
    if (!items) detail::fail(Errc::invalid, "items", "items: NULL with count {}", count);
    // The caller's array steps by the size of the struct of its cadre.h, which its version tells.
    unsigned int version = items[0].version;
    if (version < 1 || version > std::size(kCheckinSizes))
      detail::fail(Errc::invalid, "cadre_checkin_options",
                   "cadre_checkin_options: unsupported version {} (use the _INIT macro of this cadre.h)", version);
    const std::size_t stride = kCheckinSizes[version - 1];
    const auto* base = reinterpret_cast<const unsigned char*>(items);
    std::vector<CheckinInput> inputs;
    inputs.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      const auto* item = reinterpret_cast<const cadre_checkin_options*>(base + i * stride);
      if (item->version != version)
        detail::fail(Errc::invalid, "items", "checkins:{}: cadre_checkin_options version {} differs from item 1's ({})",
                     i + 1, item->version, version);
      try {
        inputs.push_back(capi::checkin_input(item));
      } catch (const Error& e) {  // a NULL staff_no: say which item, as the library does for its rules
        throw Error(e.code(), "checkins:" + std::to_string(i + 1) + ": " + e.what(), e.field());
      }
    }
    auto r = checkin_batch(database, inputs);
    if (out_written) *out_written = r.written;
    if (out_duplicates) *out_duplicates = r.duplicates;
  });
}

int cadre_leave_request(int64_t* out_id, cadre_db* db, int64_t secondment_id, const char* from, const char* to,
                        const char* kind, const char* reason) {
  return capi::call([&] {
    auto& result = capi::need_out(out_id, "out_id");
    Database& database = capi::handle(db);
    LeaveInput in;
    in.secondment_id = secondment_id;
    in.from = date_arg(from, "from");
    in.to = date_arg(to, "to");
    in.kind = capi::need(kind, "kind");
    in.reason = capi::opt(reason);
    result = request_leave(database, in);
  });
}

int cadre_leave_approve(cadre_db* db, int64_t leave_id, const char* by, const char* level) {
  return capi::call(
      [&] { approve_leave(capi::handle(db), leave_id, capi::need(by, "by"), capi::need(level, "level")); });
}

int cadre_leave_reject(cadre_db* db, int64_t leave_id, const char* by, const char* reason) {
  return capi::call([&] { reject_leave(capi::handle(db), leave_id, capi::need(by, "by"), capi::opt(reason)); });
}

int cadre_leave_cancel(cadre_db* db, int64_t leave_id) {
  return capi::call([&] { cancel_leave(capi::handle(db), leave_id); });
}

int cadre_leave_return(cadre_db* db, int64_t leave_id, const char* on) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    return_from_leave(database, leave_id, date_arg(on, "on"));
  });
}

int cadre_log_add(cadre_db* db, int64_t secondment_id, const char* month, const char* text, const char* filed_on) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    MonthlyReportInput in;
    in.secondment_id = secondment_id;
    in.month = parse_month(capi::need(month, "month"), "month");
    in.text = capi::need(text, "text");
    in.filed_on = parse_optional_date(capi::opt(filed_on), "filed_on");
    add_monthly_report(database, in);
  });
}

int cadre_log_add_sections(cadre_db* db, int64_t secondment_id, const char* month, const char* text,
                           const cadre_log_options* given) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    cadre_log_options o = CADRE_LOG_OPTIONS_INIT;
    o = capi::options(given, o, {sizeof(cadre_log_options)}, "cadre_log_options");
    MonthlyReportInput in;
    in.secondment_id = secondment_id;
    in.month = parse_month(capi::need(month, "month"), "month");
    in.text = capi::need(text, "text");
    in.insights = capi::opt(o.insights);
    in.problems = capi::opt(o.problems);
    in.plans = capi::opt(o.plans);
    in.filed_on = parse_optional_date(capi::opt(o.filed_on), "filed_on");
    add_monthly_report(database, in);
  });
}

int cadre_opinion_add(int* out_replaced, cadre_db* db, int64_t secondment_id, const char* by, const char* text,
                      const char* signed_by, const char* on) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    OpinionInput in;
    in.secondment_id = secondment_id;
    in.by = capi::need(by, "by");
    in.text = capi::need(text, "text");
    in.signed_by = capi::need(signed_by, "signed_by");
    in.on = parse_optional_date(capi::opt(on), "on");
    bool replaced = add_opinion(database, in);
    if (out_replaced) *out_replaced = replaced ? 1 : 0;
  });
}

int cadre_evaluate(cadre_db* db, int64_t secondment_id, const cadre_evaluation_options* given) {
  return capi::call([&] {
    Database& database = capi::handle(db);
    if (!given) detail::fail(Errc::invalid, "opts", "opts: NULL where the evaluation is required");
    cadre_evaluation_options o = CADRE_EVALUATION_OPTIONS_INIT;
    o = capi::options(given, o, {sizeof(cadre_evaluation_options)}, "cadre_evaluation_options");
    EvaluationInput in{secondment_id,
                       capi::need(o.period, "period"),
                       capi::need(o.rater, "rater"),
                       o.conduct,
                       o.competence,
                       o.diligence,
                       o.performance,
                       o.integrity,
                       capi::opt(o.grade),
                       capi::opt(o.comment)};
    evaluate(database, in);
  });
}
