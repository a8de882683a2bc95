// The SQLite backend: a file (or :memory:) opened as cadre may use it, identified by its header
// (application_id, user_version), migrated in one IMMEDIATE transaction, and its statements.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>

#include "store/conn.hpp"
#include "store/digest.hpp"
#include "store/store.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre::detail {

namespace {

// How a database file is opened: the name given to SQLite (a URI for an immutable read), its flags,
// and why it is read-only when cadre may not write there (a read-only folder, file or file system).
struct OpenAccess {
  std::string filename;
  int flags = 0;
  std::optional<std::string> read_only;
};

constexpr int kApplicationId = 0x43414452;  // "CADR"

[[noreturn]] void cannot_open(const std::string& path, int err) {
  throw Error(Errc::storage, msg("cannot open database {}: {}", path, os_error_text(err)));
}

bool same_folder(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::error_code ec;
  auto norm = [&](const std::filesystem::path& p) {
    auto n = std::filesystem::absolute(p, ec).lexically_normal();
    return n.has_filename() ? n : n.parent_path();  // "a/b/" names the same folder as "a/b"
  };
  return norm(a) == norm(b);
}

std::filesystem::path folder_of(const std::string& path) {
  std::filesystem::path p(path);
  return p.has_parent_path() ? p.parent_path() : std::filesystem::path(".");
}

// A new database file, 0600 (SQLite would create it 0644), in a folder that exists.
void create_database_file(const std::string& path) {
  auto folder = folder_of(path);
  struct stat st {};
  if (::stat(folder.c_str(), &st) != 0) {
    int err = errno;
    if (err != ENOENT) cannot_open(path, err);
    if (!same_folder(folder, default_data_folder()))
      throw Error(Errc::not_found,
                  msg("cannot create database {}: the folder {} does not exist", path, folder.string()));
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) cannot_open(path, ec.value());
  } else if (!S_ISDIR(st.st_mode)) {
    cannot_open(path, ENOTDIR);
  }
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST) cannot_open(path, errno);  // EEXIST: a parallel first use made it
  if (fd >= 0) ::close(fd);
}

// The raw file, before SQLite touches it: empty, or a SQLite file (whose owner is decided later,
// through SQLite, because a WAL file's header may be newer in the -wal than on disk). Anything
// else is refused here, before anything is written.
void refuse_non_sqlite(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) cannot_open(path, errno);
  char header[16] = {};
  ssize_t n = ::read(fd, header, sizeof header);
  int err = errno;
  ::close(fd);
  if (n < 0) cannot_open(path, err);
  if (n == 0) return;
  if (n < ssize_t(sizeof header) || std::memcmp(header, "SQLite format 3", 16) != 0)
    throw Error(Errc::storage, msg("{} is not a cadre database (it is not a database file)", path));
}

// "file:" URI of a path (SQLite decodes %HH; '?' and '#' would end the path).
std::string file_uri(const std::string& path) {
  std::error_code ec;
  std::string abs = std::filesystem::absolute(path, ec).lexically_normal().string();
  std::string out = "file://";
  for (char c : abs) {
    if (c == '%' || c == '?' || c == '#')
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else
      out += c;
  }
  return out;
}

// How to open the file: read-write where cadre may write, else read-only with the reason. SQLite
// cannot read a WAL database read-only unless its -wal and -shm files exist (it would create them,
// which a read-only folder forbids and a read-only file would leave behind), so a database without
// a -wal file is opened `immutable`: its main file then holds every committed change. The one risk,
// a writer with more rights checkpointing while we read, is the price of reading at all.
OpenAccess plan_open(const std::string& path, const OpenOptions& options) {
  OpenAccess a{path, SQLite::OPEN_READWRITE | SQLite::OPEN_FULLMUTEX, std::nullopt};
  if (path == ":memory:") {
    a.flags |= SQLite::OPEN_CREATE;
    return a;
  }
  if (path.empty()) throw Error(Errc::invalid, msg("the database path is empty"), "path");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    if (err != ENOENT) cannot_open(path, err);
    if (!options.create) throw Error(Errc::not_found, msg("database {} does not exist", path));
    create_database_file(path);
    return a;
  }
  if (S_ISDIR(st.st_mode)) cannot_open(path, EISDIR);
  refuse_non_sqlite(path);
  auto folder = folder_of(path);
  if (::faccessat(AT_FDCWD, path.c_str(), R_OK | W_OK, AT_EACCESS) != 0)
    a.read_only = msg("{} cannot be written: {}", path, os_error_text(errno));
  else if (::faccessat(AT_FDCWD, folder.c_str(), W_OK | X_OK, AT_EACCESS) != 0)
    a.read_only = msg("the folder {} cannot be written: {}", folder.string(), os_error_text(errno));
  if (!a.read_only) return a;
  a.flags = SQLite::OPEN_READONLY | SQLite::OPEN_FULLMUTEX;
  if (::access((path + "-wal").c_str(), F_OK) != 0) {
    a.filename = file_uri(path) + "?immutable=1";
    a.flags |= SQLite::OPEN_URI;
  }
  return a;
}

