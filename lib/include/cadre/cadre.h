/* cadre.h: the stable C API of libcadre (C99).
 *
 * Rules (they hold for every function below):
 *
 *  Handles    cadre_db is opaque. cadre_open / cadre_open_ext give one through their first
 *             parameter; cadre_close releases it (NULL is fine).
 *  Results    Functions that can fail return int: CADRE_OK (0) or a negative CADRE_E* code. The
 *             codes are the CLI's exit codes negated, so the CLI, the C++ API (cadre::Errc) and C
 *             always agree on what went wrong. Out-parameters come first; on failure a string
 *             out-parameter is set to NULL and a numeric one is left untouched.
 *  Errors     Check the return code first, then call cadre_error_last() for the details. It is
 *             thread-local, never NULL (code CADRE_OK and message "" before any call and after a
 *             success), owned by the library and valid until the next int-returning cadre_* call on
 *             the same thread. Messages name the field or value at fault and are in the thread's
 *             language (cadre_set_language) or the handle's (cadre_db_set_language). A failed
 *             call changes nothing in the database.
 *  Ownership  Every string the library returns through char ** is the caller's: release it with
 *             cadre_free. Strings the caller passes in are only read during the call; NULL where
 *             an argument is documented as optional means "not given", elsewhere it is
 *             CADRE_EINVALID (never a crash).
 *  Threads    A cadre_db must not be used from two threads at once: use one handle per thread.
 *             Any number of handles on the same file, in any threads or processes, are safe:
 *             writers wait for each other up to the busy timeout, then fail with CADRE_ESTORAGE.
 *  Options    Options structs start with `unsigned int version`; initialise them with their
 *             *_INIT macro, then set fields. New fields are only ever appended (and the version
 *             raised), so a program built against an older cadre.h keeps working. A NULL options
 *             pointer means the defaults. Result structs (cadre_db_info_result) are versioned the
 *             same way: the library fills the fields the caller's version has.
 *  Unset      One convention in every struct and parameter: a string left NULL is "not given"
 *             (the default, or "unchanged" for an update). A number is always a value: its
 *             default is what the *_INIT macro puts there (documented on the field, e.g. 0 =
 *             unlimited, 60 = the pass mark). Where a number has no default and must be set, the
 *             _INIT value is one the rules refuse (-1 for the evaluation scores), so forgetting it
 *             is CADRE_EINVALID naming the field; where a number may be absent, a has_* flag says
 *             whether it is given (cadre_checkin_options.has_position).
 *  Names      cadre_<area>_<verb>, the area being the CLI's group (db, report, import, course,
 *             session, checkin, secondment, ...). Library-wide calls are cadre_<verb>
 *             (cadre_version, cadre_free, cadre_set_language) and cadre_error_last. Older names
 *             (cadre_open, cadre_enrol, ...) stay exported as aliases of the new ones: see the
 *             end of this file.
 *  No C++ exception ever crosses this API.
 *  Text is UTF-8. Dates are "YYYY-MM-DD".
 */
#ifndef CADRE_H
#define CADRE_H

#include <stddef.h>
#include <stdint.h>

#if defined(CADRE_BUILDING_LIBRARY) && defined(__GNUC__)
#define CADRE_EXTERN __attribute__((visibility("default")))
#else
#define CADRE_EXTERN
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Return codes: 0 or the CLI exit code negated. */
#define CADRE_OK 0
#define CADRE_EINTERNAL (-1) /* a bug: an unexpected exception inside the library */
#define CADRE_EUSAGE (-2)    /* the call itself is wrong (unknown kind, unknown import type) */
#define CADRE_EINVALID (-3)  /* a value is malformed or breaks a rule; NULL where a value is required */
#define CADRE_ENOTFOUND (-4) /* a referenced unit, person, course, ... does not exist */
#define CADRE_ECONFLICT (-5) /* duplicate, overlap, capacity, wrong approval level */
#define CADRE_ESTORAGE (-6)  /* locked past the busy timeout, corrupt, I/O, out of memory */

typedef struct cadre_db cadre_db;

/* ---- library, handles, errors --------------------------------------------------------------- */

CADRE_EXTERN const char *cadre_version(void); /* "MAJOR.MINOR.PATCH" */

/* Opens (creating and migrating, as the CLI does; new files are mode 0600) the database at path. */
CADRE_EXTERN int cadre_open(cadre_db **out, const char *path);

typedef struct cadre_open_options {
  unsigned int version;   /* CADRE_OPEN_OPTIONS_VERSION */
  int busy_timeout_ms;    /* how long a write waits for another writer; default 15000 */
  int must_exist;         /* non-zero: CADRE_ENOTFOUND instead of creating a missing file */
} cadre_open_options;
#define CADRE_OPEN_OPTIONS_VERSION 1
#define CADRE_OPEN_OPTIONS_INIT {CADRE_OPEN_OPTIONS_VERSION, 15000, 0}
CADRE_EXTERN int cadre_open_ext(cadre_db **out, const char *path, const cadre_open_options *opts);

CADRE_EXTERN void cadre_close(cadre_db *db); /* NULL is fine */

typedef struct cadre_error {
  int code;            /* the last return code */
  const char *message; /* never NULL; "" after a success */
} cadre_error;
CADRE_EXTERN const cadre_error *cadre_error_last(void);

/* Releases a string returned by the library. NULL is fine. */
CADRE_EXTERN void cadre_free(void *p);

/* Who is recorded in the audit log for changes through this handle (default: the OS user). */
CADRE_EXTERN int cadre_set_actor(cadre_db *db, const char *actor);

/* The language of error messages raised on the calling thread: "en" (default) or "zh". */
CADRE_EXTERN int cadre_set_language(const char *lang);

/* ---- reports and lists ---------------------------------------------------------------------- */

