/* The named fields of `secondment add` from C (cadre_secondment_add_fields): a field reaches C by
 * its name, with no struct member of its own. Each field is given, read back through the report,
 * and each way of getting it wrong fails with its code, names the field and writes nothing. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cadre/cadre.h"
#include "capi_test_support.h"

static cadre_secondment_options period(const char *staff_no) {
  cadre_secondment_options o = CADRE_SECONDMENT_OPTIONS_INIT;
  o.staff_no = staff_no;
  o.from = "QXGOV";
  o.to = "HSTOWN";
  o.post = "副镇长";
  o.start = "2026-03-02";
  o.end = "2026-08-31";
  return o;
}

/* `secondment show ID` as JSON; the caller frees it. */
static char *show(int64_t id) {
  char key[32], *json = NULL;
  snprintf(key, sizeof key, "%lld", (long long)id);
  CHECK_OK(cadre_report(&json, db, "secondment_show", key, NULL));
  return json;
}

static void test_named_fields(void) {
  cadre_secondment_options o = period("A1001");
  /* The struct's members and the array together; the array wins for batch. */
  o.batch = "from-the-struct";
  cadre_field fields[] = {{"batch", "2026-1"}, {"direction", "up"}, {"post", NULL} /* NULL: not given */};
  int64_t id = -7;
  CHECK_OK(cadre_secondment_add_fields(&id, db, &o, fields, 3));
  CHECK(id > 0);
  char *json = show(id);
  CHECK(contains(json, "\"batch\": \"2026-1\""));
  CHECK(contains(json, "\"direction\": \"up\""));
  CHECK(contains(json, "\"post\": \"副镇长\""));
  cadre_free(json);

  /* type came after cadre.h's struct: by name only. */
  cadre_secondment_options v = period("A1004");
  cadre_field type[] = {{"type", "village"}};
  CHECK_OK(cadre_secondment_add_fields(&id, db, &v, type, 1));
  json = show(id);
  CHECK(contains(json, "\"type\": \"village\""));
  cadre_free(json);

  /* No fields at all is cadre_secondment_add. */
  cadre_secondment_options plain = period("A1002");
  CHECK_OK(cadre_secondment_add_fields(&id, db, &plain, NULL, 0));
  json = show(id);
  CHECK(contains(json, "\"direction\": \"down\""));
  CHECK(contains(json, "\"type\": \"standard\""));
  cadre_free(json);
}

static void test_named_field_failures(void) {
  cadre_secondment_options o = period("A1003");
  int64_t id = -7;
  cadre_field unknown[] = {{"colour", "red"}};
  CHECK_FAILS(cadre_secondment_add_fields(&id, db, &o, unknown, 1), CADRE_EINVALID, "colour");
  cadre_field bad_date[] = {{"end", "2026-02-30"}};
  CHECK_FAILS(cadre_secondment_add_fields(&id, db, &o, bad_date, 1), CADRE_EINVALID, "end");
  CHECK(contains(cadre_error_last()->message, "2026-02-30"));
  cadre_field bad_word[] = {{"direction", "sideways"}};
  CHECK_FAILS(cadre_secondment_add_fields(&id, db, &o, bad_word, 1), CADRE_EINVALID, "direction");
  cadre_field bad_type[] = {{"type", "vilage"}};
  CHECK_FAILS(cadre_secondment_add_fields(&id, db, &o, bad_type, 1), CADRE_EINVALID, "type: unknown value vilage");
  cadre_field no_name[] = {{NULL, "x"}};
  CHECK_FAILS(cadre_secondment_add_fields(&id, db, &o, no_name, 1), CADRE_EINVALID, "name");
  CHECK_FAILS(cadre_secondment_add_fields(&id, db, &o, NULL, 2), CADRE_EINVALID, "fields");
  CHECK_FAILS(cadre_secondment_add_fields(&id, db, NULL, unknown, 1), CADRE_EINVALID, "opts");
  CHECK(id == -7);
}

int main(void) {
  test_dir_create("cadre-capi-fields");
  CHECK_OK(cadre_open(&db, db_path));
  CHECK_OK(cadre_unit_add(db, "QXGOV", "青溪区政府", "government", NULL));
  CHECK_OK(cadre_unit_add(db, "HSTOWN", "河市镇", "township", NULL));
  CHECK_OK(cadre_person_add(db, "A1001", "王建国", "QXGOV", NULL));
  CHECK_OK(cadre_person_add(db, "A1002", "李秀英", "QXGOV", NULL));
  CHECK_OK(cadre_person_add(db, "A1003", "赵敏", "QXGOV", NULL));
  CHECK_OK(cadre_person_add(db, "A1004", "钱多", "QXGOV", NULL));
  test_named_fields();
  test_named_field_failures();
  cadre_close(db);
  test_dir_remove();
  printf("test_capi_fields: %d checks passed\n", checks);
  return 0;
}
