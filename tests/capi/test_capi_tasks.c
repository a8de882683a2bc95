/* Tasks set by the host from C (cadre_task_add, cadre_task_progress, cadre_task_done) and their
 * counts in the secondment figures (tasks_open, tasks_overdue): each call, each refusal with its
 * code and the field it names, nothing written on failure. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_test_support.h"

static int64_t sid;

static cadre_task_options task(const char *title, const char *due) {
  cadre_task_options o = CADRE_TASK_OPTIONS_INIT;
  o.title = title;
  o.objective = "引进项目 2 个";
  o.due = due;
  o.set_on = "2026-03-02";
  return o;
}

static void summary(const char *as_of, int64_t open, int64_t overdue) {
  cadre_secondment_summary_result r = CADRE_SECONDMENT_SUMMARY_RESULT_INIT;
  CHECK_OK(cadre_report_secondment_summary(&r, db, sid, as_of));
  CHECK(r.tasks_open == open);
  CHECK(r.tasks_overdue == overdue);
  cadre_free(r.as_of);
  cadre_free(r.status);
  cadre_free(r.overall_grade);
}

static void test_tasks(void) {
  cadre_task_options o = task("招商引资", "2026-06-30");
  o.mentor = "李四";
  o.requirement = "每月报告进展";
  int64_t id = 0, second = 0;
  CHECK_OK(cadre_task_add(&id, db, sid, &o));
  CHECK(id > 0);
  cadre_task_options p = task("专题调研", "2026-12-31");
  p.set_on = "2026-04-01"; /* set later: its progress may not come before */
  CHECK_OK(cadre_task_add(&second, db, sid, &p));
  CHECK(second == id + 1);
  CHECK(count_rows("tasks") == 2);

  CHECK_OK(cadre_task_progress(db, id, "2026-04-15", "洽谈两家企业"));
  CHECK(count_rows("task_progress") == 1);

  /* On the due date the task is open; the day after, overdue. */
  summary("2026-06-30", 2, 0);
  summary("2026-07-01", 1, 1);

  CHECK_OK(cadre_task_done(db, id, "2026-07-02", "引进 1 个"));
  summary("2026-07-02", 1, 0);
  summary("2026-07-01", 1, 1); /* as of the day before, still overdue */
  CHECK(query_number("SELECT count(*) FROM tasks WHERE done_on = '2026-07-02'") == 1);
}

static void test_task_failures(void) {
  int64_t id = -7;
  cadre_task_options early = task("早于", "2026-03-01");
  early.set_on = NULL;
  CHECK_FAILS(cadre_task_add(&id, db, sid, &early), CADRE_EINVALID, "due");
  cadre_task_options late = task("晚于", "2027-03-02");
  CHECK_FAILS(cadre_task_add(&id, db, sid, &late), CADRE_EINVALID, "due");
  cadre_task_options no_title = task(NULL, "2026-05-01");
  CHECK_FAILS(cadre_task_add(&id, db, sid, &no_title), CADRE_EINVALID, "title");
  cadre_task_options bad_date = task("日期", "2026-02-30");
  CHECK_FAILS(cadre_task_add(&id, db, sid, &bad_date), CADRE_EINVALID, "due");
  cadre_task_options ok = task("找不到", "2026-05-01");
  CHECK_FAILS(cadre_task_add(&id, db, 999, &ok), CADRE_ENOTFOUND, "999");
  CHECK_FAILS(cadre_task_add(&id, db, sid, NULL), CADRE_EINVALID, "opts");
  CHECK_FAILS(cadre_task_add(NULL, db, sid, &ok), CADRE_EINVALID, "out_id");
  CHECK(id == -7);

  /* Task 2 was set on 2026-04-01: progress before that, or after the period, is refused. */
  CHECK_FAILS(cadre_task_progress(db, 2, "2026-03-31", "太早"), CADRE_EINVALID, "on");
  CHECK_FAILS(cadre_task_progress(db, 2, "2027-03-02", "期满后"), CADRE_EINVALID, "on");
  CHECK_FAILS(cadre_task_progress(db, 2, NULL, "无日期"), CADRE_EINVALID, "on");
  CHECK_FAILS(cadre_task_progress(db, 2, "2026-05-01", NULL), CADRE_EINVALID, "text");
  CHECK_FAILS(cadre_task_progress(db, 99, "2026-05-01", "无此任务"), CADRE_ENOTFOUND, "99");
  /* Done twice: a conflict; progress on a done task too. */
  CHECK_FAILS(cadre_task_done(db, 1, "2026-07-03", NULL), CADRE_ECONFLICT, "2026-07-02");
  CHECK_FAILS(cadre_task_progress(db, 1, "2026-07-03", "完成后"), CADRE_ECONFLICT, "2026-07-02");
  CHECK_FAILS(cadre_task_done(db, 2, "2026-03-05", NULL), CADRE_EINVALID, "on");
}

int main(void) {
  test_dir_create("cadre-capi-tasks");
  CHECK_OK(cadre_open(&db, db_path));
  CHECK_OK(cadre_unit_add(db, "QXGOV", "青溪区政府", "government", NULL));
  CHECK_OK(cadre_unit_add(db, "HSTOWN", "河市镇", "township", NULL));
  CHECK_OK(cadre_person_add(db, "A1001", "王建国", "QXGOV", NULL));
  cadre_secondment_options s = CADRE_SECONDMENT_OPTIONS_INIT;
  s.staff_no = "A1001";
  s.from = "QXGOV";
  s.to = "HSTOWN";
  s.post = "副镇长";
  s.start = "2026-03-02";
  s.end = "2027-03-01";
  CHECK_OK(cadre_secondment_add(&sid, db, &s));
  test_tasks();
  test_task_failures();
  cadre_close(db);
  test_dir_remove();
  printf("test_capi_tasks: %d checks passed\n", checks);
  return 0;
}
