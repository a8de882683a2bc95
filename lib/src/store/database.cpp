#include <SQLiteCpp/Backup.h>
#include <fcntl.h>
#include <pwd.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include "store/digest.hpp"
#include "store/embedded.hpp"
#include "store/store.hpp"
#include "util/dates.hpp"
#include "util/text.hpp"
#include "util/validate.hpp"

namespace cadre {

namespace {

constexpr int kApplicationId = 0x43414452;  // "CADR"

struct Migration {
  int version;
  const std::string* sql;
  std::string name;
};

std::vector<Migration> migrations() {
  std::vector<Migration> out;
  for (const auto& f : detail::embedded_files()) {
    std::string name = f.name;
    if (name.size() < 9 || name.substr(name.size() - 4) != ".sql") continue;
    out.push_back({std::stoi(name.substr(0, 4)), &f.text, name});
  }
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.version < b.version; });
  return out;
}

// SQLite creates files 0644; a backup of personal data is created 0600 before SQLite opens it.
void create_private_file(const std::string& path) {
  if (path == ":memory:" || path.empty()) return;
  std::filesystem::path p(path);
  if (p.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
  }
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
}


[[noreturn]] void cannot_open(const std::string& path, int err) {
  throw Error(Errc::storage, detail::msg("cannot open database {}: {}", path, os_error_text(err)));
}

// The folder cadre may create on first use: $XDG_DATA_HOME/cadre, else ~/.local/share/cadre. A
// folder named by --db or $CADRE_DB is never created: a typo there must not leave folders behind.
std::filesystem::path default_data_folder() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "cadre";
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home && *home ? home : ".") / ".local/share/cadre";
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
                  detail::msg("cannot create database {}: the folder {} does not exist", path, folder.string()));
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
    throw Error(Errc::storage, detail::msg("{} is not a cadre database (it is not a database file)", path));
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
detail::OpenAccess plan_open(const std::string& path, const OpenOptions& options) {
  detail::OpenAccess a{path, SQLite::OPEN_READWRITE | SQLite::OPEN_FULLMUTEX, std::nullopt};
  if (path == ":memory:") {
    a.flags |= SQLite::OPEN_CREATE;
    return a;
  }
  if (path.empty()) throw Error(Errc::invalid, detail::msg("the database path is empty"), "path");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    int err = errno;
    if (err != ENOENT) cannot_open(path, err);
    if (!options.create) throw Error(Errc::not_found, detail::msg("database {} does not exist", path));
    create_database_file(path);
    return a;
  }
  if (S_ISDIR(st.st_mode)) cannot_open(path, EISDIR);
  refuse_non_sqlite(path);
  auto folder = folder_of(path);
  if (::faccessat(AT_FDCWD, path.c_str(), R_OK | W_OK, AT_EACCESS) != 0)
    a.read_only = detail::msg("{} cannot be written: {}", path, os_error_text(errno));
  else if (::faccessat(AT_FDCWD, folder.c_str(), W_OK | X_OK, AT_EACCESS) != 0)
    a.read_only = detail::msg("the folder {} cannot be written: {}", folder.string(), os_error_text(errno));
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
    throw Error(Errc::storage, detail::msg("{} is not a cadre database (it belongs to another program)", path));
  throw Error(Errc::storage, detail::msg("{} is not a cadre database (it holds tables of another program)", path));
}

int latest_version() {
  auto all = migrations();
  return all.empty() ? 0 : all.back().version;
}

void refuse_newer(const Owner& o) {
  if (o.version > latest_version())
    throw Error(Errc::storage,
                detail::msg("database schema {} is newer than this cadre ({})", o.version, latest_version()));
}

