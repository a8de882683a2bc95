// Issue 9, input side, at the library: check_text's edges, and the actor a host program sets.
#include <doctest/doctest.h>

#include <string>

#include "cadre/error.hpp"
#include "cadre/people.hpp"
#include "cadre/text.hpp"
#include "test_support.hpp"

using namespace cadre;

namespace {
// The field named by the refusal, or "" when the text passes.
std::string refused(std::string_view text, TextLayout layout = TextLayout::line) {
  try {
    check_text(text, "f", layout);
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid);
    return e.field();
  }
  return "";
}
}  // namespace

TEST_CASE("check_text accepts text and refuses what is not text, naming the field") {
  CHECK(refused("") == "");
  CHECK(refused("王建国 Wang-Jianguo 副局长 😀") == "");
  CHECK(refused(std::string("\xd5\xc5\xc8\xfd")) == "f");  // GBK 张三
  CHECK(refused(std::string("\xc0\xaf")) == "f");          // overlong "/"
  CHECK(refused(std::string("\xed\xa0\x80")) == "f");      // a UTF-16 surrogate
  CHECK(refused(std::string("\xf4\x90\x80\x80")) == "f");  // past U+10FFFF
  CHECK(refused(std::string("\xe7\x8e")) == "f");          // cut in the middle of 王
  CHECK(refused(std::string("a\0b", 3)) == "f");           // NUL
  CHECK(refused("a\x1b[31mb") == "f");                     // ESC
  CHECK(refused("a\x7f") == "f");                          // DEL
  CHECK(refused("a\xc2\x9b"
                "31m") == "f");  // C1 CSI, U+009B
  CHECK(refused("a\xe2\x80\xae"
                "b") == "f");  // RIGHT-TO-LEFT OVERRIDE
  CHECK(refused("a\xe2\x81\xa6"
                "b") == "f");  // LEFT-TO-RIGHT ISOLATE
  CHECK(refused("a\xe2\x80\x8f"
                "b") == "");  // a plain RLM mark is text
  // Layout: a line takes neither TAB nor LF, a paragraph both; CR is refused in either.
  CHECK(refused("a\tb") == "f");
  CHECK(refused("a\nb") == "f");
  CHECK(refused("a\tb\nc", TextLayout::paragraph) == "");
  CHECK(refused("a\r\nb", TextLayout::paragraph) == "f");
}

TEST_CASE("an actor that is not text never reaches the audit log") {
  test::TestDb t;
  CHECK_THROWS_AS(t.db.set_actor(std::string("\xd5\xc5\xc8\xfd")), Error);
  CHECK_THROWS_AS(t.db.set_actor("clerk\x1b]0;x\x07"), Error);
  t.db.set_actor("张三");
  CHECK(t.db.actor() == "张三");
}

TEST_CASE("a library caller's text is checked like a command line's") {
  test::TestDb t;
  add_unit(t.db, {"U1", "One", std::nullopt, std::nullopt});
  PersonInput p{"P1", "a\x1b[2Jb", "U1"};
  try {
    add_person(t.db, p);
    FAIL("accepted");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::invalid);
    CHECK(e.field() == "name");  // the field id; each surface spells it (CLI --name)
  }
  p.name = "张三";
  p.title = std::string("\xb8\xb1");  // GBK 副
  CHECK_THROWS_AS(add_person(t.db, p), Error);
  p.title = "副局长";
  add_person(t.db, p);
}
