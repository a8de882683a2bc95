// Internal: tasks as stored and the rules that read them (status as of a day, the task_overdue
// flag), the term rule (term_outside_rule) and the host rule (host_over_limit), for the secondment
// reports and the importer.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cadre/secondment_report.hpp"
#include "cadre/task.hpp"
#include "secondment/secondment_internal.hpp"
#include "store/store.hpp"

namespace cadre::detail {

struct TaskRow {
  Id id = 0, secondment_id = 0;
  std::string title, objective;
  std::optional<std::string> requirement, mentor, outcome;
  Day set_on, due;
  std::optional<Day> done_on;
};

// done: completed on or before as_of; overdue: not done and as_of after the due date; else open.
std::string task_status(const TaskRow& t, Day as_of);
// Done after its due date (said in the rows beside status done).
bool done_late(const TaskRow& t);
// The tasks of one secondment (or all, without one), by secondment, due date and id.
std::vector<TaskRow> load_tasks(Database::Impl& impl, std::optional<Id> secondment);
// Inserts a task after checking it against its period (the importer calls it inside its transaction).
Id insert_task(Database::Impl& impl, const TaskInput& in);

// The typed tasks of a summary and their counts.
void read_tasks(SecondmentSummary& out, const std::vector<TaskRow>& tasks);
// task_overdue for each task overdue as of the day; term_outside_rule for a planned term (with
// extensions) shorter than 1 year or longer than 3.
std::vector<SecondmentFlag> task_flags(const std::vector<TaskRow>& tasks, Day as_of);
std::optional<SecondmentFlag> term_flag(const Period& p);
// The message of a flag raised here; nothing for a code of another rule.
std::optional<std::string> workflow_message(const SecondmentFlag& flag, const std::string& name);

// host_over_limit: hosts of `hosts` with more than setting max_secondees_per_host periods active on
// the day (counted over every secondment at the host), as alert objects.
void add_host_alerts(Database::Impl& impl, Node& alerts, const std::vector<std::string>& hosts, Day as_of);

}  // namespace cadre::detail
