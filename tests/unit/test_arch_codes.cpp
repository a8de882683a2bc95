// Issue 10 item 3: errors carry a message id and arguments; the text is made where it is shown.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "cadre/error.hpp"
#include "cadre/i18n.hpp"
#include "cadre/model.hpp"
#include "cadre/render.hpp"
#include "i18n/catalogue.hpp"
#include "i18n/message.hpp"
#include "util/text.hpp"

using namespace cadre;

namespace {
struct LanguageGuard {
  ~LanguageGuard() { set_language("en"); }
};

// The argument index and spec of each replacement field ("{1:g}" -> 1 "g"), automatic numbering.
std::multiset<std::pair<std::size_t, std::string>> fields_of(std::string_view t) {
  std::multiset<std::pair<std::size_t, std::string>> out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '{') continue;
    if (i + 1 < t.size() && t[i + 1] == '{') {
      ++i;
      continue;
    }
    auto close = t.find('}', i);
    std::string inside(t.substr(i + 1, close - i - 1));
    auto colon = inside.find(':');
    std::string index = inside.substr(0, colon);
    std::size_t n = index.empty() ? next++ : std::stoul(index);
    out.emplace(n, colon == std::string::npos ? "" : inside.substr(colon + 1));
    i = close;
  }
  return out;
}
}  // namespace

TEST_CASE("an error keeps its message id and arguments; each language renders it") {
  LanguageGuard guard;
  try {
    detail::fail(Errc::not_found, detail::field("unit"), "{}: unknown unit {}", detail::field("unit"), "NOPE");
    FAIL("fail() returned");
  } catch (const Error& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(e.field() == "unit");
    CHECK(e.message().id() == "{}: unknown unit {}");
    REQUIRE(e.message().args().size() == 2);
    CHECK(e.message().args()[1].text == "NOPE");
    CHECK(name_fields(e.what(), FieldStyle::cli) == "--unit: unknown unit NOPE");  // the thread's: English
    CHECK(name_fields(e.text("zh"), FieldStyle::cli) == "--unit：未知单位 NOPE");
    CHECK(name_fields(e.text("zh"), FieldStyle::capi) == "unit：未知单位 NOPE");
    CHECK(e.text("en") == e.what());
  }
  set_language("zh");
  try {
    detail::fail(Errc::not_found, "", "{}: unknown unit {}", "--unit", "NOPE");
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "--unit：未知单位 NOPE");  // what(): the thread's language when thrown
    CHECK(e.text("en") == "--unit: unknown unit NOPE");       // and English still to be had
  }
}

TEST_CASE("message codes: short, stable, one per catalogue template") {
  // The code is of the id alone (not the arguments), and pinned: it is part of the JSON error
  // contract (FNV-1a 32 of the UTF-8 template), so a change of hash would break scripts.
  CHECK(detail::message("{}: unknown unit {}", "a", "b").code() ==
        detail::message("{}: unknown unit {}", "c", "d").code());
  CHECK(Message("{} already exists", {}).code() == "mbe1f759b");
  CHECK(Message::verbatim("text made already").code().empty());
  CHECK(Message::verbatim("text made already").render("zh") == "text made already");
  std::map<std::string, std::string> seen;
  for (const auto& e : detail::catalogue_zh()) {
    if (e.id.find('{') == std::string_view::npos && e.id.find(' ') == std::string_view::npos) continue;  // a word
    std::string code = Message(std::string(e.id), {}).code();
    CAPTURE(e.id);
    CHECK(code.size() == 9);
    auto [it, fresh] = seen.emplace(code, std::string(e.id));
    CHECK_MESSAGE(fresh, "same code as: " << it->second);
  }
  CHECK(seen.size() > 300);
}

