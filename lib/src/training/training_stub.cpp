// Placeholder bodies until the Training issue lands; replaced by training/*.cpp.
#include "cadre/training.hpp"
#include "io/importers.hpp"
#include "util/text.hpp"

namespace cadre {
Report report_course(Database&, const std::string&) {
  detail::fail(Errc::usage, "report", "report course: training is not built yet");
}
Report report_person(Database&, const std::string&, const std::optional<std::string>&) {
  detail::fail(Errc::usage, "report", "report person: training is not built yet");
}
Report report_hours(Database&, const std::string&, const std::optional<std::string>&) {
  detail::fail(Errc::usage, "report", "report hours: training is not built yet");
}
namespace detail {
#define CADRE_STUB(name)                                                       \
  ImportResult name(Database::Impl&, const CsvFile&, const ImportOptions&) {   \
    fail(Errc::usage, "import", "import: training is not built yet");          \
  }
CADRE_STUB(import_courses)
CADRE_STUB(import_sessions)
CADRE_STUB(import_enrolments)
CADRE_STUB(import_attendance)
}  // namespace detail
}  // namespace cadre
