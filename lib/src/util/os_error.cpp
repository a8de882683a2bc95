// Operating-system errors in words: one switch for the library (opening a database) and the CLI
// (writing output files and stdout), one translation each.
#include <cerrno>
#include <cstring>

#include "cadre/error.hpp"
#include "util/text.hpp"

namespace cadre {

std::string os_error_text(int err) {
  switch (err) {
    case ENOSPC:
      return detail::msg("no space left on device");
    case EDQUOT:
      return detail::msg("disk quota exceeded");
    case EFBIG:
      return detail::msg("file too large");
    case EACCES:
      return detail::msg("permission denied");
    case EPERM:
      return detail::msg("operation not permitted");
    case EROFS:
      return detail::msg("read-only file system");
    case EIO:
      return detail::msg("input/output error");
    case ENOENT:
      return detail::msg("no such file or folder");
    case ENOTDIR:
      return detail::msg("a part of the path is not a folder");
    case EISDIR:
      return detail::msg("is a folder");
    case ENAMETOOLONG:
      return detail::msg("file name too long");
    case ELOOP:
      return detail::msg("too many levels of symbolic links");
    case EMFILE:
    case ENFILE:
      return detail::msg("too many open files");
    case EPIPE:
      return detail::msg("the reading program has stopped (broken pipe)");
    case ENXIO:
      return detail::msg("no program is reading it");
    case EBADF:
      return detail::msg("not open for writing");
    case ENOMEM:
      return detail::msg("out of memory");
    default:
      return std::strerror(err);
  }
}

}  // namespace cadre
