#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include "cadre/error.hpp"
#include "context.hpp"

namespace cadre::cli {

namespace fs = std::filesystem;

std::string stdout_error(int err) { return tr("cannot write to standard output: {}", os_error_text(err)); }

namespace {

[[noreturn]] void cannot_write(const std::string& path, int err) {
  throw Error(Errc::storage, tr("cannot write {}: {}", path, os_error_text(err)), "-o");
}

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// True when `path` is the database file or its -wal, -shm or -journal.
bool is_database_file(const std::string& path, const std::string& db_path) {
  if (db_path.empty() || db_path == ":memory:") return false;
  struct stat target {};
  bool exists = ::stat(path.c_str(), &target) == 0;
  std::error_code ec;
  fs::path name = fs::weakly_canonical(path, ec);
  bool named = !ec;
  // SQLite names the -wal and -shm files after the database's real path when --db is a link.
  std::vector<std::string> bases = {db_path};
  if (auto real = fs::weakly_canonical(db_path, ec); !ec && real.string() != db_path) bases.push_back(real.string());
  for (const auto& base : bases) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::string file = base + suffix;
      struct stat st {};
      if (exists && ::stat(file.c_str(), &st) == 0 && same_file(st, target)) return true;
      // A file that does not exist yet (the -wal of a closed database) is only known by its name.
      if (!exists && named && fs::weakly_canonical(file, ec) == name && !ec) return true;
    }
  }
  return false;
}

// 0, or the errno of the write that failed.
int write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    bytes.remove_prefix(size_t(n));
  }
  return 0;
}

// A device, a FIFO or a path to the standard output: nothing to replace, the bytes go straight in.
// O_NONBLOCK only while opening, so a FIFO nobody reads is an error at once instead of a hang;
// O_APPEND so /dev/stdout on a file opened with >> adds to it instead of writing over its start.
void write_in_place(const std::string& path, const OutputProducer& produce) {
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) cannot_write(path, errno);
  int err = 0;
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) err = errno;
  try {
    if (!err)
      produce([&](std::string_view bytes) {
        if (int e = write_all(fd, bytes)) cannot_write(path, e);
      });
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0 && !err) err = errno;
  if (err) cannot_write(path, err);
}

// A regular file: a private temporary file beside it, synced, then renamed over it in one step.
void write_replacing(const std::string& target, const OutputProducer& produce, const std::string& shown) {
  fs::path t(target);
  fs::path dir = t.has_parent_path() ? t.parent_path() : fs::path(".");
  std::string pattern = (dir / std::string(".").append(t.filename().string()).append(".cadre-XXXXXX")).string();
  std::vector<char> tmp(pattern.begin(), pattern.end());
  tmp.push_back('\0');
  int fd = ::mkostemp(tmp.data(), O_CLOEXEC);  // mode 0600 whatever the umask
  if (fd < 0) cannot_write(shown, errno);
  try {  // the bytes go in as they are made; a failure on the way leaves no file behind
    produce([&](std::string_view bytes) {
      if (int e = write_all(fd, bytes)) cannot_write(shown, e);
    });
  } catch (...) {
    ::close(fd);
    ::unlink(tmp.data());
    throw;
  }
  int err = 0;
  if (::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && !err) err = errno;
  if (!err && ::rename(tmp.data(), target.c_str()) != 0) err = errno;
  if (err) {
    ::unlink(tmp.data());
    cannot_write(shown, err);
  }
  // The new name survives a power cut once the folder is synced. Some file systems refuse to sync
  // a folder; the file itself is complete either way, so that is not an error.
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    (void)::fsync(dfd);
    ::close(dfd);
  }
}

}  // namespace

void check_output_target(const std::string& path, const std::string& db_path) {
  if (path.empty()) throw Error(Errc::usage, tr("-o: no file name given"), "-o");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
    throw Error(Errc::usage, tr("-o {}: is a folder; give the name of a file", path), "-o");
  if (is_database_file(path, db_path))
    throw Error(Errc::usage, tr("-o {}: would overwrite the database {}; choose another file name", path, db_path),
                "-o");
}

void write_output_file(const std::string& path, std::string_view bytes, const std::string& db_path) {
  write_output_file(
      path, [&](const std::function<void(std::string_view)>& write) { write(bytes); }, db_path);
}

void write_output_file(const std::string& path, const OutputProducer& bytes, const std::string& db_path) {
  check_output_target(path, db_path);
  struct stat st {};
  struct stat lst {};
  bool exists = ::stat(path.c_str(), &st) == 0;
  bool is_link = ::lstat(path.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode);
  // /dev/stdout and /proc/self/fd/N lead to whatever the shell opened: write there, never rename.
  bool fd_link = is_link && (path.rfind("/dev/", 0) == 0 || path.rfind("/proc/", 0) == 0);
  if ((exists && !S_ISREG(st.st_mode)) || fd_link) return write_in_place(path, bytes);
  // A read-only file stays unwritten, as with the shell's >, although the folder would allow the rename.
  if (exists && ::access(path.c_str(), W_OK) != 0) cannot_write(path, errno);
  std::string target = path;
  if (is_link && exists) {  // replace the file the link leads to, and keep the link
    std::error_code ec;
    auto real = fs::canonical(path, ec);
    if (ec) cannot_write(path, ec.value());
    target = real.string();
  }
  write_replacing(target, bytes, path);
}

}  // namespace cadre::cli
