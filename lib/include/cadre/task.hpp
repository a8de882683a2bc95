// Tasks set by the host for a secondee (the remedy for "看着办"): a title, an objective, a due date,
// optionally a requirement and a mentor; progress notes; done with an outcome. A task's status is
// computed as of a day: done (completed on or before it), overdue (not done and past its due date),
// else open. Every write is one transaction and one audit entry.
#pragma once
#include <optional>
#include <string>

#include "cadre/database.hpp"
#include "cadre/model.hpp"
#include "cadre/types.hpp"

namespace cadre {

struct TaskInput {
  Id secondment_id = 0;
  std::string title, objective;
  Date due;  // within the period (start to the current planned or early end)
  std::optional<std::string> requirement, mentor;
  std::optional<Date> set_on;  // the day the host set it, within the period; default today
};
// `task add SECONDMENT_ID --title T --objective O --due DATE [--requirement R] [--mentor NAME]
// [--on DATE]`: returns the new task id. A due date or set day outside the period, or a due date
// before the set day, is Error(invalid) naming the field.
CADRE_API Id add_task(Database& db, const TaskInput& in);
// `task progress TASK_ID --on DATE --text T`: a day of the period, not before the task was set;
// a task already done is Error(conflict).
CADRE_API void add_task_progress(Database& db, Id task_id, Date on, const std::string& text);
// `task done TASK_ID --on DATE [--outcome T]`: a second time is Error(conflict).
CADRE_API void complete_task(Database& db, Id task_id, Date on, const std::optional<std::string>& outcome);

struct TaskFilter {
  std::optional<Id> secondment;
  std::optional<Date> overdue_on;  // only tasks overdue on that day; statuses as of it
};
// `task list [--secondment ID] [--overdue-on DATE]`: statuses as of overdue_on, else today.
CADRE_API Report list_tasks(Database& db, const TaskFilter& filter);

}  // namespace cadre