typedef struct cadre_report_options {
  unsigned int version;   /* CADRE_REPORT_OPTIONS_VERSION */
  const char *format;     /* "json" (NULL = json), "table", "csv", "md", "html" */
  const char *lang;       /* "en" (NULL = en) or "zh" */
  const char *as_of;      /* "YYYY-MM-DD", NULL = today */
  /* version 2 */
  const char *host;       /* secondments: only this host unit code (NULL = all) */
  const char *unit;       /* hours: only people of this unit code (NULL = all) */
} cadre_report_options;
#define CADRE_REPORT_OPTIONS_VERSION 2
#define CADRE_REPORT_OPTIONS_INIT {CADRE_REPORT_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL}

/* kind: "course" | "person" | "secondment" | "secondments" | "hours"; key: the CLI's positional
   (course code, staff number, secondment id, batch (NULL = all), year). opts NULL = defaults.
   Lists go through the same call:
     "units"     key unused               "people"   key: unit code (NULL = all)
     "settings"  key: one key (NULL = all) "audit"    key: since date (NULL = all)
     "calendar"  key: month "YYYY-MM"
     "courses"   key unused (course list)  "course_detail"  key: course code (course show)
     "secondment_list"  key: batch (NULL = all); opts->host, opts->as_of (periods covering that day)
     "secondment_show"  key: secondment id (the period, extensions, termination)
   The text is NUL-terminated; formats "xlsx" and "docx" (binary) are refused with CADRE_EINVALID
   here: use cadre_report_bytes. Kind "summary" (key: secondment id; opts->as_of) is the end-of-term
   summary and appraisal form; its "html" is the paper form on A4. Kinds "certificate" and
   "certificate_show" (key: a certificate number) verify and print a certificate (see
   cadre_certificate_issue). */
CADRE_EXTERN int cadre_report(char **out, cadre_db *db, const char *kind, const char *key,
                              const cadre_report_options *opts);

/* As cadre_report, and also formats "xlsx" and "docx" (docx: kind "summary" only, a Word document of
   the form; another kind is CADRE_EINVALID): *out_len bytes (which may contain NUL) at *out,
   followed by one extra NUL not counted in *out_len. */
CADRE_EXTERN int cadre_report_bytes(char **out, size_t *out_len, cadre_db *db, const char *kind,
                                    const char *key, const cadre_report_options *opts);

/* ---- units and people ----------------------------------------------------------------------- */

/* kind: org_dept | party_school | government | township | enterprise | school | other
   (NULL = other); parent: a unit code or NULL. */
CADRE_EXTERN int cadre_unit_add(cadre_db *db, const char *code, const char *name, const char *kind,
                                const char *parent);

/* The optional fields of a person; NULL = not given (add) or unchanged (update). */
typedef struct cadre_person_options {
  unsigned int version;  /* CADRE_PERSON_OPTIONS_VERSION */
  const char *tier;      /* leader | general (add: NULL = general) */
  const char *rank;
  const char *title;
  const char *gender;    /* m | f */
  const char *birth;     /* YYYY-MM-DD */
  const char *id_number; /* stored in full, printed masked */
} cadre_person_options;
#define CADRE_PERSON_OPTIONS_VERSION 1
#define CADRE_PERSON_OPTIONS_INIT {CADRE_PERSON_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL}

CADRE_EXTERN int cadre_person_add(cadre_db *db, const char *staff_no, const char *name, const char *unit,
                                  const cadre_person_options *opts);
/* name, unit and every option: NULL = unchanged. */
CADRE_EXTERN int cadre_person_update(cadre_db *db, const char *staff_no, const char *name, const char *unit,
                                     const cadre_person_options *opts);

/* The optional fields of a promotion; NULL = unchanged by it. */
typedef struct cadre_promotion_options {
  unsigned int version; /* CADRE_PROMOTION_OPTIONS_VERSION */
  const char *title;
  const char *tier;     /* leader | general: leader asks for appointment training (任职培训) within a year */
} cadre_promotion_options;
#define CADRE_PROMOTION_OPTIONS_VERSION 1
#define CADRE_PROMOTION_OPTIONS_INIT {CADRE_PROMOTION_OPTIONS_VERSION, NULL, NULL}
/* `person promote STAFF_NO --on DATE --rank R [--title T] [--tier T]`: kept in the person's position
   history (`person show` lists it; on is YYYY-MM-DD). The latest promotion by date
   sets the current rank (and title and tier when given); *out_current (may be NULL) is 1 then, 0 for
   a promotion dated before the latest (history only). A second promotion on the same day is
   CADRE_ECONFLICT; an unknown person CADRE_ENOTFOUND; rank NULL or blank CADRE_EINVALID. */
CADRE_EXTERN int cadre_person_promote(int *out_current, cadre_db *db, const char *staff_no, const char *on,
                                      const char *rank, const cadre_promotion_options *opts);

/* ---- settings ------------------------------------------------------------------------------- */

/* Keys: timezone, min_presence, excellent_quota, weight_host, weight_home, weight_org, ...,
   leader_min_days (the leaders' "3 months" of training as days over five years, default 60). */
CADRE_EXTERN int cadre_settings_get(char **out, cadre_db *db, const char *key);
CADRE_EXTERN int cadre_settings_set(cadre_db *db, const char *key, const char *value);

/* ---- imports and the calendar --------------------------------------------------------------- */

typedef struct cadre_import_options {
  unsigned int version;      /* CADRE_IMPORT_OPTIONS_VERSION */
  int dry_run;               /* non-zero: validate only, write nothing */
  const char *input_format;  /* "csv" (NULL = csv) or "zkteco" (checkins) */
  const char *device_map;    /* zkteco: CSV pin,staff_no; NULL = none */
} cadre_import_options;
#define CADRE_IMPORT_OPTIONS_VERSION 1
#define CADRE_IMPORT_OPTIONS_INIT {CADRE_IMPORT_OPTIONS_VERSION, 0, NULL, NULL}

