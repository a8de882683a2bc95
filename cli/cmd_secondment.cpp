// secondment, checkin, leave, log, evaluate (Secondment issue).
#include "cadre/error.hpp"
#include "context.hpp"

namespace cadre::cli {
namespace {
[[noreturn]] int pending(const char* name) {
  throw Error(Errc::usage, std::string(name) + ": secondment commands are not built yet");
}
}  // namespace
int cmd_secondment(Context&, const Args&) { pending("secondment"); }
int cmd_checkin(Context&, const Args&) { pending("checkin"); }
int cmd_leave(Context&, const Args&) { pending("leave"); }
int cmd_log(Context&, const Args&) { pending("log"); }
int cmd_evaluate(Context&, const Args&) { pending("evaluate"); }
}  // namespace cadre::cli
