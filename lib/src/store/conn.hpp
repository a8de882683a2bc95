// Internal: the backend behind a cadre::Database. The domain code talks to one prepared-statement
// API (detail::Stmt in store.hpp); a Connection is SQLite (sqlite_conn.cpp) or PostgreSQL
// (pg_conn.cpp). SQL is written once with `?` placeholders, dates and instants as TEXT, booleans as
// INTEGER 0/1, so the same text runs on both. PostgreSQL infers a parameter's type where it first
// meets it: a parameter tested for NULL is used typed first (`col = ?1 OR ?1 IS NULL`).
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_result;

namespace SQLite {
class Database;
}

namespace cadre {
struct OpenOptions;
namespace detail {

enum class Backend { sqlite, postgres };

// A PostgreSQL failure: the server's message and its SQLSTATE ("23505"), or "" for a failure of the
// connection itself. Turned into cadre::Error by guard() like a SQLite::Exception.
class PgError : public std::runtime_error {
 public:
  PgError(const std::string& message, std::string sqlstate)
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  std::string sqlstate_;
};

// One column of the current row, read as the domain code asks for it. On SQLite it reads the
// statement directly (the hot loops of the reports run through here); on PostgreSQL it parses the
// text the server sent.
class Column {
 public:
  Column(sqlite3_stmt* s, int i) : s_(s), i_(i) {}
  Column(const pg_result* r, int row, int i) : r_(r), row_(row), i_(i) {}
  bool isNull() const { return s_ ? sqlite3_column_type(s_, i_) == SQLITE_NULL : pg_null(); }
  std::int64_t getInt64() const { return s_ ? sqlite3_column_int64(s_, i_) : pg_int64(); }
  int getInt() const { return s_ ? sqlite3_column_int(s_, i_) : static_cast<int>(pg_int64()); }
  double getDouble() const { return s_ ? sqlite3_column_double(s_, i_) : pg_double(); }
  std::string getString() const {
    if (!s_) return pg_string();
    auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s_, i_));
    return text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(s_, i_))) : std::string();
  }

 private:
  bool pg_null() const;
  std::int64_t pg_int64() const;
  double pg_double() const;
  std::string pg_string() const;
  sqlite3_stmt* s_ = nullptr;
  const pg_result* r_ = nullptr;
  int row_ = 0;
  int i_ = 0;
};

// A prepared statement, bound by position from 1 as in SQLite.
class Statement {
 public:
  explicit Statement(std::string sql) : sql_(std::move(sql)) {}
  virtual ~Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  const std::string& sql() const { return sql_; }

  virtual void bind(int i, std::int64_t v) = 0;
  virtual void bind(int i, double v) = 0;
  virtual void bind(int i, std::string_view v) = 0;
  virtual void bind(int i) = 0;  // NULL
  void bind(int i, int v) { bind(i, static_cast<std::int64_t>(v)); }
  void bind(int i, long long v) { bind(i, static_cast<std::int64_t>(v)); }
  void bind(int i, const std::string& v) { bind(i, std::string_view(v)); }
  void bind(int i, const char* v) { bind(i, std::string_view(v)); }
  void bind(int i, std::nullptr_t) { bind(i); }

  // The next row; false when there is none.
  virtual bool step() = 0;
  // Runs a statement that returns no rows; the number of rows it changed.
  virtual int exec() = 0;
  // Not virtual on SQLite: the report loops read millions of columns.
  Column column(int i) { return sqlite_ ? Column(sqlite_, i) : other_column(i); }
  // Ready to run again; the bindings stay until rebound or cleared.
  virtual void reset() = 0;
  virtual void clear_bindings() = 0;

 protected:
  virtual Column other_column(int i) = 0;
  sqlite3_stmt* sqlite_ = nullptr;  // set by the SQLite statement

 private:
  std::string sql_;
};

// A bulk load into one table: PostgreSQL's COPY FROM STDIN (text format), the rows sent as they
// are added, a buffer at a time, inside the command's transaction. Rows are added a field at a
// time, in the order of the columns given to Connection::copy_in, then end_row(). finish() ends
// the COPY and returns the rows loaded; destroyed before finish() (an exception on its way out),
// it cancels the COPY, which fails the transaction, so the command's rollback undoes it all.
class CopyIn {
 public:
  virtual ~CopyIn() = default;
  void add(std::int64_t v);
  void add(double v);
  void add(std::string_view v);
  void add_null() { field_separator(), buffer_ += "\\N"; }
  void add(int v) { add(static_cast<std::int64_t>(v)); }
  void add(const std::string& v) { add(std::string_view(v)); }
  template <class T>
  void add(const std::optional<T>& v) {
    if (v)
      add(*v);
    else
      add_null();
  }
  void end_row();
  virtual std::int64_t finish() = 0;

