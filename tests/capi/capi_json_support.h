/* Reading a number out of a JSON report (the library's own pretty JSON), for the C tests that
 * compare a C result struct with the JSON report of the same data (the database `db` of
 * capi_test_support.h). Functions are static inline: each test program uses some of them. */
#ifndef CADRE_CAPI_JSON_SUPPORT_H
#define CADRE_CAPI_JSON_SUPPORT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi_test_support.h"

/* The text after the first `"key": ` that follows `anchor` (NULL: from the start). */
static inline const char *json_at(const char *json, const char *anchor, const char *key) {
  const char *from = json;
  if (anchor) {
    from = strstr(json, anchor);
    CHECK(from != NULL);
  }
  char pattern[80];
  snprintf(pattern, sizeof pattern, "\"%s\": ", key);
  const char *at = strstr(from, pattern);
  CHECK(at != NULL);
  return at + strlen(pattern);
}
static inline double json_number(const char *json, const char *anchor, const char *key) {
  return strtod(json_at(json, anchor, key), NULL);
}
static inline int json_is_null(const char *json, const char *anchor, const char *key) {
  return strncmp(json_at(json, anchor, key), "null", 4) == 0;
}
/* The JSON rounds rates to 4 decimals and scores to 2: compare at that precision. */
static inline int near(double a, double b) { return a - b < 0.00005 && b - a < 0.00005; }
static inline long count_after(const char *json, const char *anchor, const char *needle) {
  const char *at = strstr(json, anchor);
  CHECK(at != NULL);
  long n = 0;
  while ((at = strstr(at, needle)) != NULL) ++n, ++at;
  return n;
}

static inline char *report_json(const char *kind, const char *key, const char *as_of) {
  cadre_report_options o = CADRE_REPORT_OPTIONS_INIT;
  o.as_of = as_of;
  char *json = NULL;
  CHECK_OK(cadre_report(&json, db, kind, key, &o));
  return json;
}

#endif
