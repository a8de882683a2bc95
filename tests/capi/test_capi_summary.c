/* The end-of-term summary from C: monthly reports with their sections (cadre_log_add_sections), the
 * appraisal opinions (cadre_opinion_add: one per role, a second replaces the first), and cadre_report
 * kind "summary" in JSON and, through cadre_report_bytes, as a docx package; each refusal with its
 * code and the field it names, nothing written on failure. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_json_support.h"
#include "capi_test_support.h"

static int64_t sid;

static void test_logs_and_opinions(void) {
  cadre_log_options o = CADRE_LOG_OPTIONS_INIT;
  o.insights = "基层工作要接地气";
  o.problems = "对农业政策不熟";
  o.plans = "学习农业政策";
  o.filed_on = "2026-04-03";
  CHECK_OK(cadre_log_add_sections(db, sid, "2026-03", "走访 12 个村", &o));
  CHECK_OK(cadre_log_add_sections(db, sid, "2026-04", "修订防汛预案", NULL)); /* NULL: no sections, filed today */
  CHECK(count_rows("monthly_reports") == 2);
  CHECK(query_number("SELECT count(*) FROM monthly_reports WHERE insights IS NULL AND plans IS NULL") == 1);

  int replaced = -1;
  CHECK_OK(cadre_opinion_add(&replaced, db, sid, "host", "工作扎实", "河市镇党委", "2026-06-01"));
  CHECK(replaced == 0);
  CHECK_OK(cadre_opinion_add(&replaced, db, sid, "host", "工作扎实，成效明显", "河市镇党委", "2026-06-02"));
  CHECK(replaced == 1);
  CHECK_OK(cadre_opinion_add(NULL, db, sid, "home", "同意", "区政府办", "2026-06-03"));
  CHECK(count_rows("opinions") == 2);

  char *before = snapshot();
  replaced = -1;
  CHECK_FAILS(cadre_opinion_add(&replaced, db, sid, "peer", "x", "y", NULL), CADRE_EINVALID, "by");
  CHECK_FAILS(cadre_opinion_add(&replaced, db, 999, "org", "x", "y", NULL), CADRE_ENOTFOUND, "999");
  CHECK_FAILS(cadre_opinion_add(&replaced, db, sid, "org", NULL, "y", NULL), CADRE_EINVALID, "text");
  CHECK_FAILS(cadre_opinion_add(&replaced, db, sid, "org", "x", NULL, NULL), CADRE_EINVALID, "signed_by");
  CHECK_FAILS(cadre_opinion_add(&replaced, db, sid, "org", "x", "y", "2026-02-30"), CADRE_EINVALID, "on");
  CHECK_FAILS(cadre_opinion_add(&replaced, db, sid, "org", "x", "y", "2026-03-01"), CADRE_EINVALID, "on");
  CHECK_FAILS(cadre_log_add_sections(db, sid, "2026-05", "x", &(cadre_log_options){0, NULL, NULL, NULL, NULL}),
              CADRE_EINVALID, "cadre_log_options");
  o.filed_on = "2026-04-31";
  CHECK_FAILS(cadre_log_add_sections(db, sid, "2026-05", "x", &o), CADRE_EINVALID, "filed_on");
  CHECK(replaced == -1);
  char *after = snapshot();
  CHECK(strcmp(before, after) == 0);
  free(before);
  free(after);
}

static void test_summary_json_and_docx(void) {
  char *json = report_json("summary", "1", "2026-06-10");
  CHECK(contains(json, "\"person\": {"));
  CHECK(contains(json, "\"staff_no\": \"A1001\""));
  CHECK(contains(json, "\"insights\": \"基层工作要接地气\""));
  CHECK(contains(json, "\"text\": \"工作扎实，成效明显\""));
  CHECK(!contains(json, "\"text\": \"工作扎实\","));       /* replaced */
  CHECK(!contains(json, "\"text\": \"修订防汛预案\"")); /* filed today, after the as-of day */
  CHECK(json_number(json, "\"attendance\"", "working_days") > 0);
  CHECK(json_number(json, "\"spot_checks\"", "total") == 0);
  CHECK(json_is_null(json, "\"overall\"", "grade"));
  cadre_free(json);

  cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
  o.format = "docx";
  o.as_of = "2026-06-10";
  o.lang = "zh";
  char *text = NULL;
  CHECK_FAILS(cadre_report(&text, db, "summary", "1", &o), CADRE_EINVALID, "cadre_report_bytes");
  CHECK(text == NULL);
  char *bytes = NULL;
  size_t len = 0;
  CHECK_OK(cadre_report_bytes(&bytes, &len, db, "summary", "1", &o));
  CHECK(len > 1000 && memcmp(bytes, "PK\x03\x04", 4) == 0);
  int parts = 0;
  for (size_t i = 0; i + 17 <= len; ++i) parts += memcmp(bytes + i, "word/document.xml", 17) == 0;
  CHECK(parts >= 2); /* named in the local header and the central directory */
  cadre_free(bytes);
  /* A report without a form has no docx. */
  CHECK_FAILS(cadre_report_bytes(&bytes, &len, db, "secondment", "1", &o), CADRE_EINVALID, "docx");
  CHECK_FAILS(cadre_report_bytes(&bytes, &len, db, "summary", "999", &o), CADRE_ENOTFOUND, "999");
}

int main(void) {
  test_dir_create("cadre-capi-summary");
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
  test_logs_and_opinions();
  test_summary_json_and_docx();
  cadre_close(db);
  test_dir_remove();
  printf("test_capi_summary: %d checks passed\n", checks);
  return 0;
}
