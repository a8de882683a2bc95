#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "cadre/render.hpp"

using namespace cadre;

TEST_CASE("JSON output escapes, keeps fractions fractional and stays valid on bad bytes") {
  Report r;
  r.data.set("text", Node::string("quote \" backslash \\ newline \n tab \t bell \x07 中文"));
  r.data.set("bad_utf8", Node::string("ok \xFF\xFE end"));
  r.data.set("whole", Node::number(93.0));
  r.data.set("rate", Node::number(0.892307, Hint::rate));
  r.data.set("score", Node::number(88.456, Hint::score));
  r.data.set("nan", Node::number(std::nan("")));
  r.data.set("count", Node::integer(-7));
  r.data.set("empty_list", Node::array());
  r.data.set("empty_object", Node::object());
  auto& rows = r.data.set("rows", Node::array());
  rows.push(Node::object()).set("flag", Node::boolean(true));
  std::string text = render(r, {"json"});
  auto j = nlohmann::json::parse(text);  // throws on invalid JSON
  CHECK(j["text"] == "quote \" backslash \\ newline \n tab \t bell \x07 中文");
  CHECK(j["bad_utf8"] == "ok \xEF\xBF\xBD\xEF\xBF\xBD end");
  CHECK(j["whole"].is_number_float());
  CHECK(j["whole"] == 93.0);
  CHECK(j["rate"] == 0.8923);  // rates: 4 decimals
  CHECK(j["score"] == 88.46);  // others: 2 decimals
  CHECK(j["nan"].is_null());
  CHECK(j["count"] == -7);
  CHECK(j["empty_list"].is_array());
  CHECK(j["empty_object"].is_object());
  CHECK(j["rows"][0]["flag"] == true);
  // Keys keep the model's order (the contract's field order).
  CHECK(text.find("\"text\"") < text.find("\"bad_utf8\""));
  CHECK(text.find("\"rows\"") > text.find("\"count\""));
}