// Creates or upgrades the schema in one write transaction, deciding again inside it: another
// process may have created or migrated the file since we looked.
void migrate(SQLite::Database& db, const std::string& path) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  Owner o = owner_of(db);
  refuse_foreign(path, o);
  refuse_newer(o);
  bool migrated = false;
  for (const auto& m : migrations()) {
    if (m.version <= o.version) continue;
    db.exec(*m.sql);
    db.exec(fmt::format("PRAGMA user_version = {}", m.version));  // an integer, not input
    migrated = true;
  }
  if (migrated) detail::sync_digest_triggers(db);  // a migration that changed columns: the digests follow
  db.exec(fmt::format("PRAGMA application_id = {}", kApplicationId));
  tx.commit();
}

// A SQLite failure while opening, with the operating system's reason where it has one.
[[noreturn]] void open_failed(const std::string& path, const SQLite::Exception& e, sqlite3* handle) {
  int code = e.getErrorCode() & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED) detail::rethrow_storage(e);
  if (code == SQLITE_FULL) cannot_open(path, ENOSPC);
  bool os = code == SQLITE_IOERR || code == SQLITE_CANTOPEN || code == SQLITE_READONLY || code == SQLITE_PERM;
  if (int err = handle ? sqlite3_system_errno(handle) : 0; os && err != 0) cannot_open(path, err);
  throw Error(Errc::storage, detail::msg("cannot open database {}: {}", path, e.what()));
}

}  // namespace

// Decides what the file is before anything is written (no WAL switch, no schema, no -wal left on
// another program's file), then sets the connection up and creates or upgrades the schema.
Database::Impl::Impl(const std::string& p, const OpenOptions& options)
    : path(p), access(plan_open(p, options)), db(access.filename, access.flags, options.busy_timeout_ms) {
  try {
    detail::register_audit_functions(db.getHandle());  // the migrations, the triggers and db check call them
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
      if (!o.cadre()) throw Error(Errc::storage, detail::msg("cannot create database {}: {}", path, *access.read_only));
      if (o.version < latest_version())
        throw Error(Errc::storage, detail::msg("database {} needs an upgrade to schema {}, but {}", path,
                                               latest_version(), *access.read_only));
      return;
    }
    if (path != ":memory:") {
      // Switching to WAL needs an exclusive lock that the busy handler does not always wait for.
      patiently(wait, [&] { db.execAndGet("PRAGMA journal_mode = WAL"); });
    }
    db.exec("PRAGMA synchronous = NORMAL");
    if (o.cadre() && o.version == latest_version()) return;
    patiently(wait, [&] { migrate(db, path); });
  } catch (const SQLite::Exception& e) {
    open_failed(path, e, db.getHandle());
  }
}

SQLite::Statement& Database::Impl::prepare(std::string_view sql) {
  if (auto it = statements.find(sql); it != statements.end()) return *it->second;
  auto statement = std::make_unique<SQLite::Statement>(db, std::string(sql));
  std::string_view key = statement->getQuery();  // the statement's own copy: stable while it lives
  return *statements.emplace(key, std::move(statement)).first->second;
}

Database::Database(const std::string& path, OpenOptions options) {
  detail::guard([&] {
    try {
      impl_ = std::make_unique<Impl>(path, options);
    } catch (const SQLite::Exception& e) {
      int code = e.getErrorCode() & 0xff;
      if (code == SQLITE_BUSY || code == SQLITE_LOCKED) detail::rethrow_storage(e);
      throw Error(Errc::storage, detail::msg("cannot open database {}: {}", path, e.what()));
    }
    const char* user = std::getenv("USER");
    if (!user || !*user) {
      const passwd* pw = getpwuid(getuid());
      user = pw ? pw->pw_name : nullptr;
    }
    impl_->actor = user && *user ? user : "unknown";
    try {
      check_text(impl_->actor, "USER");
    } catch (const Error&) {  // a USER in another encoding: the audit log takes text only
      impl_->actor = "unknown";
    }
  });
}
Database::~Database() = default;
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
void Database::set_actor(std::string actor) {
  // The actor goes into every entry of the append-only audit log: bytes that are not text would
  // stay there for good (and break every later xlsx of the log), so they are refused here.
  check_text(actor, "actor");
  if (!actor.empty()) impl_->actor = std::move(actor);
}
const std::string& Database::actor() const { return impl_->actor; }
const std::string& Database::path() const { return impl_->path; }

