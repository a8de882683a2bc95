// The C API's core: the opaque handle, the thread-local last error, the one exception translator,
// and the entry points that are not about one domain area.
#include "capi/capi.hpp"

#include <cstdlib>
#include <new>
#include <optional>

#include "cadre/i18n.hpp"
#include "util/text.hpp"

namespace cadre::capi {

namespace {
struct LastError {
  std::string text;
  cadre_error error{CADRE_OK, ""};
};
thread_local LastError last;

struct CallLanguage {
  std::string lang = "en";             // what the call's messages are rendered in
  std::optional<std::string> restore;  // the thread's language, when handle() changed it
};
thread_local CallLanguage call_language;
}  // namespace

void begin_call() noexcept {
  try {
    call_language.lang.assign(language());
  } catch (...) {  // no memory for a two-letter string: the call fails on its own soon enough
  }
  call_language.restore.reset();
}

void end_call() noexcept {
  if (!call_language.restore) return;
  try {
    set_language(*call_language.restore);
  } catch (...) {  // a language set_language accepted before
  }
  call_language.restore.reset();
}

void speak(const std::string& lang) { call_language.lang = lang; }

void set_error(int code, const char* message) noexcept {
  last.error.code = code;
  try {
    last.text.assign(message);
    last.error.message = last.text.c_str();
  } catch (...) {
    last.error.message = "out of memory";
  }
}

int translate_current_exception(FieldStyle style) noexcept {
  try {
    throw;
  } catch (const Error& e) {
    int code = -static_cast<int>(e.code());
    if (code >= 0) code = CADRE_EINTERNAL;
    try {  // in the call's language, fields named as the C API spells them: the struct member or parameter
      set_error(code, name_fields(e.text(call_language.lang), style).c_str());
    } catch (...) {
      set_error(code, e.what());
    }
    return code;
  } catch (const std::bad_alloc&) {
    set_error(CADRE_ESTORAGE, "out of memory");  // as the CLI: resources, not a bug
    return CADRE_ESTORAGE;
  } catch (const std::exception& e) {
    try {
      set_error(CADRE_EINTERNAL, (std::string("internal error: ") + e.what()).c_str());
    } catch (...) {
      set_error(CADRE_EINTERNAL, "internal error");
    }
    return CADRE_EINTERNAL;
  } catch (...) {
    set_error(CADRE_EINTERNAL, "internal error: unknown exception");
    return CADRE_EINTERNAL;
  }
}

Database& handle(cadre_db* db) {
  if (!db) detail::fail(Errc::invalid, "db", "db: NULL handle");
  if (!db->lang.empty()) {
    if (!call_language.restore) call_language.restore = std::string(language());
    set_language(db->lang);
    call_language.lang = db->lang;
  }
  return db->rep;
}

std::string need(const char* s, const char* name) {
  if (!s) detail::fail(Errc::invalid, name, "{}: NULL where a value is required", name);
  return s;
}

std::optional<std::string> opt(const char* s) {
  if (!s) return std::nullopt;
  return std::string(s);
}

char* dup(const std::string& s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

}  // namespace cadre::capi

using namespace cadre;

const char* cadre_version(void) { return cadre::version(); }

int cadre_open(cadre_db** out, const char* path) { return cadre_open_ext(out, path, nullptr); }

int cadre_open_ext(cadre_db** out, const char* path, const cadre_open_options* given) {
  if (out) *out = nullptr;
  return capi::call([&] {
    auto& result = capi::need_out(out, "out");
    cadre_open_options o = CADRE_OPEN_OPTIONS_INIT;
    o = capi::options(given, o, {sizeof(cadre_open_options)}, "cadre_open_options");
    if (o.busy_timeout_ms < 0) detail::fail(Errc::invalid, "busy_timeout_ms", "busy_timeout_ms: must not be negative");
    OpenOptions options;
    options.busy_timeout_ms = o.busy_timeout_ms;
    options.create = o.must_exist == 0;
    result = new cadre_db{Database(capi::need(path, "path"), options), {}};
  });
}

void cadre_close(cadre_db* db) { delete db; }

const cadre_error* cadre_error_last(void) { return &capi::last.error; }

void cadre_free(void* p) { std::free(p); }

int cadre_set_actor(cadre_db* db, const char* actor) {
  return capi::call([&] {
    std::string a = capi::need(actor, "actor");
    if (a.empty()) detail::fail(Errc::invalid, "actor", "actor: must not be empty");
    capi::handle(db).set_actor(std::move(a));
  });
}

int cadre_set_language(const char* lang) {
  return capi::call([&] { set_language(capi::need(lang, "lang")); });
}

int cadre_db_set_language(cadre_db* db, const char* lang) {
  return capi::call([&] {
    if (!db) detail::fail(Errc::invalid, "db", "db: NULL handle");  // before handle(): not in the old language
    std::string l = lang ? lang : "";
    if (!l.empty() && l != "en" && l != "zh")
      detail::fail(Errc::invalid, "lang", "lang: unknown language (en or zh): {}", l);
    db->lang = std::move(l);
  });
}
