// Internal: the state behind a cadre::Database and the helpers every domain area uses to talk to
// SQLite. Never included from a public header.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>

#include "cadre/database.hpp"
#include "cadre/error.hpp"

namespace cadre {

namespace detail {
// How a database file is opened: the name given to SQLite (a URI for an immutable read), its flags,
// and why it is read-only when cadre may not write there (a read-only folder, file or file system).
struct OpenAccess {
  std::string filename;
  int flags = 0;
  std::optional<std::string> read_only;
};
}  // namespace detail

// Hidden: the shared library exports the public API, not the storage internals.
struct __attribute__((visibility("hidden"))) Database::Impl {
  Impl(const std::string& path, const OpenOptions& options);
  std::string path;
  detail::OpenAccess access;  // before db: db is opened as it says
  SQLite::Database db;
  std::string actor;
  // Prepared statements by SQL text, prepared once per connection and reset after each use. Keyed
  // by the text itself, not its address: equal texts share one statement, and a text built at run
  // time cannot alias another that once lived at the same address. The key views the statement's
  // own copy of its text, so it lives exactly as long as its entry.
  std::unordered_map<std::string_view, std::unique_ptr<SQLite::Statement>> statements;
  std::optional<std::string> timezone_cache;

  SQLite::Statement& prepare(std::string_view sql);
};

namespace detail {

// A prepared statement borrowed from the cache; reset and unbound when the Stmt goes away.
class Stmt {
 public:
  Stmt(Database::Impl& impl, std::string_view sql) : s_(impl.prepare(sql)) {}
  ~Stmt() {
    try { s_.reset(); s_.clearBindings(); } catch (...) {}
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  SQLite::Statement* operator->() { return &s_; }
  SQLite::Statement& operator*() { return s_; }
  template <typename... Args>
  Stmt& bind(const Args&... args) {
    int i = 1;
    (bind_one(i++, args), ...);
    return *this;
  }
  bool step() { return s_.executeStep(); }
  int exec() { return s_.exec(); }
  SQLite::Column col(int i) { return s_.getColumn(i); }
  // A text column that may be NULL.
  std::optional<std::string> text_or_null(int i) {
    auto c = s_.getColumn(i);
    if (c.isNull()) return std::nullopt;
    return c.getString();
  }

 private:
  void bind_one(int i, const std::string& v) { s_.bind(i, v); }
  void bind_one(int i, const char* v) { s_.bind(i, v); }
  void bind_one(int i, std::int64_t v) { s_.bind(i, v); }
  void bind_one(int i, long long v) { s_.bind(i, static_cast<std::int64_t>(v)); }
  void bind_one(int i, int v) { s_.bind(i, v); }
  void bind_one(int i, double v) { s_.bind(i, v); }
  void bind_one(int i, std::nullptr_t) { s_.bind(i); }
  template <typename T>
  void bind_one(int i, const std::optional<T>& v) {
    if (v) bind_one(i, *v); else s_.bind(i);
  }
  SQLite::Statement& s_;
};

// Every command is one transaction. Writers begin IMMEDIATE so that a second writer waits on the
// busy timeout at BEGIN instead of failing half-way; readers take a plain deferred transaction so
// a report sees one snapshot.
class Tx {
 public:
  enum class Mode { read, write };
  Tx(Database::Impl& impl, Mode mode);
  ~Tx();
  void commit();
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

 private:
  Database::Impl& impl_;
  bool done_ = false;
};

// A savepoint inside the command's transaction: what is done under it is undone alone by
// rollback() while the transaction goes on, or kept by release(); the destructor rolls back if
// neither was called (an exception on its way out). Savepoints nest: each one is the innermost of
// that name, so one fixed name serves every level. Not SQLite::Savepoint: in the SQLiteCpp of
// Debian 12 (3.2.1) its rollback() leaves the savepoint open, and each one prepares a statement
// to quote its name, once per imported row; these three texts are prepared once per connection.
class Savepoint {
 public:
  explicit Savepoint(Database::Impl& impl) : impl_(impl) { Stmt(impl_, "SAVEPOINT cadre_savepoint").exec(); }
  ~Savepoint() {
    if (!done_) {
      try {
        rollback();
      } catch (...) {
      }
    }
  }
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  void release() {
    done_ = true;
    Stmt(impl_, "RELEASE cadre_savepoint").exec();
  }
  void rollback() {
    done_ = true;
    Stmt(impl_, "ROLLBACK TO cadre_savepoint").exec();
    Stmt(impl_, "RELEASE cadre_savepoint").exec();
  }

 private:
  Database::Impl& impl_;
  bool done_ = false;
};

// Wraps one library operation: SQLite errors become Error(storage) (or conflict for constraint
// violations the caller did not foresee), so nothing SQLite-specific escapes the library.
[[noreturn]] void rethrow_storage(const SQLite::Exception& e);

template <typename F>
auto guard(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error&) {
    throw;
  } catch (const SQLite::Exception& e) {
    rethrow_storage(e);
  }
}

// One read or write command: guard + transaction (+ commit for writes).
template <typename F>
auto write(Database& db, F&& f) -> decltype(f(db.impl())) {
  return guard([&]() -> decltype(f(db.impl())) {
    Tx tx(db.impl(), Tx::Mode::write);
    if constexpr (std::is_void_v<decltype(f(db.impl()))>) {
      f(db.impl());
      tx.commit();
    } else {
      auto result = f(db.impl());
      tx.commit();
      return result;
    }
  });
}
template <typename F>
auto read(Database& db, F&& f) -> decltype(f(db.impl())) {
  return guard([&]() -> decltype(f(db.impl())) {
    Tx tx(db.impl(), Tx::Mode::read);
    return f(db.impl());
  });
}

// The database time zone (setting `timezone`).
const std::string& timezone(Database::Impl& impl);

}  // namespace detail
}  // namespace cadre
