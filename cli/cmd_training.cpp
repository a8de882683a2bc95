// course, session, enrol, withdraw, attend, assess, feedback, hours, export (Training issue).
#include "cadre/error.hpp"
#include "context.hpp"

namespace cadre::cli {
namespace {
[[noreturn]] int pending(const char* name) {
  throw Error(Errc::usage, std::string(name) + ": training commands are not built yet");
}
}  // namespace
int cmd_course(Context&, const Args&) { pending("course"); }
int cmd_session(Context&, const Args&) { pending("session"); }
int cmd_enrol(Context&, const Args&) { pending("enrol"); }
int cmd_withdraw(Context&, const Args&) { pending("withdraw"); }
int cmd_attend(Context&, const Args&) { pending("attend"); }
int cmd_assess(Context&, const Args&) { pending("assess"); }
int cmd_feedback(Context&, const Args&) { pending("feedback"); }
int cmd_hours(Context&, const Args&) { pending("hours"); }
int cmd_export(Context&, const Args&) { pending("export"); }
}  // namespace cadre::cli
