// `import tasks FILE`: the host's task list, a row per task with the columns of `task add`
// (secondment, title, objective, due, requirement, mentor, on); all or nothing, every bad row named
// by its line.
#include "cadre/parse.hpp"
#include "io/importers.hpp"
#include "secondment/tasks.hpp"

namespace cadre::detail {

ImportResult import_tasks(Database::Impl& impl, RowSource& file, const ImportOptions&) {
  return import_each(impl, file, "tasks", [&](const CsvRecord& rec) {
    TaskInput in;
    in.secondment_id = cadre::parse_id(rec.require("secondment"), "secondment");
    in.title = rec.get("title").value_or("");
    in.objective = rec.get("objective").value_or("");
    in.due = cadre::parse_date(rec.require("due"), "due");
    in.requirement = rec.get("requirement");
    in.mentor = rec.get("mentor");
    if (auto on = rec.get("on")) in.set_on = cadre::parse_date(*on, "on");
    insert_task(impl, in);
  });
}

}  // namespace cadre::detail
