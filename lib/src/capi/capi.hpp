// Internal: the machinery every C wrapper uses. A wrapper is one `call` around C++ calls:
//
//   int cadre_unit_add(cadre_db* db, const char* code, ...) {
//     return capi::call([&] { cadre::add_unit(capi::handle(db), {capi::need(code, "code"), ...}); });
//   }
//
// `call` is the only place where C++ exceptions become return codes and cadre_error_last().
//
// Adding a function: declare it in cadre.h (out-parameters first, `const char*` for text, NULL for
// "not given", a versioned options struct for optional fields), define it in capi_<area>.cpp as one
// `call`, and test it in tests/capi/test_capi.c. Results: text through `char** out` = capi::dup(...);
// a new row id through `int64_t* out`; an enum outcome (enrolled/waitlisted) through `int* out` with
// CADRE_* constants in cadre.h. Set string out-params to NULL before `call`, so a failure leaves NULL.
#pragma once
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>

#include "cadre/cadre.h"
#include "cadre/database.hpp"
#include "cadre/error.hpp"
#include "cadre/secondment.hpp"
#include "util/text.hpp"

struct cadre_db {
  cadre::Database rep;
  std::string lang;  // cadre_db_set_language; empty: the thread's (cadre_set_language)
};

namespace cadre::capi {

// Records the outcome of the current call on this thread; never throws.
void set_error(int code, const char* message) noexcept;

// The language of the current call: cadre_error_last() is rendered in it, and the library's own
// text made during the call (titles, import row lists) follows it. The thread's language
// (cadre_set_language) unless the handle has one (handle()) or a report asks for one (speak()).
void begin_call() noexcept;
void end_call() noexcept;  // the thread's language as it was before the call
void speak(const std::string& lang);

// The one translator: runs f, returns 0, or the negative code of whatever it threw, with the
// message in the call's language and its fields spelled in `style`.
int translate_current_exception(FieldStyle style = FieldStyle::capi) noexcept;
template <typename F>
int call(F&& f, FieldStyle style = FieldStyle::capi) noexcept {
  int rc = CADRE_OK;
  begin_call();
  try {
    set_error(CADRE_OK, "");
    f();
  } catch (...) {
    rc = translate_current_exception(style);
  }
  end_call();
  return rc;
}

// Arguments: a required pointer that is NULL is Error(invalid) naming the parameter. The call
// speaks the handle's language from here on.
Database& handle(cadre_db* db);
std::string need(const char* s, const char* name);
std::optional<std::string> opt(const char* s);
template <typename T>
T& need_out(T* out, const char* name) {
  if (!out) throw Error(Errc::invalid, detail::msg("{}: NULL out-parameter", name), name);
  return *out;
}

// A copy the caller releases with cadre_free (malloc'd, NUL-terminated).
char* dup(const std::string& s);

// Versioned options: copies the caller's struct up to the size its version had (sizes[v-1]),
// the rest keeps the defaults. An unknown version is Error(invalid).
template <typename T>
T options(const T* given, T defaults, std::initializer_list<std::size_t> sizes, const char* name) {
  if (!given) return defaults;
  if (given->version < 1 || given->version > sizes.size())
    throw Error(Errc::invalid,
                detail::msg("{}: unsupported version {} (use the _INIT macro of this cadre.h)", name, given->version),
                name);
  std::memcpy(static_cast<void*>(&defaults), given, sizes.begin()[given->version - 1]);
  return defaults;
}

// The check-in of a cadre_checkin_options (version-checked, source "api"); capi_secondment.cpp.
CheckinInput checkin_input(const cadre_checkin_options* given);

}  // namespace cadre::capi