/* what: units | people | courses | sessions | enrolments | attendance | checkins. All or nothing:
   on a bad row nothing is written and the message lists every bad row with its line number.
   out_json (may be NULL): {"what","rows","written","duplicates","dry_run"}. */
CADRE_EXTERN int cadre_import(char **out_json, cadre_db *db, const char *what, const char *path,
                              const cadre_import_options *opts);

/* Working days in [from, to], both inclusive. */
CADRE_EXTERN int cadre_calendar_workdays(int64_t *out, cadre_db *db, const char *from, const char *to);
/* CSV date,kind,name,name_zh (kind holiday|workday); out_json as cadre_import (may be NULL). */
CADRE_EXTERN int cadre_calendar_import(char **out_json, cadre_db *db, const char *path, int dry_run);

/* ---- the database file ---------------------------------------------------------------------- */

/* Integrity, foreign keys and the audit hash chain: CADRE_ESTORAGE listing the problems, or 0. */
CADRE_EXTERN int cadre_db_check(cadre_db *db);
/* An online, consistent copy to target_path. */
CADRE_EXTERN int cadre_db_backup(cadre_db *db, const char *target_path);

/* `db info`: the schema version of the file, the newest this library knows (equal once opened
   read-write: opening migrates), and the database time zone. Initialise *out with
   CADRE_DB_INFO_RESULT_INIT; on success *out->timezone is the caller's (release with cadre_free);
   on failure *out is unchanged. */
typedef struct cadre_db_info_result {
  unsigned int version;      /* CADRE_DB_INFO_RESULT_VERSION (the caller's; set by _INIT) */
  int schema_version;        /* PRAGMA user_version of the file */
  int latest_schema_version; /* the newest schema version this library can create */
  char *timezone;            /* IANA zone name (setting timezone), e.g. "Asia/Shanghai" */
} cadre_db_info_result;
#define CADRE_DB_INFO_RESULT_VERSION 1
#define CADRE_DB_INFO_RESULT_INIT {CADRE_DB_INFO_RESULT_VERSION, 0, 0, NULL}
CADRE_EXTERN int cadre_db_info(cadre_db_info_result *out, cadre_db *db);

/* ---- training: courses, enrolment, attendance, assessment, feedback, hours ------------------- */

/* Numbers are passed as C numbers and checked by the same rules as the CLI; messages name the
   CLI's field ("--score: 101 is outside 0-100"). Lists and reports of this area go through
   cadre_report: kind "courses" (`course list`, key unused), "course_detail" (`course show`, key:
   course code), "course" (`report course`), "person", "hours" (key: the year; opts->unit). */

/* `course add`. code, title, organizer (a unit code), start and end ("YYYY-MM-DD") are required;
   NULL there is CADRE_EINVALID naming the field. */
typedef struct cadre_course_options {
  unsigned int version;          /* CADRE_COURSE_OPTIONS_VERSION */
  const char *code;
  const char *title;
  const char *organizer;
  const char *start;
  const char *end;
  int capacity;                  /* places; 0 = unlimited (beyond it people are waitlisted) */
  const char *category;          /* NULL = none */
  double pass_mark;              /* 0-100; _INIT: 60 */
  const char *max_leave_ratio;   /* of the total hours: "1/7" or a decimal; NULL = 1/7 */
  double max_absence_hours;      /* unexcused absence allowed; _INIT: 0 */
  const char *components;        /* "exam:0.6,paper:0.4", weights summing to 1; NULL = none */
  /* version 2 */
  const char *type; /* thematic | rotation | initial | appointment | in_service | online | other
                       (条例 Art. 13; NULL = other); appointment: 任职培训 */
} cadre_course_options;
#define CADRE_COURSE_OPTIONS_VERSION 2
#define CADRE_COURSE_OPTIONS_INIT \
  {CADRE_COURSE_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, 0, NULL, 60.0, NULL, 0.0, NULL, NULL}
CADRE_EXTERN int cadre_course_add(cadre_db *db, const cadre_course_options *course);

typedef struct cadre_session_options {
  unsigned int version;   /* CADRE_SESSION_OPTIONS_VERSION */
  const char *instructor; /* NULL = none */
  double hours;           /* up to 24; 0 = the session's length rounded to half an hour */
} cadre_session_options;
#define CADRE_SESSION_OPTIONS_VERSION 1
#define CADRE_SESSION_OPTIONS_INIT {CADRE_SESSION_OPTIONS_VERSION, NULL, 0.0}
/* `session add`: date within the course, start/end "HH:MM". *out_session_no (may be NULL) gets
   the new session's number, 1..n within the course. */
CADRE_EXTERN int cadre_session_add(int *out_session_no, cadre_db *db, const char *course, const char *date,
                                   const char *start, const char *end, const char *title,
                                   const cadre_session_options *opts);

/* `enrol`. *out_waitlisted (may be NULL): 0 enrolled, 1 waitlisted (the course was full).
   Someone already enrolled or waitlisted is CADRE_ECONFLICT; after a withdrawal one may enrol
   again (at the end of the waitlist if the course is full). */
CADRE_EXTERN int cadre_enrol(int *out_waitlisted, cadre_db *db, const char *course, const char *staff_no);
/* Several people at once, all or none, waitlisted in the order given beyond the capacity.
   out_waitlisted (may be NULL) is an array of count ints, filled as cadre_enrol's. */
CADRE_EXTERN int cadre_enrol_batch(int *out_waitlisted, cadre_db *db, const char *course,
                                   const char *const *staff_nos, size_t count);
/* `withdraw`; reason may be NULL. *out_promoted_staff_no (out may be NULL): the staff number of
   the person who took the free place from the waitlist (release with cadre_free), or NULL. */
CADRE_EXTERN int cadre_withdraw(char **out_promoted_staff_no, cadre_db *db, const char *course,
                                const char *staff_no, const char *reason);

