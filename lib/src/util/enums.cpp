#include "util/enums.hpp"

#include "cadre/i18n.hpp"
#include "util/text.hpp"

namespace cadre::detail {
const EnumSpec* find_enum(std::string_view name) {
  for (const auto& e : enums::all)
    if (e.name == name) return &e;
  return nullptr;
}

std::string enum_choices(const EnumSpec& e, std::string_view sep) {
  return join(std::vector<std::string>(e.values.begin(), e.values.end()), sep);
}

std::string word_list(const std::vector<std::string>& words) { return join(words, language() == "zh" ? "、" : ", "); }

}  // namespace cadre::detail
