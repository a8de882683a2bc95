// Tasks set by the host (cadre/task.hpp) from C: one capi::call each, dates through the text layer
// named as the C member or parameter.
#include "cadre/parse.hpp"
#include "cadre/task.hpp"
#include "capi/capi.hpp"

using namespace cadre;

int cadre_task_add(int64_t* out_id, cadre_db* db, int64_t secondment_id, const cadre_task_options* given) {
  return capi::call([&] {
    auto& result = capi::need_out(out_id, "out_id");
    Database& database = capi::handle(db);
    if (!given) detail::fail(Errc::invalid, "opts", "opts: NULL where the task is required");
    cadre_task_options o = CADRE_TASK_OPTIONS_INIT;
    o = capi::options(given, o, {sizeof(cadre_task_options)}, "cadre_task_options");
    TaskInput in;
    in.secondment_id = secondment_id;
    in.title = capi::need(o.title, "title");
    in.objective = capi::need(o.objective, "objective");
    in.due = parse_date(capi::need(o.due, "due"), "due");
    in.requirement = capi::opt(o.requirement);
    in.mentor = capi::opt(o.mentor);
    if (o.set_on) in.set_on = parse_date(o.set_on, "set_on");
    result = add_task(database, in);
  });
}

int cadre_task_progress(cadre_db* db, int64_t task_id, const char* on, const char* text) {
  return capi::call([&] {
    add_task_progress(capi::handle(db), task_id, parse_date(capi::need(on, "on"), "on"), capi::need(text, "text"));
  });
}

int cadre_task_done(cadre_db* db, int64_t task_id, const char* on, const char* outcome) {
  return capi::call(
      [&] { complete_task(capi::handle(db), task_id, parse_date(capi::need(on, "on"), "on"), capi::opt(outcome)); });
}