/* `attend`: records (or corrects) the attendance of count (>= 1) enrolled people at one session,
   all or none. status: present | late | left_early | leave | absent; note may be NULL. */
CADRE_EXTERN int cadre_attend(cadre_db *db, const char *course, int session_no, const char *const *staff_nos,
                              size_t count, const char *status, const char *note);

/* `assess`: score 0-100 for one of the course's components (recording it again corrects it). */
CADRE_EXTERN int cadre_assess(cadre_db *db, const char *course, const char *staff_no, const char *component,
                              double score);

/* `feedback` on a session by someone marked present, late or left_early there, once per session:
   five indicators of 0-20 points each. */
CADRE_EXTERN int cadre_feedback(cadre_db *db, const char *course, int session_no, const char *by, int relevance,
                                int theory, int information, int delivery, int manner);

/* `hours add`: hours > 0 of kind online | external on date; title may be NULL. */
CADRE_EXTERN int cadre_hours_add(cadre_db *db, const char *staff_no, const char *date, double hours,
                                 const char *kind, const char *title);

/* `export ics`: the course timetable as an iCalendar text (RFC 5545, CRLF lines, UTC times). */
CADRE_EXTERN int cadre_export_ics(char **out, cadre_db *db, const char *course);

/* ---- the call-up (调训): places per unit, nominations, arrival ---------------------------------- */
/* `quota set`: the unit's places in the course, 0..1000000; fewer than the unit's standing
   nominations is CADRE_ECONFLICT. */
CADRE_EXTERN int cadre_quota_set(cadre_db *db, const char *course, const char *unit, int places);
/* `nominate`: all or none; each nominee takes a place of the nearest unit up their unit's chain with
   places in the course (none, or all taken: CADRE_ECONFLICT). by and on ("YYYY-MM-DD", NULL =
   today) may be NULL. */
CADRE_EXTERN int cadre_course_nominate(cadre_db *db, const char *course, const char *const *staff_nos, size_t count,
                                       const char *by, const char *on);
/* `nomination approve`: enrols the nominee; *out_waitlisted (may be NULL) is 1 when the course was
   full. A nomination decided already is CADRE_ECONFLICT, none CADRE_ENOTFOUND. */
CADRE_EXTERN int cadre_nomination_approve(int *out_waitlisted, cadre_db *db, const char *course, const char *staff_no,
                                          const char *by, const char *on);
/* `nomination reject`: frees the place; reason is required. */
CADRE_EXTERN int cadre_nomination_reject(cadre_db *db, const char *course, const char *staff_no, const char *by,
                                         const char *reason, const char *on);
/* `arrive` (报到) on `on` (NULL = today); after start + arrival_grace_days: CADRE_ECONFLICT. The
   call-up figures: cadre_report kind "callup", key the course code. */
CADRE_EXTERN int cadre_course_arrive(cadre_db *db, const char *course, const char *staff_no, const char *on);

/* (end of training) */

/* ---- completion certificates (结业证书) ------------------------------------------------------ */

/* `certificate issue`: a numbered certificate ("CODE-NNN", never reused) for each of the count
   people at staff_nos, or, with count 0 (staff_nos may then be NULL), for every completer of the
   course as cadre_report "course" judges them; all or nothing. A named person who did not complete
   is CADRE_ECONFLICT naming them and the reasons; an unknown course or person CADRE_ENOTFOUND; on
   ("YYYY-MM-DD", NULL = today) before the course's end CADRE_EINVALID. Someone who holds a valid
   certificate of the course is skipped (no second number); after a revocation a new certificate has
   a new number. *out_json (may be NULL; release with cadre_free):
   {"issued": [{"number", "staff_no"}], "skipped": [{"number", "staff_no"}]} (skipped: the number held).
   Verify and show go through cadre_report: kind "certificate" (key: the number; `certificate
   verify`: every field and status valid | revoked) and "certificate_show" (the same data; its
   "html" is the printable A4 certificate with a QR code of the verification text). */
CADRE_EXTERN int cadre_certificate_issue(char **out_json, cadre_db *db, const char *course,
                                         const char *const *staff_nos, size_t count, const char *on);
/* `certificate revoke`: reason required; on: "YYYY-MM-DD" not before the issue date, NULL = today.
   An unknown number is CADRE_ENOTFOUND, one revoked already CADRE_ECONFLICT. */
CADRE_EXTERN int cadre_certificate_revoke(cadre_db *db, const char *number, const char *reason, const char *on);

/* ---- secondment: periods, check-ins, leave, monthly reports, evaluations --------------------- */

/* Ids: secondment and leave ids are the positive integers cadre_secondment_add and
   cadre_leave_request return (0 or a negative id is CADRE_EINVALID, an unknown one CADRE_ENOTFOUND).
   Lists and views go through cadre_report:
     "secondment_list"  key: batch (NULL = all); opts->host: host unit code (NULL = all);
                        opts->as_of: only periods covering that day (NULL = every period)
     "secondment_show"  key: secondment id: the period with its extensions and termination
   besides "secondment" (key: id; presence, months, evaluations, alerts) and "secondments". */

/* `secondment add`. Every field but batch and direction is required. */
typedef struct cadre_secondment_options {
  unsigned int version;  /* CADRE_SECONDMENT_OPTIONS_VERSION */
  const char *staff_no;  /* the secondee */
  const char *from;      /* home unit code */
  const char *to;        /* host unit code (must differ from the home unit) */
  const char *post;      /* post title at the host */
  const char *start;     /* YYYY-MM-DD */
  const char *end;       /* planned end, YYYY-MM-DD, not before start */
  const char *batch;     /* optional */
  const char *direction; /* down | up | across (NULL = down) */
} cadre_secondment_options;
#define CADRE_SECONDMENT_OPTIONS_VERSION 1
#define CADRE_SECONDMENT_OPTIONS_INIT {CADRE_SECONDMENT_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL}

