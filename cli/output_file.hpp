// Files the command line writes (-o FILE): never the database, never half written, never readable
// by others. Only the CLI writes files (the C API hands the bytes back), so this lives here.
#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace cadre::cli {

// Refuses (Errc::usage) an -o target that cannot take a report: an empty name, a folder, or the
// database at db_path or one of its -wal, -shm and -journal files, found by device and inode (so a
// hard or symbolic link to them is refused too) or, for a file that does not exist yet, by name.
void check_output_target(const std::string& path, const std::string& db_path);

// Writes `bytes` to `path` after check_output_target. A regular file (or a new one) is written to a
// private (0600) temporary file in the same folder, flushed to disk and renamed over the target, so
// a failure leaves the old file as it was. A device or FIFO (/dev/null, /dev/full, /dev/stdout, a
// pipe) has nothing to replace: the bytes go straight in. Every write, sync and close is checked;
// a failure is Errc::storage naming the reason ("no space left on device").
void write_output_file(const std::string& path, std::string_view bytes, const std::string& db_path);
// The same, the bytes made while they are written: `produce` calls its argument with each part.
using OutputProducer = std::function<void(const std::function<void(std::string_view)>&)>;
void write_output_file(const std::string& path, const OutputProducer& produce, const std::string& db_path);

// "cannot write to standard output: REASON" in the user's language.
std::string stdout_error(int err);

}  // namespace cadre::cli
