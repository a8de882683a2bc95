// The PostgreSQL backend through libpq: statements prepared once per connection (the `?` of the
// shared SQL rewritten to `$n`), one transaction per command (writers serialised by cadre's
// advisory lock, readers in one REPEATABLE READ snapshot), and the database identified by its
// cadre_meta table and migrated under the same lock so two first users cannot race.
#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <regex>

#include "cadre/database.hpp"
#include "store/conn.hpp"
#include "store/digest.hpp"
#include "store/store.hpp"
#include "util/text.hpp"

namespace cadre::detail {

// ---- columns --------------------------------------------------------------------------------

bool Column::pg_null() const { return PQgetisnull(r_, row_, i_) != 0; }
std::string Column::pg_string() const {
  return std::string(PQgetvalue(r_, row_, i_), static_cast<size_t>(PQgetlength(r_, row_, i_)));
}
// Booleans (a comparison, EXISTS) read as SQLite's 1 and 0; NULL reads as 0, as on SQLite.
std::int64_t Column::pg_int64() const {
  const char* v = PQgetvalue(r_, row_, i_);
  if (v[0] == 't' && v[1] == '\0') return 1;
  if (v[0] == 'f' && v[1] == '\0') return 0;
  if (std::strpbrk(v, ".eE")) return static_cast<std::int64_t>(std::strtod(v, nullptr));  // a REAL, truncated
  return std::strtoll(v, nullptr, 10);
}
double Column::pg_double() const {
  const char* v = PQgetvalue(r_, row_, i_);
  if (v[0] == 't' && v[1] == '\0') return 1;
  return std::strtod(v, nullptr);
}

// ---- connection strings ---------------------------------------------------------------------

bool is_postgres(std::string_view t) {
  return t.rfind("postgresql://", 0) == 0 || t.rfind("postgres://", 0) == 0 ||
         t.find("dbname=") != std::string_view::npos || t.find("host=") != std::string_view::npos;
}

namespace {

// The password a connection string carries (URI user:password@, ?password=, or password=...).
std::optional<std::string> password_of(std::string_view t) {
  std::smatch m;
  std::string s(t);
  if (is_postgres(s) && s.find("://") != std::string::npos) {
    static const std::regex uri(R"(^[a-z]+://[^:/@?]*:([^@/?]*)@)");
    if (std::regex_search(s, m, uri)) return m[1].str();
  }
  static const std::regex kv(R"((?:^|[\s?&])password\s*=\s*('(?:[^'\\]|\\.)*'|[^\s&]*))");
  if (std::regex_search(s, m, kv)) return m[1].str();
  return std::nullopt;
}

std::string scrub(std::string text, const std::optional<std::string>& secret) {
  if (!secret || secret->empty()) return text;
  for (size_t at; (at = text.find(*secret)) != std::string::npos;) text.replace(at, secret->size(), "***");
  return text;
}

}  // namespace

std::string redact_connection_string(std::string_view target) {
  return scrub(std::string(target), password_of(target));
}

std::string pg_placeholders(std::string_view sql, int* count) {
  std::string out;
  out.reserve(sql.size() + 16);
  int highest = 0;
  for (size_t i = 0; i < sql.size();) {
    char c = sql[i];
    auto copy_until = [&](std::string_view end) {
      size_t stop = sql.find(end, i + 1);
      stop = stop == std::string_view::npos ? sql.size() : stop + end.size();
      out.append(sql.substr(i, stop - i));
      i = stop;
    };
    if (c == '\'') {
      copy_until("'");  // '' inside a string reads as two strings back to back: the same output
    } else if (c == '"') {
      copy_until("\"");
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      copy_until("\n");
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      copy_until("*/");
    } else if (sql.substr(i, 11) == "CROSS JOIN " &&
               (i == 0 || !std::isalnum(static_cast<unsigned char>(sql[i - 1])))) {
      out += "JOIN ";  // SQLite's join-order hint `CROSS JOIN t ON ...` is a plain join elsewhere
      i += 11;
    } else if (c == '?') {
      size_t j = i + 1;
      while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
      int n = j > i + 1 ? std::stoi(std::string(sql.substr(i + 1, j - i - 1))) : highest + 1;
      highest = std::max(highest, n);
      out += '$';
      out += std::to_string(n);
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  if (count) *count = highest;
  return out;
}

namespace {

// Writers of every cadre process take this transaction-scoped advisory lock ("cadr"): the audit
// chain's head, capacity and quota checks are then serial by construction, as under SQLite's
// BEGIN IMMEDIATE. Migrations take it too.
constexpr std::int64_t kLockKey = 0x63616472;

using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

[[noreturn]] void throw_result(PGconn* c, const PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = primary ? primary : trim(PQerrorMessage(c));
  throw PgError(message, state ? state : "");
}

// Runs `sql` (one or more statements without parameters) and returns the last result.
Result run(PGconn* c, const std::string& sql) {
  Result r(PQexec(c, sql.c_str()), PQclear);
  auto status = PQresultStatus(r.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) throw_result(c, r.get());
  return r;
}

void ignore_notice(void*, const char*) {}

class PgConnection;

class PgStatement final : public Statement {
 public:
  PgStatement(PGconn* conn, std::string sql, int number)
      : Statement(std::move(sql)), conn_(conn), name_(fmt::format("cadre_{}", number)) {
    text_ = pg_placeholders(this->sql(), &count_);
    params_.resize(static_cast<size_t>(count_));
  }
  void bind(int i, std::int64_t v) override { set(i, std::to_string(v)); }
  // The shortest text that reads back as the same double (fmt's default), as SQLite stores it.
  void bind(int i, double v) override { set(i, fmt::format("{}", v)); }
  void bind(int i, std::string_view v) override { set(i, std::string(v)); }
  void bind(int i) override { set(i, std::nullopt); }
  using Statement::bind;
  bool step() override {
    if (!result_) execute();
    return ++row_ < PQntuples(result_.get());
  }
  int exec() override {
    execute();
    return std::atoi(PQcmdTuples(result_.get()));
  }
  Column other_column(int i) override { return Column(result_.get(), row_, i); }
  void reset() override {
    result_.reset();
    row_ = -1;
  }
  void clear_bindings() override { std::fill(params_.begin(), params_.end(), std::nullopt); }

 private:
  void set(int i, std::optional<std::string> v) {
    if (i < 1 || i > count_) throw PgError(fmt::format("parameter {} out of range in: {}", i, sql()), "");
    params_[size_t(i - 1)] = std::move(v);
  }
  void execute() {
    if (!prepared_) {
      Result r(PQprepare(conn_, name_.c_str(), text_.c_str(), 0, nullptr), PQclear);
      if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) throw_result(conn_, r.get());
      prepared_ = true;
    }
    std::vector<const char*> values;
    values.reserve(params_.size());
    for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
    result_.reset(PQexecPrepared(conn_, name_.c_str(), count_, values.data(), nullptr, nullptr, 0));
    row_ = -1;
    auto status = PQresultStatus(result_.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      Result failed(result_.release(), PQclear);
      result_.reset();
      throw_result(conn_, failed.get());
    }
  }
  PGconn* conn_;
  std::string name_;
  std::string text_;
  int count_ = 0;
  bool prepared_ = false;
  std::vector<std::optional<std::string>> params_;
  Result result_{nullptr, PQclear};
  int row_ = -1;
};

// What a PostgreSQL database holds: cadre's identification, or the number of other tables.
struct PgOwner {
  bool meta = false;
  std::string application;
  std::string digest;  // the version of the audit digest's functions and triggers (store/digest.hpp)
  int version = 0;
  std::int64_t tables = 0;
};

class PgConnection final : public Connection {
 public:
  PgConnection(const std::string& target, const OpenOptions& options);
  ~PgConnection() override {
    statements.clear();  // before the connection they were prepared on
    PQfinish(conn_);
  }
  Backend backend() const override { return Backend::postgres; }
  void exec(const std::string& sql) override { run(conn_, sql); }
  void begin(bool write) override {
    run(conn_, write ? fmt::format("BEGIN; SELECT pg_advisory_xact_lock({})", kLockKey)
                     : std::string("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  }
  void commit() override {
    // COMMIT of a transaction that failed answers ROLLBACK without an error: that is a failure.
    auto r = run(conn_, "COMMIT");
    if (std::string_view(PQcmdStatus(r.get())) != "COMMIT")
      throw PgError("the transaction was rolled back by the server", "40000");
  }
  void rollback() override { run(conn_, "ROLLBACK"); }
  int schema_version() override { return owner().version; }
  std::vector<std::string> tables() override {
    std::vector<std::string> out;
    auto r = run(conn_,
                 "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
                 "AND tablename <> 'cadre_meta' ORDER BY tablename COLLATE \"C\"");
    for (int i = 0; i < PQntuples(r.get()); ++i) out.emplace_back(PQgetvalue(r.get(), i, 0));
    return out;
  }

 protected:
  std::unique_ptr<Statement> make_statement(std::string sql) override {
    return std::make_unique<PgStatement>(conn_, std::move(sql), ++prepared_);
  }

 private:
  PgOwner owner();
  void identify_and_migrate();
  void refuse_foreign(const PgOwner& o);

  std::string name_;  // the connection string without its password, for messages
  PGconn* conn_ = nullptr;
  int prepared_ = 0;
};

PgOwner PgConnection::owner() {
  PgOwner o;
  auto r = run(conn_, "SELECT to_regclass('cadre_meta') IS NOT NULL");
  o.meta = std::string_view(PQgetvalue(r.get(), 0, 0)) == "t";
  if (o.meta) {
    auto m = run(conn_, "SELECT key, value FROM cadre_meta");
    for (int i = 0; i < PQntuples(m.get()); ++i) {
      std::string_view key = PQgetvalue(m.get(), i, 0);
      const char* value = PQgetvalue(m.get(), i, 1);
      if (key == "application") o.application = value;
      if (key == "schema_version") o.version = std::atoi(value);
      if (key == "digest") o.digest = value;
    }
  } else {
    auto t = run(conn_, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()");
    o.tables = std::atoll(PQgetvalue(t.get(), 0, 0));
  }
  return o;
}

void PgConnection::refuse_foreign(const PgOwner& o) {
  if (o.meta && o.application != "cadre")
    throw Error(Errc::storage, msg("{} is not a cadre database (it belongs to another program)", name_));
  if (!o.meta && o.tables > 0) refuse_tables_of_another_program(name_);
  refuse_newer_schema(o.version, Backend::postgres);
}

// Looks first without a lock (the common case: a cadre database at the latest schema); creates or
// upgrades in one transaction under the advisory lock, deciding again inside it.
void PgConnection::identify_and_migrate() {
  PgOwner o = owner();
  refuse_foreign(o);
  int latest = latest_version(Backend::postgres);
  if (o.meta && o.version == latest && o.digest == kPgDigestVersion) return;
  run(conn_, fmt::format("BEGIN; SELECT pg_advisory_xact_lock({})", kLockKey));
  try {
    o = owner();
    refuse_foreign(o);
    if (!o.meta) run(conn_, "CREATE TABLE cadre_meta (key TEXT COLLATE \"C\" PRIMARY KEY, value TEXT NOT NULL)");
    for (const auto& m : migrations(Backend::postgres))
      if (m.version > o.version) run(conn_, *m.sql);
    // The digests follow the tables the migrations made or changed (and reach a database made
    // before they were kept on PostgreSQL).
    sync_digest_pg(*this);
    // Integers and fixed words, not input.
    run(conn_, fmt::format("INSERT INTO cadre_meta(key, value) VALUES ('application', 'cadre'), "
                           "('schema_version', '{}'), ('digest', '{}') "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           latest, kPgDigestVersion));
    run(conn_, "COMMIT");
  } catch (...) {
    try {
      run(conn_, "ROLLBACK");
    } catch (...) {
    }
    throw;
  }
}

PgConnection::PgConnection(const std::string& target, const OpenOptions& options)
    : name_(redact_connection_string(target)) {
  // Later keywords override what the string says; fallback_application_name does not.
  const char* keys[] = {"dbname", "fallback_application_name", "client_encoding", nullptr};
  const char* values[] = {target.c_str(), "cadre", "UTF8", nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (!conn_ || PQstatus(conn_) != CONNECTION_OK) {
    std::string why = conn_ ? trim(PQerrorMessage(conn_)) : std::string("out of memory");
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
    // libpq may quote a malformed string back: never the password.
    throw Error(Errc::storage, msg("cannot open database {}: {}", name_, scrub(why, password_of(target))));
  }
  PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
  try {
    // A writer waits for the one before it as long as SQLite's busy timeout would.
    run(conn_, fmt::format("SET lock_timeout = {}", std::max(0, options.busy_timeout_ms)));
    identify_and_migrate();
  } catch (...) {
    statements.clear();
    PQfinish(conn_);
    conn_ = nullptr;
    throw;
  }
}

}  // namespace

std::unique_ptr<Connection> open_postgres(const std::string& target, const OpenOptions& options) {
  return std::make_unique<PgConnection>(target, options);
}

}  // namespace cadre::detail