/* *out_id: the new secondment. Another secondment of the same person overlapping the period is
   CADRE_ECONFLICT. */
CADRE_EXTERN int cadre_secondment_add(int64_t *out_id, cadre_db *db, const cadre_secondment_options *opts);
/* A later planned end (the history is kept); overlapping the person's next secondment or extending
   one that was ended early is CADRE_ECONFLICT. */
CADRE_EXTERN int cadre_secondment_extend(cadre_db *db, int64_t secondment_id, const char *until, const char *reason);
/* Early end (status terminated) on a day of the period; decided_by optional. Check-ins after that
   day are CADRE_ECONFLICT. */
CADRE_EXTERN int cadre_secondment_end(cadre_db *db, int64_t secondment_id, const char *on, const char *reason,
                                      const char *decided_by);

/* One check-in. It counts for the secondment whose period covers its local day (database time
   zone); none is CADRE_EINVALID. Recorded with source "api". */
typedef struct cadre_checkin_options {
  unsigned int version;  /* CADRE_CHECKIN_OPTIONS_VERSION */
  const char *staff_no;  /* required */
  const char *at;        /* ISO 8601 instant, e.g. "2026-03-02T08:31:00+08:00"; without an offset in the
                            database time zone; NULL = now */
  const char *kind;      /* on_duty | field | meeting | remote (NULL = on_duty) */
  const char *place;     /* optional */
  int has_position;      /* non-zero: lat and lon are given */
  double lat;            /* -90..90 */
  double lon;            /* -180..180 */
} cadre_checkin_options;
#define CADRE_CHECKIN_OPTIONS_VERSION 1
#define CADRE_CHECKIN_OPTIONS_INIT {CADRE_CHECKIN_OPTIONS_VERSION, NULL, NULL, NULL, NULL, 0, 0.0, 0.0}

/* A second check-in of the same person in the same minute is ignored and is no error: *out_duplicate
   is then 1 (else 0). *out_secondment_id: the secondment it counts for. Both out-parameters may be
   NULL. opts is required (staff_no). */
CADRE_EXTERN int cadre_checkin(int *out_duplicate, int64_t *out_secondment_id, cadre_db *db,
                               const cadre_checkin_options *opts);
/* count check-ins at items[0..count-1], every one initialised with CADRE_CHECKIN_OPTIONS_INIT of the
   same cadre.h (all items must carry the same version). All or nothing: one bad item refuses the
   batch, the message listing every bad item by its position from 1. *out_written and
   *out_duplicates (each may be NULL) add up to count. count 0 writes nothing. */
CADRE_EXTERN int cadre_checkin_batch(int64_t *out_written, int64_t *out_duplicates, cadre_db *db,
                                     const cadre_checkin_options *items, size_t count);

/* Leave (请销假). kind: sick | personal | annual | official; reason optional. A leave outside the
   secondment or overlapping another requested or approved one is CADRE_ECONFLICT. */
CADRE_EXTERN int cadre_leave_request(int64_t *out_id, cadre_db *db, int64_t secondment_id, const char *from,
                                     const char *to, const char *kind, const char *reason);
/* level: host | district | city. Calendar days of the leave need at least: up to 3 host, up to 7
   district, more city; a lower level is CADRE_ECONFLICT, as is a leave not in status requested. */
CADRE_EXTERN int cadre_leave_approve(cadre_db *db, int64_t leave_id, const char *by, const char *level);
CADRE_EXTERN int cadre_leave_reject(cadre_db *db, int64_t leave_id, const char *by, const char *reason);
CADRE_EXTERN int cadre_leave_cancel(cadre_db *db, int64_t leave_id);
/* 销假: back at post on `on`, a day of the approved leave; the leave now ends the day before. */
CADRE_EXTERN int cadre_leave_return(cadre_db *db, int64_t leave_id, const char *on);

/* The monthly work report for month "YYYY-MM" (a month of the period; one per month, a second is
   CADRE_ECONFLICT). filed_on: YYYY-MM-DD, NULL = today. */
CADRE_EXTERN int cadre_log_add(cadre_db *db, int64_t secondment_id, const char *month, const char *text,
                               const char *filed_on);

/* The sections of a monthly work report besides its text (主要工作), each optional (NULL = none):
   they are compiled into the end-of-term summary (cadre_report kind "summary"). */
typedef struct cadre_log_options {
  unsigned int version;  /* CADRE_LOG_OPTIONS_VERSION */
  const char *insights;  /* 心得体会 */
  const char *problems;  /* 存在不足 */
  const char *plans;     /* 下一步打算 */
  const char *filed_on;  /* YYYY-MM-DD, NULL = today */
} cadre_log_options;
#define CADRE_LOG_OPTIONS_VERSION 1
#define CADRE_LOG_OPTIONS_INIT {CADRE_LOG_OPTIONS_VERSION, NULL, NULL, NULL, NULL}

/* As cadre_log_add, with the sections of opts (NULL = none, filed today). */
CADRE_EXTERN int cadre_log_add_sections(cadre_db *db, int64_t secondment_id, const char *month, const char *text,
                                        const cadre_log_options *opts);

/* The appraisal opinion (鉴定意见) of the end-of-term summary. by: host | home | org (else
   CADRE_EINVALID); text and signed_by required; on: YYYY-MM-DD not before the period's start, NULL =
   today. One per role: a second replaces the first (audited) and sets *out_replaced to 1 (else 0;
   out_replaced may be NULL). */
CADRE_EXTERN int cadre_opinion_add(int *out_replaced, cadre_db *db, int64_t secondment_id, const char *by,
                                   const char *text, const char *signed_by, const char *on);

/* An evaluation. The five scores are required, each 0-100: the _INIT macro sets them to -1, so a
   score left unset is refused with CADRE_EINVALID naming it. */
