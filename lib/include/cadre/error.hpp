// The one error type of the library. Its code is the CLI's exit code and, negated, the C API's
// return value, so the three surfaces never disagree about what went wrong.
#pragma once
#include <stdexcept>
#include <string>

#include "cadre/export.hpp"

namespace cadre {

enum class Errc : int {
  ok = 0,
  usage = 2,      // the command line itself is wrong
  invalid = 3,    // a value is malformed or breaks a rule
  not_found = 4,  // a referenced unit, person, course, ... does not exist
  conflict = 5,   // duplicate, overlap, capacity, wrong approval level
  storage = 6,    // locked, corrupt, I/O
};

// Stable short names used in JSON errors: "invalid", "not_found", ...
CADRE_API const char* errc_name(Errc code) noexcept;

// Why a system call failed (an errno value), in words a clerk understands and in the thread's
// language: "no space left on device" rather than "disk I/O error"; the C library's text for rare cases.
CADRE_API std::string os_error_text(int err);

class CADRE_API Error : public std::runtime_error {
 public:
  Error(Errc code, std::string message, std::string field = {})
      : std::runtime_error(std::move(message)), code_(code), field_(std::move(field)) {}
  Errc code() const noexcept { return code_; }
  // The id of the input field the message is about ("from", "STAFF_NO"; "--start" in areas whose
  // messages still spell the CLI option), empty when none.
  const std::string& field() const noexcept { return field_; }

 private:
  Errc code_;
  std::string field_;
};

}  // namespace cadre
