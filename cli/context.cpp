#include "context.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>

#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "cadre/text.hpp"
#include "output_file.hpp"

namespace cadre::cli {

Database& Context::db() {
  if (!db_) {
    OpenOptions options;
    // How long to wait for another writer (default 15 s); scripts and tests may shorten it.
    if (const char* t = std::getenv("CADRE_BUSY_TIMEOUT_MS"); t && *t) {
      // Whole milliseconds, at most an hour; "abc" or "5s" is refused rather than read as 0 (no wait).
      std::string_view text(t);
      int ms = -1;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
      if (ec != std::errc() || end != text.data() + text.size() || ms < 0 || ms > 3600000)
        throw Error(
            Errc::usage,
            tr("CADRE_BUSY_TIMEOUT_MS: expected a whole number of milliseconds from 0 to 3600000, got {}", text),
            "CADRE_BUSY_TIMEOUT_MS");
      options.busy_timeout_ms = ms;
    }
    db_ = std::make_unique<Database>(db_path, options);
    db_->set_actor(actor);
  }
  return *db_;
}

void Context::emit(const Report& report) {
  if (render.format == "xlsx" && !output_file)
    throw Error(Errc::usage, std::string(translate("--format xlsx needs -o FILE", language())), "-o");
  if (render.format == "docx" && !output_file)
    throw Error(Errc::usage, std::string(translate("--format docx needs -o FILE", language())), "-o");
  // Written as it is made: a report of thousands of rows is never held whole as text.
  auto produce = [&](const std::function<void(std::string_view)>& write) { cadre::render_to(report, render, write); };
  if (output_file) return write_output_file(*output_file, produce, db_path);
  produce([&](std::string_view bytes) {
    errno = 0;
    *out << bytes;
    if (!*out) throw Error(Errc::storage, stdout_error(errno ? errno : EIO));
  });
  out->flush();
  if (!*out) throw Error(Errc::storage, stdout_error(errno ? errno : EIO));
}

void Context::write_out(std::string_view bytes) {
  if (output_file) return write_output_file(*output_file, bytes, db_path);
  // Flushed here, so a failure is caught with its reason while errno still holds it; what done()
  // prints later is checked when run() ends.
  errno = 0;
  *out << bytes;
  out->flush();
  if (!*out) throw Error(Errc::storage, stdout_error(errno ? errno : EIO));
}

void Context::done(const std::string& message, Node extra) {
  if (render.format == "json") {
    Report r;
    r.kind = "result";
    r.data.set("ok", Node::boolean(true));
    r.data.set("message", Node::string(message));
    for (auto& [k, v] : extra.members()) r.data.set(k, v);
    *out << cadre::render(r, render);
  } else {
    *out << printable(message) << "\n";  // the message quotes what was typed: show it, never obey it
  }
}

po::variables_map parse(const Args& args, const po::options_description& options,
                        const std::vector<std::string>& positional, bool repeat_last) {
  po::options_description all;
  all.add(options);
  po::options_description hidden;
  po::positional_options_description pos;
  for (size_t i = 0; i < positional.size(); ++i) {
    bool many = repeat_last && i + 1 == positional.size();
    if (many) hidden.add_options()(positional[i].c_str(), po::value<std::vector<std::string>>());
    else hidden.add_options()(positional[i].c_str(), po::value<std::string>());
    pos.add(positional[i].c_str(), many ? -1 : 1);
  }
  all.add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args)
                  .options(all)
                  .positional(pos)
                  .style(po::command_line_style::unix_style ^ po::command_line_style::allow_guessing)
                  .run(),
              vm);
  } catch (const po::error&) {
    // Boost's message would quote the offending word raw: bytes that are not text are named first.
    for (const auto& a : args) check_text(a, "argument", TextLayout::paragraph);
    throw;
  }
  po::notify(vm);
  // Every value is text: valid UTF-8 without control characters (TAB and LF are left to the
  // library, which allows them in free text only). A file name too, as imports record it in the
  // audit log. The error names the option, which only the command line knows.
  for (const auto& [name, value] : vm) {
    std::string field = std::find(positional.begin(), positional.end(), name) != positional.end() ? name : "--" + name;
    if (const auto* one = boost::any_cast<std::string>(&value.value())) check_text(*one, field, TextLayout::paragraph);
    if (const auto* many = boost::any_cast<std::vector<std::string>>(&value.value()))
      for (const auto& v : *many) check_text(v, field, TextLayout::paragraph);
  }
  for (size_t i = 0; i < positional.size(); ++i)
    if (!vm.count(positional[i]))
      throw Error(Errc::usage, std::string(translate("missing argument", language())) + " " + positional[i],
                  positional[i]);
  return vm;
}

std::optional<std::string> opt(const po::variables_map& vm, const char* name) {
  if (!vm.count(name)) return std::nullopt;
  return vm[name].as<std::string>();
}

std::string req(const po::variables_map& vm, const char* name) {
  if (!vm.count(name))
    throw Error(Errc::usage, std::string(translate("missing option", language())) + " --" + name,
                std::string("--") + name);
  return vm[name].as<std::string>();
}

std::string localized_usage(const std::string& usage) {
  // The syntax stays as typed (commands, options, metavariables); the explanations were translated
  // where the usage was put together, and the "usage: " of each line is the language's own. The
  // Chinese word is as wide on screen as the English, so continuation lines stay aligned.
  static constexpr std::string_view prefix = "usage: ";
  std::string out;
  size_t i = 0;
  while (i < usage.size()) {
    size_t end = usage.find('\n', i);
    end = end == std::string::npos ? usage.size() : end + 1;
    std::string_view line(usage.data() + i, end - i);
    if (line.substr(0, prefix.size()) == prefix) {
      out += translate("usage: ", language());
      line.remove_prefix(prefix.size());
    }
    out += line;
    i = end;
  }
  return out;
}

bool help_requested(const Args& args, const std::string& usage, Context& ctx) {
  if (args.empty()) {
    std::cerr << localized_usage(usage);
    throw Error(Errc::usage, std::string(translate("missing command", language())));
  }
  bool help = args[0] == "--help" || args[0] == "-h" || args[0] == "help" ||
              (args.size() >= 2 && (args[1] == "--help" || args[1] == "-h"));
  if (help) *ctx.out << localized_usage(usage);
  return help;
}

void unknown_verb(const std::string& group, const std::string& verb) {
  throw Error(Errc::usage, fmt::format(fmt::runtime(std::string(translate("{} {}: unknown command (see cadre {} --help)",
                                                                          language()))),
                                       group, verb, group));
}

}  // namespace cadre::cli