typedef struct cadre_evaluation_options {
  unsigned int version; /* CADRE_EVALUATION_OPTIONS_VERSION */
  const char *period;   /* required: midterm, annual-2026, final, ... */
  const char *rater;    /* required: host | home | org */
  double conduct;       /* 德 */
  double competence;    /* 能 */
  double diligence;     /* 勤 */
  double performance;   /* 绩 */
  double integrity;     /* 廉 */
  const char *grade;    /* optional explicit grade: excellent | competent | basically_competent | incompetent */
  const char *comment;  /* optional */
} cadre_evaluation_options;
#define CADRE_EVALUATION_OPTIONS_VERSION 1
#define CADRE_EVALUATION_OPTIONS_INIT \
  {CADRE_EVALUATION_OPTIONS_VERSION, NULL, NULL, -1.0, -1.0, -1.0, -1.0, -1.0, NULL, NULL}

/* One evaluation per secondment, period and rater: a second is CADRE_ECONFLICT. opts is required. */
CADRE_EXTERN int cadre_evaluate(cadre_db *db, int64_t secondment_id, const cadre_evaluation_options *opts);

/* Named fields of `secondment add`, so a field added after this header was written reaches C with
   no new struct member: name is the field's id as the CLI's option names it without "--" ("type",
   "batch", "end"; the list is cadre::secondment_input_fields() in C++, `cadre secondment --help`),
   value its text, parsed as the CLI parses it (NULL = not given). The fields apply after opts'
   members (the array wins for a field set in both). An unknown name is CADRE_EINVALID naming it;
   count 0 with fields NULL is fine. Otherwise as cadre_secondment_add. */
typedef struct cadre_field {
  const char *name;
  const char *value;
} cadre_field;
CADRE_EXTERN int cadre_secondment_add_fields(int64_t *out_id, cadre_db *db, const cadre_secondment_options *opts,
                                             const cadre_field *fields, size_t count);

/* Secondment workflows, presence side. A duty trip (报备), filed: from and to are YYYY-MM-DD inside
   the period (to not before from, else CADRE_EINVALID naming it); overlapping approved leave or
   another trip is CADRE_ECONFLICT. place may be NULL. *out_id: the new trip. */
CADRE_EXTERN int cadre_trip_add(int64_t *out_id, cadre_db *db, int64_t secondment_id, const char *from, const char *to,
                                const char *purpose, const char *place);
/* A spot check (抽查): on is a day of the period; result present | absent; by and note may be NULL.
   Absences cap the overall grade (setting spotcheck_caps). *out_id: the new spot check. */
CADRE_EXTERN int cadre_spotcheck_add(int64_t *out_id, cadre_db *db, int64_t secondment_id, const char *on,
                                     const char *result, const char *by, const char *note);
/* A make-up punch (补卡): cadre_checkin with a reason and the approver, both required (NULL or blank
   is CADRE_EINVALID naming it). Counted as a check-in, kept apart (makeup_days). */
CADRE_EXTERN int cadre_checkin_makeup(int *out_duplicate, int64_t *out_secondment_id, cadre_db *db,
                                      const cadre_checkin_options *opts, const char *reason, const char *approved_by);

/* (end of secondment) */

/* ---- names by area -------------------------------------------------------------------------- */

/* Each of these is the function whose older name follows it in the comment: same parameters, same
   behaviour. The older names stay exported for the programs written against them. */
CADRE_EXTERN int cadre_db_open(cadre_db **out, const char *path); /* cadre_open */
CADRE_EXTERN int cadre_db_open_ext(cadre_db **out, const char *path,
                                   const cadre_open_options *opts); /* cadre_open_ext */
CADRE_EXTERN void cadre_db_close(cadre_db *db);                      /* cadre_close */
CADRE_EXTERN int cadre_db_set_actor(cadre_db *db, const char *actor); /* cadre_set_actor */
CADRE_EXTERN int cadre_report_text(char **out, cadre_db *db, const char *kind, const char *key,
                                   const cadre_report_options *opts); /* cadre_report */
CADRE_EXTERN int cadre_import_file(char **out_json, cadre_db *db, const char *what, const char *path,
                                   const cadre_import_options *opts); /* cadre_import */
CADRE_EXTERN int cadre_calendar_count_workdays(int64_t *out, cadre_db *db, const char *from,
                                               const char *to); /* cadre_calendar_workdays */
CADRE_EXTERN int cadre_course_enrol(int *out_waitlisted, cadre_db *db, const char *course,
                                    const char *staff_no); /* cadre_enrol */
CADRE_EXTERN int cadre_course_enrol_batch(int *out_waitlisted, cadre_db *db, const char *course,
                                          const char *const *staff_nos, size_t count); /* cadre_enrol_batch */
CADRE_EXTERN int cadre_course_withdraw(char **out_promoted_staff_no, cadre_db *db, const char *course,
                                       const char *staff_no, const char *reason); /* cadre_withdraw */
CADRE_EXTERN int cadre_course_assess(cadre_db *db, const char *course, const char *staff_no,
                                     const char *component, double score); /* cadre_assess */
CADRE_EXTERN int cadre_course_export_ics(char **out, cadre_db *db, const char *course); /* cadre_export_ics */
CADRE_EXTERN int cadre_session_attend(cadre_db *db, const char *course, int session_no,
                                      const char *const *staff_nos, size_t count, const char *status,
                                      const char *note); /* cadre_attend */
CADRE_EXTERN int cadre_session_feedback(cadre_db *db, const char *course, int session_no, const char *by,
                                        int relevance, int theory, int information, int delivery,
                                        int manner); /* cadre_feedback */
CADRE_EXTERN int cadre_checkin_add(int *out_duplicate, int64_t *out_secondment_id, cadre_db *db,
                                   const cadre_checkin_options *opts); /* cadre_checkin */
