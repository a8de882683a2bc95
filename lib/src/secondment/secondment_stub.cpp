// Placeholder bodies until the Secondment issue lands; replaced by secondment/*.cpp.
#include "cadre/secondment.hpp"
#include "io/importers.hpp"
#include "secondment/person_secondments.hpp"
#include "util/text.hpp"

namespace cadre {
Report report_secondment(Database&, const std::string&, const std::optional<std::string>&) {
  detail::fail(Errc::usage, "report", "report secondment: secondment is not built yet");
}
Report report_secondments(Database&, const std::optional<std::string>&, const std::optional<std::string>&,
                          const std::optional<std::string>&) {
  detail::fail(Errc::usage, "report", "report secondments: secondment is not built yet");
}
namespace detail {
Node person_secondments(Database::Impl&, std::int64_t, const std::string&) { return Node::array(); }
ImportResult import_checkins(Database::Impl&, const std::string&, const ImportOptions&) {
  fail(Errc::usage, "import", "import checkins: secondment is not built yet");
}
}  // namespace detail
}  // namespace cadre