TEST_CASE("catalogue: a Chinese template formats each argument as the English one does") {
  // Arguments are formatted once, by the English template's spec ("{:g}"); every language then
  // only places the texts. So a translation must give each argument the same spec.
  for (const auto& e : detail::catalogue_zh()) {
    if (e.id.find('{') == std::string_view::npos) continue;
    CAPTURE(e.id);
    CHECK(fields_of(e.id) == fields_of(e.zh));
  }
}

TEST_CASE("arguments keep their format; Chinese reorders them") {
  LanguageGuard guard;
  Message m = detail::message("{:g} hours short of {:g} this year", 12.5, 40.0);
  CHECK(m.render("en") == "12.5 hours short of 40 this year");
  CHECK(m.render("zh") == "本年度距 40 学时尚差 12.5 学时");
  set_language("zh");
  CHECK(m.render("zh") == detail::msg("{:g} hours short of {:g} this year", 12.5, 40.0));
  Message c = detail::message("{}: contains the control character U+{:04X} (character {})", "name", 0x1b, 3);
  CHECK(c.render("en") == "name: contains the control character U+001B (character 3)");
  CHECK(c.render("zh") == detail::msg("{}: contains the control character U+{:04X} (character {})", "name", 0x1b, 3));
  CHECK(detail::fill("{{literal}} {1:>3}|{0}", {"a", "b"}) == "{literal} b|a");
  CHECK(detail::argument_specs("{} {:g} {:04X}", 3) == std::vector<std::string>{"{}", "{:g}", "{:04X}"});
}

TEST_CASE("an enum word stays a word until the text is made; a message may hold a message") {
  LanguageGuard guard;
  Message m = detail::message("leave {} is {}, not requested", 7, detail::word("status", "approved"));
  CHECK(m.args()[1].kind == Message::Arg::Kind::word);
  CHECK(m.render("en") == "leave 7 is approved, not requested");
  CHECK(m.render("zh") == "请假 7 的状态为已批准，不是待审批");
  Message outer = detail::message("storage error: {}", detail::message("no space left on device"));
  CHECK(outer.render("en") == "storage error: no space left on device");
  CHECK(outer.render("zh") == std::string(translate("storage error: {}", "zh"))
                                  .replace(std::string(translate("storage error: {}", "zh")).find("{}"), 2,
                                           translate("no space left on device", "zh")));
  // Text made where it is shown formats a word in the thread's language.
  set_language("zh");
  CHECK(detail::msg("{}", detail::word("status", "approved")) == "已批准");
  CHECK(std::string(detail::word("status", "approved")) == "已批准");
}

TEST_CASE("a translation that does not fit its arguments falls back to English") {
  // Not in the catalogue: the English template is the text in every language.
  Message m = detail::message("no such template {} at all", 1);
  CHECK(m.render("zh") == "no such template 1 at all");
  CHECK(m.code().size() == 9);
}

TEST_CASE("an alert's message is made by the renderer, in the render's language") {
  LanguageGuard guard;
  Report r;
  r.kind = "secondments_report";
  auto& a = r.data.set("alerts", Node::array()).push(Node::object());
  a.set("code", Node::code("monthly_report_missing"));
  a.set("message",
        Node::text(detail::message("{}: no monthly work report for {} (due by {})", "张伟", "2026-06", "2026-07-05")));
  const Node& m = *a.find("message");
  CHECK(m.type() == Node::Type::string);
  CHECK(m.as_string() == "张伟: no monthly work report for 2026-06 (due by 2026-07-05)");  // the thread's (en)
  REQUIRE(m.message() != nullptr);
  CHECK(Node::string("plain").message() == nullptr);
  RenderOptions zh;
  zh.format = "json";
  zh.lang = "zh";
  CHECK(render(r, zh).find("张伟：未报送 2026-06 月度工作报告（应于 2026-07-05 前报送）") != std::string::npos);
  zh.format = "csv";
  CHECK(render(r, zh).find("月度工作报告") != std::string::npos);
  RenderOptions en;
  en.format = "table";
  CHECK(render(r, en).find("no monthly work report") != std::string::npos);
}