// Runs `f` again while another connection holds a lock SQLite's busy handler does not wait for
// (changing the journal mode, WAL recovery on first use), until the busy timeout has passed.
template <typename F>
auto patiently(int timeout_ms, F&& f) -> decltype(f()) {
  using clock = std::chrono::steady_clock;
  auto deadline = clock::now() + std::chrono::milliseconds(timeout_ms);
  std::chrono::milliseconds pause(1);
  for (;;) {
    try {
      return f();
    } catch (const SQLite::Exception& e) {
      int code = e.getErrorCode() & 0xff;
      if ((code != SQLITE_BUSY && code != SQLITE_LOCKED) || clock::now() >= deadline) throw;
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

// Whose file it is, read in one snapshot (the schema and the header of one committed state).
struct Owner {
  std::int64_t tables = 0;
  int application_id = 0;
  int version = 0;
  bool cadre() const { return application_id == kApplicationId; }
  bool blank() const { return application_id == 0 && tables == 0; }
};

Owner owner_of(SQLite::Database& db) {
  Owner o;
  o.tables = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt64();
  o.application_id = db.execAndGet("PRAGMA application_id").getInt();
  o.version = db.execAndGet("PRAGMA user_version").getInt();
  return o;
}

void refuse_foreign(const std::string& path, const Owner& o) {
  if (o.cadre() || o.blank()) return;
  if (o.application_id != 0)
    throw Error(Errc::storage, msg("{} is not a cadre database (it belongs to another program)", path));
  refuse_tables_of_another_program(path);
}

void refuse_newer(const Owner& o) { refuse_newer_schema(o.version, Backend::sqlite); }

// Creates or upgrades the schema in one write transaction, deciding again inside it: another
// process may have created or migrated the file since we looked.
void migrate(SQLite::Database& db, const std::string& path) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  Owner o = owner_of(db);
  refuse_foreign(path, o);
  refuse_newer(o);
  bool migrated = false;
  for (const auto& m : migrations(Backend::sqlite)) {
    if (m.version <= o.version) continue;
    db.exec(*m.sql);
    db.exec(fmt::format("PRAGMA user_version = {}", m.version));  // an integer, not input
    migrated = true;
  }
  if (migrated) sync_digest_triggers(db);  // a migration that changed columns: the digests follow
  db.exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
  tx.commit();
}

// A SQLite failure while opening, with the operating system's reason where it has one.
[[noreturn]] void open_failed(const std::string& path, const SQLite::Exception& e, sqlite3* handle) {
  int code = e.getErrorCode() & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) rethrow_storage(e);
  if (code == SQLITE_FULL) cannot_open(path, ENOSPC);
  bool os = code == SQLITE_IOERR || code == SQLITE_CANTOPEN || code == SQLITE_READONLY || code == SQLITE_PERM;
  if (int err = handle ? sqlite3_system_errno(handle) : 0; os && err != 0) cannot_open(path, err);
  throw Error(Errc::storage, msg("cannot open database {}: {}", path, e.what()));
}

// A statement through SQLite's C API: SQLiteCpp's Statement reads each column through a shared
// pointer and checks, which the hot report loops measured; the errors are SQLiteCpp's own
// exceptions (the same messages and codes as before).
class SqliteStatement final : public Statement {
 public:
  SqliteStatement(sqlite3* db, std::string sql) : Statement(std::move(sql)), db_(db) {
    if (int rc = sqlite3_prepare_v2(db_, this->sql().c_str(), static_cast<int>(this->sql().size()), &s_, nullptr);
        rc != SQLITE_OK)
      throw SQLite::Exception(db_, rc);
    sqlite_ = s_;
  }
  ~SqliteStatement() override { sqlite3_finalize(s_); }
  void bind(int i, std::int64_t v) override { check(sqlite3_bind_int64(s_, i, v)); }
  void bind(int i, double v) override { check(sqlite3_bind_double(s_, i, v)); }
  void bind(int i, std::string_view v) override {
    check(sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void bind(int i) override { check(sqlite3_bind_null(s_, i)); }
  using Statement::bind;
  bool step() override {
    if (done_) throw SQLite::Exception("Statement needs to be reseted", SQLITE_MISUSE);
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) throw SQLite::Exception(db_, rc);
    done_ = true;
    return false;
  }
  int exec() override {
    if (done_) throw SQLite::Exception("Statement needs to be reseted", SQLITE_MISUSE);
    int rc = sqlite3_step(s_);
    done_ = rc == SQLITE_DONE;
    if (rc == SQLITE_DONE) return sqlite3_changes(db_);
    if (rc == SQLITE_ROW) throw SQLite::Exception("exec() does not expect results. Use executeStep.");
    throw SQLite::Exception(db_, rc);
  }
  Column other_column(int i) override { return Column(s_, i); }
  void reset() override {
    done_ = false;
    sqlite3_reset(s_);
  }
  void clear_bindings() override { sqlite3_clear_bindings(s_); }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) throw SQLite::Exception(db_, rc);
  }
  sqlite3* db_;
  sqlite3_stmt* s_ = nullptr;
  bool done_ = false;
};

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, const OpenOptions& options);
  ~SqliteConnection() override { statements.clear(); }  // finalized before the connection closes
  Backend backend() const override { return Backend::sqlite; }
  void exec(const std::string& sql) override { db.exec(sql); }
  std::int64_t exec_value(const std::string& sql) override {
    SQLite::Statement q(db, sql);
    return q.executeStep() ? q.getColumn(0).getInt64() : 0;
  }
  void begin(bool write) override { db.exec(write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED"); }
  void commit() override { db.exec("COMMIT"); }
  void rollback() override { db.exec("ROLLBACK"); }
  SQLite::Database* sqlite() override { return &db; }
  int schema_version() override { return db.execAndGet("PRAGMA user_version").getInt(); }
  std::vector<std::string> tables() override {
    std::vector<std::string> out;
    SQLite::Statement q(
        db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  }

  std::string path;
  OpenAccess access;  // before db: db is opened as it says
  SQLite::Database db;

 protected:
  std::unique_ptr<Statement> make_statement(std::string sql) override {
    return std::make_unique<SqliteStatement>(db.getHandle(), std::move(sql));
  }
};

// Decides what the file is before anything is written (no WAL switch, no schema, no -wal left on
// another program's file), then sets the connection up and creates or upgrades the schema.
SqliteConnection::SqliteConnection(const std::string& p, const OpenOptions& options)
    : path(p), access(plan_open(p, options)), db(access.filename, access.flags, options.busy_timeout_ms) {
  read_only = access.read_only;
  try {
    register_audit_functions(db.getHandle());  // the migrations, the triggers and db check call them
    const int wait = options.busy_timeout_ms;
    Owner o = patiently(wait, [&] {
      SQLite::Transaction tx(db, SQLite::TransactionBehavior::DEFERRED);
      Owner seen = owner_of(db);
      tx.commit();
      return seen;
    });
    refuse_foreign(path, o);
    refuse_newer(o);
    db.exec("PRAGMA foreign_keys = ON");
    if (access.read_only) {
      if (!o.cadre()) throw Error(Errc::storage, msg("cannot create database {}: {}", path, *access.read_only));
      if (o.version < latest_version(Backend::sqlite))
        throw Error(Errc::storage, msg("database {} needs an upgrade to schema {}, but {}", path,
                                       latest_version(Backend::sqlite), *access.read_only));
      return;
    }
    if (path != ":memory:") {
      // Switching to WAL needs an exclusive lock that the busy handler does not always wait for.
      patiently(wait, [&] { db.execAndGet("PRAGMA journal_mode = WAL"); });
    }
    db.exec("PRAGMA synchronous = NORMAL");
    if (o.cadre() && o.version == latest_version(Backend::sqlite)) return;
    patiently(wait, [&] { migrate(db, path); });
  } catch (const SQLite::Exception& e) {
    open_failed(path, e, db.getHandle());
  }
}

}  // namespace

std::unique_ptr<Connection> open_sqlite(const std::string& path, const OpenOptions& options) {
  return std::make_unique<SqliteConnection>(path, options);
}

}  // namespace cadre::detail