CADRE_EXTERN int cadre_checkin_add_batch(int64_t *out_written, int64_t *out_duplicates, cadre_db *db,
                                         const cadre_checkin_options *items, size_t count); /* cadre_checkin_batch */
CADRE_EXTERN int cadre_secondment_evaluate(cadre_db *db, int64_t secondment_id,
                                           const cadre_evaluation_options *opts); /* cadre_evaluate */

/* ---- report figures: the main numbers of a report as C values ------------------------------ */

/* The figures of `report secondment ID` (the same numbers as its JSON report, computed from the
   same typed result), so a C program need not parse JSON for a number. as_of: "YYYY-MM-DD", NULL =
   today in the database's time zone. Initialise *out with CADRE_SECONDMENT_SUMMARY_RESULT_INIT; on
   success its strings are the caller's (release each with cadre_free); on failure *out is
   unchanged. An id below 1 or a malformed as_of is CADRE_EINVALID, an unknown id CADRE_ENOTFOUND. */
typedef struct cadre_secondment_summary_result {
  unsigned int version;        /* CADRE_SECONDMENT_SUMMARY_RESULT_VERSION (the caller's; set by _INIT) */
  char *as_of;                 /* "YYYY-MM-DD": the day the figures are as of */
  char *status;                /* planned | active | completed | terminated, as of that day */
  int64_t working_days;        /* of the period up to as_of (the work calendar) */
  int64_t present_days;        /* working days with a check-in, not on leave */
  int64_t leave_days;          /* working days on approved leave */
  int has_presence_rate;       /* 0: no working day outside leave yet (presence_rate is then 0) */
  double presence_rate;        /* (present + trip days) / (working - leave), 0-1 */
  double min_presence;         /* setting min_presence, 0-1 */
  int64_t report_months;       /* months of the period up to as_of */
  int64_t reports_filed;       /* monthly work reports filed by as_of */
  int64_t reports_missing;     /* not filed and past the due date */
  int64_t reports_not_yet_due; /* not filed, not yet due */
  int has_overall_score;       /* 0: no evaluation yet (overall_score is then 0) */
  double overall_score;        /* weighted over the raters, 0-100 */
  char *overall_grade;         /* excellent | competent | basically_competent | incompetent; NULL: none */
  int64_t alerts;              /* flags the report raises (low presence, each missing monthly report) */
  int64_t tasks_open;          /* tasks set by the host, not done and not past their due date */
  int64_t tasks_overdue;       /* tasks not done by their due date */
  int64_t trip_days;           /* working days on a duty trip without a check-in, not on leave */
  int64_t makeup_days;         /* present days whose only check-ins are make-up punches */
  int64_t days_in_post;        /* calendar days with a check-in or on a trip (the village rule) */
  int64_t spot_check_absences; /* absences found by spot checks (overall_grade is after their cap) */
} cadre_secondment_summary_result;
#define CADRE_SECONDMENT_SUMMARY_RESULT_VERSION 1
#define CADRE_SECONDMENT_SUMMARY_RESULT_INIT \
  { CADRE_SECONDMENT_SUMMARY_RESULT_VERSION, NULL, NULL, 0, 0, 0, 0, 0.0, 0.0, 0, 0, 0, 0, 0, 0.0, NULL, 0, 0, 0, 0, 0, 0, 0 }
CADRE_EXTERN int cadre_report_secondment_summary(cadre_secondment_summary_result *out, cadre_db *db,
                                                 int64_t secondment_id, const char *as_of);

/* The figures of `report course CODE`, as cadre_report_secondment_summary's. Initialise *out with
   CADRE_COURSE_SUMMARY_RESULT_INIT; it holds no strings; on failure it is unchanged. An unknown
   course is CADRE_ENOTFOUND. */
typedef struct cadre_course_summary_result {
  unsigned int version; /* CADRE_COURSE_SUMMARY_RESULT_VERSION (the caller's; set by _INIT) */
  double total_hours;   /* scheduled: the sum of the sessions' hours */
  int64_t sessions;
  int64_t enrolled; /* trainees not withdrawn (the waitlist is not counted) */
  int64_t completed;
  int64_t withdrawn;
  int64_t waitlisted;
  int has_completion_rate; /* 0: nobody enrolled (completion_rate is then 0) */
  double completion_rate;  /* completed / enrolled, 0-1 */
  int64_t grade_excellent; /* enrolled trainees per grade */
  int64_t grade_good;
  int64_t grade_pass;
  int64_t grade_fail;
  int64_t feedback_responses;
  int has_feedback_total; /* 0: no feedback (feedback_total is then 0) */
  double feedback_total;  /* the mean total of the five indicators, 0-100 */
} cadre_course_summary_result;
#define CADRE_COURSE_SUMMARY_RESULT_VERSION 1
#define CADRE_COURSE_SUMMARY_RESULT_INIT \
  { CADRE_COURSE_SUMMARY_RESULT_VERSION, 0.0, 0, 0, 0, 0, 0, 0, 0.0, 0, 0, 0, 0, 0, 0, 0.0 }
CADRE_EXTERN int cadre_report_course_summary(cadre_course_summary_result *out, cadre_db *db, const char *course);

/* The figures of `report hours --year YEAR [--unit UNIT]`, as cadre_report_course_summary's: the
   people in scope and how many fall short, per rule. unit: NULL = everyone, else the unit and the
   units below it. Initialise *out with CADRE_HOURS_SUMMARY_RESULT_INIT; it holds no strings; on
   failure it is unchanged. A year outside 1900-9999 is CADRE_EINVALID, an unknown unit
   CADRE_ENOTFOUND. */
