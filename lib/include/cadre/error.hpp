// The one error type of the library. Its code is the CLI's exit code and, negated, the C API's
// return value, so the three surfaces never disagree about what went wrong.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

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

// A message in two stages: what the library knows when it fails (a message id and the arguments)
// and, later, its text in the language of the surface that shows it (the CLI's --lang, the C
// handle's language). The id is the English template itself ("{}: unknown unit {}"), gettext's
// msgid: the source stays readable and a missing translation falls back to English; code() is a
// short stable form of it for machines. Arguments are formatted already (as the template's own
// spec, "{:g}", says), except enum words, which are translated where the text is made.
class CADRE_API Message {
 public:
  struct Arg {
    enum class Kind : unsigned char { text, word, message };
    Kind kind = Kind::text;
    std::string text;   // the text; for a word, the word ("completed")
    std::string field;  // a word's field ("status"): its label is "status.completed", else "completed"
    std::shared_ptr<const Message> message;  // a message inside a message
  };

  Message() = default;
  Message(std::string id, std::vector<Arg> args) : id_(std::move(id)), args_(std::move(args)) {}
  // Text made already, in the language of whoever made it: it has no id and shows as it is.
  static Message verbatim(std::string text);

  // The English template; empty for verbatim text.
  const std::string& id() const noexcept { return id_; }
  const std::vector<Arg>& args() const noexcept { return args_; }
  // "m" and 8 hex digits of the id's FNV-1a hash ("m3c1f09a2"); empty for verbatim text. A
  // message keeps its code as long as its English wording; rewording it makes a new message
  // (whose Chinese must be looked at again, as with a gettext msgid).
  std::string code() const;
  // The text in `lang` ("en", "zh"); fields stay tokens (name_fields renders them per surface).
  std::string render(std::string_view lang) const;

 private:
  std::string id_;
  std::vector<Arg> args_;
  std::string text_;  // verbatim text
};

class CADRE_API Error : public std::runtime_error {
 public:
  // A message made already (what() is `message`, in whatever language its maker used).
  Error(Errc code, std::string message, std::string field = {})
      : std::runtime_error(message),
        code_(code),
        field_(std::move(field)),
        message_(Message::verbatim(std::move(message))) {}
  // A message by id: what() is its text in the thread's language (cadre::language()); each surface
  // renders message() in its own language instead.
  Error(Errc code, Message message, std::string field = {});
  Errc code() const noexcept { return code_; }
  // The id of the input field the message is about ("from", "STAFF_NO"; "--start" in areas whose
  // messages still spell the CLI option), empty when none.
  const std::string& field() const noexcept { return field_; }
  const Message& message() const noexcept { return message_; }
  // The message in `lang`, field tokens included.
  std::string text(std::string_view lang) const { return message_.render(lang); }

 private:
  Errc code_;
  std::string field_;
  Message message_;
};

}  // namespace cadre
