#include "http/json_writer.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

namespace hejia::http {
namespace {

TEST(JsonWriter, EscapesStringsAsBoostJsonDoes) {
  for (std::string_view s :
       {std::string_view("plain"), std::string_view("引号\"与\\反斜杠"),
        std::string_view("tab\tline\nfeed\rbell\x07\x1f"), std::string_view("/slash and 中文")}) {
    std::string out;
    JsonWriter(out).String(s);
    EXPECT_EQ(out, boost::json::serialize(boost::json::value(s)));
  }
}

// The scan skips eight bytes at a time: every ASCII character at any place of a long text with
// Chinese in it comes out as boost::json writes it.
TEST(JsonWriter, EscapesACharacterAtAnyPlaceOfALongText) {
  const std::string base = "和家 family safety 0123456789 abcdefghij";
  for (int ch = 0; ch < 0x80; ++ch) {
    for (size_t at = 0; at <= base.size(); ++at) {
      std::string s = base;
      s.insert(at, 1, static_cast<char>(ch));
      std::string out;
      JsonWriter(out).String(s);
      ASSERT_EQ(out, boost::json::serialize(boost::json::value(s)))
          << "byte " << ch << " at " << at;
    }
  }
}

TEST(JsonWriter, PlacesCommasBetweenMembersAndItems) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject().Key("id").Int(-7).Key("tags").Strings({"a", "b"}).Key("phone").StringOrNull("");
  w.Key("ok").Bool(true).Key("items").BeginArray();
  w.BeginObject().Key("x").Null().EndObject().BeginObject().EndObject();
  w.EndArray().Key("raw").Raw("{\"k\":1}").EndObject();
  EXPECT_EQ(out, R"({"id":-7,"tags":["a","b"],"phone":null,"ok":true,"items":[{"x":null},{}],)"
                 R"("raw":{"k":1}})");
  EXPECT_NO_THROW(boost::json::parse(out));
}

// Short texts, keys and numbers are written in one piece with their separator; long ones and
// those with an escape the long way: both come out as boost::json writes the same values.
TEST(JsonWriter, WritesEveryKindOfValueInArraysAndObjectsAsBoostJsonDoes) {
  const std::string long_plain(300, 'x'), long_escaped = std::string(250, 'y') + "\n\"";
  std::string out;
  JsonWriter w(out);
  w.BeginArray().String(long_plain).String("短").String(long_escaped).String("");
  w.Int(INT64_MIN).Int(0).Int(INT64_MAX).Bool(false).Bool(true).Null().Null();
  w.BeginObject().Key("a").String(long_plain).Key(std::string(250, 'k')).Int(1);
  w.Key("b").Bool(false).Key("c").Null().Key("d").String("中\t文").EndObject();
  w.EndArray();
  boost::json::object o{
      {"a", long_plain}, {std::string(250, 'k'), 1}, {"b", false}, {"c", nullptr}, {"d", "中\t文"}};
  const boost::json::array expected{long_plain, "短",  long_escaped, "",      INT64_MIN, 0,
                                    INT64_MAX,  false, true,         nullptr, nullptr,   o};
  EXPECT_EQ(out, boost::json::serialize(expected));
}

}  // namespace
}  // namespace hejia::http