 protected:
  virtual void send(std::string_view bytes) = 0;
  std::string buffer_;

 private:
  void field_separator() {
    if (!first_) buffer_ += '\t';
    first_ = false;
  }
  bool first_ = true;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  // A statement prepared once per connection and text; reset after each use by detail::Stmt.
  Statement& prepare(std::string_view sql);
  // Statements without parameters or results, run as one script (BEGIN, COMMIT, ...).
  virtual void exec(const std::string& sql) = 0;
  // Begins the one transaction of a command: writers serialise (and wait), readers see one snapshot.
  virtual void begin(bool write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // The schema version the database records, and its tables by name (cadre's and any other).
  virtual int schema_version() = 0;
  virtual std::vector<std::string> tables() = 0;
  // Why cadre may not write here (a read-only file or folder); nullopt when it may.
  std::optional<std::string> read_only;
  // SQLite only: the SQLite connection, for what has no neutral form yet (the audit digest, the
  // integrity checks, the backup); nullptr on PostgreSQL.
  virtual SQLite::Database* sqlite() { return nullptr; }
  // PostgreSQL: a COPY into `table` (its columns named, identifiers already quoted); nullptr on
  // SQLite, where one prepared INSERT in the transaction is already the floor.
  virtual std::unique_ptr<CopyIn> copy_in(const std::string& /*table*/, const std::vector<std::string>& /*columns*/) {
    return nullptr;
  }
  // Runs one statement without parameters and returns the first column of its first row as an
  // integer (0 when there is none), unprepared: for statements on a temporary table.
  virtual std::int64_t exec_value(const std::string& sql) = 0;
  // Keyed by the text itself, not its address: equal texts share one statement, and a text built at
  // run time cannot alias another that once lived at the same address. The key views the
  // statement's own copy of its text, so it lives exactly as long as its entry.
  std::unordered_map<std::string_view, std::unique_ptr<Statement>> statements;

 protected:
  virtual std::unique_ptr<Statement> make_statement(std::string sql) = 0;
};

// One migration: its version and SQL text (embedded at build time, store/embedded.hpp).
struct Migration {
  int version;
  const std::string* sql;
  std::string name;
};
// PostgreSQL's first migration, schema/pg/0001_baseline.sql, makes the state SQLite reaches after
// its migrations 1..6 and is recorded as version 6.
inline constexpr const char* kPgBaselinePrefix = "0001_baseline";
inline constexpr int kPgBaselineVersion = 6;
// The migrations of a backend in version order.
std::vector<Migration> migrations(Backend backend);
int latest_version(Backend backend);
// Refusals shared by both backends' identification.
void refuse_newer_schema(int version, Backend backend);
[[noreturn]] void refuse_tables_of_another_program(const std::string& name);

// Where cadre keeps its database by default (the only folder it creates): $XDG_DATA_HOME/cadre.
std::filesystem::path default_data_folder();

// Whether a --db / $CADRE_DB value names a PostgreSQL database (a postgresql:// or postgres:// URI, or
// a libpq key=value string) rather than a SQLite file.
bool is_postgres(std::string_view target);

// Opens, identifies and migrates: a SQLite file (sqlite_conn.cpp) or a PostgreSQL database (pg_conn.cpp).
std::unique_ptr<Connection> open_sqlite(const std::string& path, const OpenOptions& options);
std::unique_ptr<Connection> open_postgres(const std::string& target, const OpenOptions& options);

// The connection string with any password replaced by "***", for messages.
std::string redact_connection_string(std::string_view target);

// The shared SQL as PostgreSQL reads it: `?` and `?NNN` placeholders as `$n` (a bare `?` takes the
// largest number so far + 1, as in SQLite), and SQLite's join-order hint `CROSS JOIN t ON` as `JOIN t ON`;
// quoted strings, quoted identifiers and comments are left alone.
std::string pg_placeholders(std::string_view sql, int* count = nullptr);
// A shared migration (schema/NNNN_*.sql, written for SQLite) as PostgreSQL must run it, so a new
// table is one file for both backends: `INTEGER PRIMARY KEY` (SQLite's rowid) becomes an identity
// column, INTEGER BIGINT, REAL DOUBLE PRECISION and TEXT `TEXT COLLATE "C"` (byte order, as SQLite
// sorts), as in the baseline. String literals and comments are left as they are.
std::string pg_dialect(std::string_view sql);

}  // namespace detail
}  // namespace cadre