typedef struct cadre_hours_summary_result {
  unsigned int version;          /* CADRE_HOURS_SUMMARY_RESULT_VERSION (the caller's; set by _INIT) */
  int64_t people;                /* in scope */
  int64_t non_compliant;         /* short against any rule */
  int64_t annual_hours_short;    /* general tier: under 90 centralised hours and 12 days in the year */
  int64_t five_year_hours_short; /* leader tier: under 550 hours and leader_min_days days over the year
                                    and the 4 before it */
  int64_t online_hours_short;    /* under 50 online hours in the year */
  /* version 2 */
  int64_t appointment_training_overdue; /* promoted into the leader tier, no appointment course within a
                                           year of it by the report's date (31 December, or today) */
} cadre_hours_summary_result;
#define CADRE_HOURS_SUMMARY_RESULT_VERSION 2
#define CADRE_HOURS_SUMMARY_RESULT_INIT \
  { CADRE_HOURS_SUMMARY_RESULT_VERSION, 0, 0, 0, 0, 0, 0 }
CADRE_EXTERN int cadre_report_hours_summary(cadre_hours_summary_result *out, cadre_db *db, int year, const char *unit);

/* One person's hours for a year: their row of `report hours --year YEAR` (the same numbers as its
   JSON), whatever their unit. Initialise *out with CADRE_PERSON_HOURS_RESULT_INIT; on success
   out->tier (and, version 2, the appointment strings) are the caller's (release each with
   cadre_free); on failure *out is unchanged. A year outside 1900-9999 is CADRE_EINVALID, an unknown
   staff_no CADRE_ENOTFOUND. */
typedef struct cadre_person_hours_result {
  unsigned int version;          /* CADRE_PERSON_HOURS_RESULT_VERSION (the caller's; set by _INIT) */
  char *tier;                    /* general (90 a year) | leader (550 over the year and the 4 before it) */
  double centralised_hours;      /* of the year: completed courses and recorded centralised hours */
  double required_hours;         /* centralised hours the tier's rule asks for in its window */
  double window_hours;           /* centralised hours counted in that window */
  double shortfall_hours;        /* required - window when short, else 0 */
  double online_hours;           /* of the year */
  double online_required;        /* 50 */
  double online_shortfall_hours; /* online_required - online_hours when short, else 0 */
  int compliant;                 /* 1: short against no rule */
  /* version 2: days or hours, appointment training (任职培训). Strings are the caller's (cadre_free). */
  int64_t centralised_days;      /* of the year: days attended in completed courses, external records */
  int64_t required_days;         /* days the tier's rule accepts instead of hours (12; leader_min_days) */
  int64_t window_days;           /* days counted in the tier's window */
  char *appointment_status;      /* done | due | overdue; NULL: never promoted into the leader tier */
  char *appointment_promoted_on; /* YYYY-MM-DD of that promotion, or NULL */
  char *appointment_due;         /* YYYY-MM-DD, a year after it (inclusive), or NULL */
  char *appointment_course;      /* the appointment course that did it (done), else NULL */
} cadre_person_hours_result;
#define CADRE_PERSON_HOURS_RESULT_VERSION 2
#define CADRE_PERSON_HOURS_RESULT_INIT \
  { CADRE_PERSON_HOURS_RESULT_VERSION, NULL, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0, 0, 0, NULL, NULL, NULL, NULL }
CADRE_EXTERN int cadre_report_person_hours(cadre_person_hours_result *out, cadre_db *db, const char *staff_no,
                                           int year);

/* ---- tasks set by the host (task add | progress | done; they show in cadre_report "secondment") - */

/* `task add`. title, objective and due are required. Dates are YYYY-MM-DD within the secondment's
   period; due not before set_on. */
typedef struct cadre_task_options {
  unsigned int version;    /* CADRE_TASK_OPTIONS_VERSION */
  const char *title;       /* required */
  const char *objective;   /* required */
  const char *due;         /* required: the deadline */
  const char *requirement; /* optional */
  const char *mentor;      /* optional: who guides the secondee */
  const char *set_on;      /* the day the host set the task (NULL = today) */
} cadre_task_options;
#define CADRE_TASK_OPTIONS_VERSION 1
#define CADRE_TASK_OPTIONS_INIT {CADRE_TASK_OPTIONS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL}

/* *out_id: the new task. A date outside the period, or due before set_on, is CADRE_EINVALID naming
   the member; an unknown secondment CADRE_ENOTFOUND. opts is required. */
CADRE_EXTERN int cadre_task_add(int64_t *out_id, cadre_db *db, int64_t secondment_id, const cadre_task_options *opts);
/* A progress note on `on` (a day of the period, not before the task was set); a done task is
   CADRE_ECONFLICT. */
CADRE_EXTERN int cadre_task_progress(cadre_db *db, int64_t task_id, const char *on, const char *text);
/* Done on `on` (as for progress), outcome optional; a task already done is CADRE_ECONFLICT. */
CADRE_EXTERN int cadre_task_done(cadre_db *db, int64_t task_id, const char *on, const char *outcome);

/* The language of this handle: "en" or "zh"; NULL goes back to the thread's (cadre_set_language).
   Every call on the handle then speaks it: cadre_error_last()->message, and the reports of
   cadre_report whose options leave lang NULL. Errors before the handle is looked at (a NULL
   handle or argument) stay in the thread's language. An unknown language is CADRE_EINVALID. */
CADRE_EXTERN int cadre_db_set_language(cadre_db *db, const char *lang);

/* `db copy FROM TO`: a whole cadre database into a new one, SQLite or PostgreSQL either way (both
   as cadre_open takes them), in one transaction on TO, verified there (row counts, the audit chain
   and its digests, the figures of every report). CADRE_ECONFLICT when TO holds data, CADRE_ESTORAGE
   when it cannot be opened or the copy does not verify; TO is then as it was. */
CADRE_EXTERN int cadre_db_copy(const char *from, const char *to);

#ifdef __cplusplus
}
#endif

#endif /* CADRE_H */
