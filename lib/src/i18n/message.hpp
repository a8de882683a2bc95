// Internal: what cadre::Message needs from the catalogue, for util's message builders
// (detail::message, detail::fail, detail::word in util/text.hpp).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cadre::detail {

// An enum word in `lang`: the catalogue's "field.word" entry, else "word"'s, else the word itself.
std::string word_text(std::string_view field, std::string_view word, std::string_view lang);

// The replacement field that formats each of the first `count` arguments of an English template
// ("{}", "{:g}", "{:04X}"): arguments are formatted with it once, when the message is made, and
// the template of any language is then filled with the texts (its specs dropped, see fill).
std::vector<std::string> argument_specs(std::string_view english, std::size_t count);

// `tmpl` with every replacement field's spec dropped ("{1:g}" -> "{1}"), formatted with `texts`.
std::string fill(std::string_view tmpl, const std::vector<std::string>& texts);

}  // namespace cadre::detail