std::string default_database_path() {
  if (const char* env = std::getenv("CADRE_DB"); env && *env) return env;
  return (default_data_folder() / "cadre.db").string();
}

const char* version() noexcept { return CADRE_VERSION_STRING; }

const char* errc_name(Errc code) noexcept {
  switch (code) {
    case Errc::ok: return "ok";
    case Errc::usage: return "usage";
    case Errc::invalid: return "invalid";
    case Errc::not_found: return "not_found";
    case Errc::conflict: return "conflict";
    case Errc::storage: return "storage";
  }
  return "unknown";
}

namespace detail {

[[noreturn]] void rethrow_storage(const SQLite::Exception& e) {
  int code = e.getErrorCode() & 0xff;
  if (code == SQLITE_CONSTRAINT) throw Error(Errc::conflict, msg("conflict: {}", e.what()));
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    throw Error(Errc::storage, msg("database is locked (another writer held it past the busy timeout)"));
  if (code == SQLITE_FULL) throw Error(Errc::storage, msg("storage error: {}", msg("no space left on device")));
  throw Error(Errc::storage, msg("storage error: {}", e.what()));
}

Tx::Tx(Database::Impl& impl, Mode mode) : impl_(impl) {
  // Refused before SQLite is asked, so the message names why (SQLite says "attempt to write a
  // readonly database", or with an immutable file may even let the write reach the disk).
  if (mode == Mode::write && impl_.access.read_only)
    throw Error(Errc::storage,
                msg("the database is read-only: {}; only commands that read work here", *impl_.access.read_only));
  impl_.db.exec(mode == Mode::write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  impl_.timezone_cache.reset();
}
Tx::~Tx() {
  if (!done_) {
    try { impl_.db.exec("ROLLBACK"); } catch (...) {}
  }
}
void Tx::commit() {
  impl_.db.exec("COMMIT");
  done_ = true;
}

const std::string& timezone(Database::Impl& impl) {
  if (!impl.timezone_cache) {
    Stmt q(impl, "SELECT value FROM settings WHERE key = 'timezone'");
    impl.timezone_cache = q.step() ? q.col(0).getString() : std::string("Asia/Shanghai");
  }
  return *impl.timezone_cache;
}

}  // namespace detail

DatabaseInfo database_info(Database& db) {
  return detail::read(db, [&](Database::Impl& impl) {
    DatabaseInfo info;
    info.path = impl.path;
    info.schema_version = impl.db.execAndGet("PRAGMA user_version").getInt();
    auto all = migrations();
    info.latest_schema_version = all.empty() ? 0 : all.back().version;
    info.timezone = detail::timezone(impl);
    std::vector<std::string> tables;
    {
      detail::Stmt q(impl, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
      while (q.step()) tables.push_back(q.col(0).getString());
    }
    for (const auto& t : tables) {
      // Table names come from sqlite_schema, never from input; quoted as identifiers.
      SQLite::Statement count(impl.db, fmt::format("SELECT count(*) FROM \"{}\"", t));
      count.executeStep();
      info.row_counts.emplace_back(t, count.getColumn(0).getInt64());
    }
    return info;
  });
}

void backup_database(Database& db, const std::string& target_path) {
  detail::guard([&] {
    if (std::filesystem::exists(target_path))
      throw Error(Errc::conflict, detail::msg("{} already exists", target_path), "FILE");
    create_private_file(target_path);
    try {
      SQLite::Database target(target_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(target, db.impl().db);
      // Copy in one step: a consistent snapshot even while other connections write.
      backup.executeStep(-1);
    } catch (const SQLite::Exception& e) {
      std::error_code ignored;  // no half-written copy left behind to block the next attempt
      std::filesystem::remove(target_path, ignored);
      throw Error(Errc::storage, detail::msg("cannot write backup {}: {}", target_path, e.what()), "FILE");
    }
  });
}

}  // namespace cadre
