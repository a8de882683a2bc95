// task add | progress | done | list: tasks set by the host for a secondee (cadre/task.hpp).
#include "cadre/parse.hpp"
#include "cadre/task.hpp"
#include "context.hpp"

namespace cadre::cli {

int cmd_task(Context& ctx, const Args& args) {
  const std::string usage =
      "usage: cadre task add SECONDMENT_ID --title T --objective O --due DATE [--requirement R]\n"
      "                      [--mentor NAME] [--on DATE]   " +
      tr("(prints the new id)") +
      "\n"
      "       cadre task progress TASK_ID --on DATE --text T\n"
      "       cadre task done TASK_ID --on DATE [--outcome T]\n"
      "       cadre task list [--secondment ID] [--overdue-on DATE]\n" +
      tr("--on of task add: the day the host set the task (default today). Dates lie within the period;\n"
         "a task not done by its due date is overdue from the day after.\n");
  if (help_requested(args, usage, ctx)) return 0;
  const std::string& verb = args[0];
  if (verb == "add") {
    auto vm = parse(rest(args), string_options({"title", "objective", "due", "requirement", "mentor", "on"}),
                    {"SECONDMENT_ID"});
    TaskInput in;
    in.secondment_id = parse_id(req(vm, "SECONDMENT_ID"), "SECONDMENT_ID");
    in.title = req(vm, "title");
    in.objective = req(vm, "objective");
    in.due = parse_date(req(vm, "due"), "due");
    in.requirement = opt(vm, "requirement");
    in.mentor = opt(vm, "mentor");
    in.set_on = parse_optional_date(opt(vm, "on"), "on");
    auto id = add_task(ctx.db(), in);
    Node extra = Node::object();
    extra.set("id", Node::integer(id));
    if (ctx.render.format == "json")
      ctx.done(tr("task {} added", id), extra);
    else
      *ctx.out << id << "\n";
    return 0;
  }
  if (verb == "progress") {
    auto vm = parse(rest(args), string_options({"on", "text"}), {"TASK_ID"});
    add_task_progress(ctx.db(), parse_id(req(vm, "TASK_ID"), "TASK_ID"), parse_date(req(vm, "on"), "on"),
                      req(vm, "text"));
    ctx.done(tr("progress of task {} recorded on {}", req(vm, "TASK_ID"), req(vm, "on")));
    return 0;
  }
  if (verb == "done") {
    auto vm = parse(rest(args), string_options({"on", "outcome"}), {"TASK_ID"});
    complete_task(ctx.db(), parse_id(req(vm, "TASK_ID"), "TASK_ID"), parse_date(req(vm, "on"), "on"),
                  opt(vm, "outcome"));
    ctx.done(tr("task {} done on {}", req(vm, "TASK_ID"), req(vm, "on")));
    return 0;
  }
  if (verb == "list") {
    auto vm = parse(rest(args), string_options({"secondment", "overdue-on"}), {});
    TaskFilter filter;
    if (auto s = opt(vm, "secondment")) filter.secondment = parse_id(*s, "secondment");
    filter.overdue_on = parse_optional_date(opt(vm, "overdue-on"), "overdue-on");
    ctx.emit(list_tasks(ctx.db(), filter));
    return 0;
  }
  unknown_verb("task", verb);
}

}  // namespace cadre::cli
