// Messages and labels in the user's language. English text is the message id; the Chinese
// catalogue lives in one place (lib/src/i18n/catalogue_zh.cpp).
#pragma once
#include <string>
#include <string_view>

#include "cadre/export.hpp"

namespace cadre {

// The language of messages raised on this thread ("en" or "zh"); throws Error(invalid) otherwise.
CADRE_API void set_language(std::string_view lang);
CADRE_API std::string_view language();

// The translation of an English message template in the given language (itself when none).
CADRE_API std::string_view translate(std::string_view english, std::string_view lang);
// A report field or enum word ("staff_no", "excellent") as a label in the language.
CADRE_API std::string label(std::string_view key, std::string_view lang);

}  // namespace cadre
