// Internal: the state behind a cadre::Database and the helpers every domain area uses to talk to
// its database (SQLite or PostgreSQL, store/conn.hpp). Never included from a public header.
#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "cadre/database.hpp"
#include "cadre/error.hpp"
#include "store/conn.hpp"

namespace cadre {

namespace detail {
// The SQLite connection of a SQLite-backed database, for the code that is SQLite-only (the audit
// digest, the integrity checks, the backup, the unit tests); on PostgreSQL each use is refused.
class SqliteAccess {
 public:
  explicit SqliteAccess(Connection& conn) : conn_(conn) {}
  SQLite::Database& get() const;
  operator SQLite::Database&() const { return get(); }
  sqlite3* getHandle() const { return get().getHandle(); }
  int exec(const std::string& sql) const { return get().exec(sql); }
  SQLite::Column execAndGet(const std::string& sql) const { return get().execAndGet(sql); }

 private:
  Connection& conn_;
};
}  // namespace detail

// Hidden: the shared library exports the public API, not the storage internals.
struct __attribute__((visibility("hidden"))) Database::Impl {
  Impl(const std::string& path, const OpenOptions& options);
  std::string path;
  std::unique_ptr<detail::Connection> conn;
  detail::SqliteAccess db{*conn};
  std::string actor;
  std::optional<std::string> timezone_cache;
  // PostgreSQL: an audit entry was written in this transaction and audit_head is brought up to the
  // log's last entry once, at commit. Updating that one row per entry would keep every version of it
  // in the open transaction, each lookup walking them all: an import of 9,000 rows took 72 s.
  bool audit_head_stale = false;
  // Set while `db copy` holds this database's transaction: the reports it compares run inside it.
  bool joined = false;

  detail::Backend backend() const { return conn->backend(); }
};

namespace detail {

// A prepared statement borrowed from the connection's cache; reset and unbound when the Stmt goes
// away. The same source runs on both backends: `?` placeholders, columns read through Column.
class Stmt {
 public:
  Stmt(Database::Impl& impl, std::string_view sql) : s_(impl.conn->prepare(sql)) {}
  // On a connection being opened (migrations), before its Database::Impl exists.
  Stmt(Connection& conn, std::string_view sql) : s_(conn.prepare(sql)) {}
  ~Stmt() {
    try {
      s_.reset();
      s_.clear_bindings();
    } catch (...) {
    }
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Statement* operator->() { return &s_; }
  Statement& operator*() { return s_; }
  template <typename... Args>
  Stmt& bind(const Args&... args) {
    int i = 1;
    (bind_one(i++, args), ...);
    return *this;
  }
  bool step() { return s_.step(); }
  int exec() { return s_.exec(); }
  Column col(int i) { return s_.column(i); }
  // A text column that may be NULL.
  std::optional<std::string> text_or_null(int i) {
    auto c = s_.column(i);
    if (c.isNull()) return std::nullopt;
    return c.getString();
  }

 private:
  template <typename T>
  void bind_one(int i, const T& v) {
    s_.bind(i, v);
  }
  template <typename T>
  void bind_one(int i, const std::optional<T>& v) {
    if (v) bind_one(i, *v); else s_.bind(i);
  }
  Statement& s_;
};

// Every command is one transaction. Writers serialise: SQLite begins IMMEDIATE (a second writer
// waits on the busy timeout at BEGIN instead of failing half-way), PostgreSQL takes cadre's
// advisory lock. Readers see one snapshot (a deferred transaction; REPEATABLE READ READ ONLY).
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
// PostgreSQL reads the same three statements.
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

// Wraps one library operation: database errors become Error(storage) (or conflict for constraint
// violations the caller did not foresee), so nothing backend-specific escapes the library.
[[noreturn]] void rethrow_storage(const SQLite::Exception& e);
[[noreturn]] void rethrow_storage(const PgError& e);

template <typename F>
auto guard(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const Error&) {
    throw;
  } catch (const SQLite::Exception& e) {
    rethrow_storage(e);
  } catch (const PgError& e) {
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
