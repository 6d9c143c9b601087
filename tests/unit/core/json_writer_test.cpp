#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace clientele {
namespace {

TEST(JsonWriter, NestedContainersAndCommas) {
  JsonWriter w;
  w.BeginObject();
  w.Key("a").Int(-5);
  w.Key("b").BeginArray().String("x").Bool(true).Null().BeginObject().EndObject().EndArray();
  w.Key("c").Raw("12.5");
  w.Key("d").BeginObject().Key("e").String("").EndObject();
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"a":-5,"b":["x",true,null,{}],"c":12.5,"d":{"e":""}})");
}

TEST(JsonWriter, EscapesAndParsesBack) {
  const std::string tricky = "quote \" backslash \\ newline \n tab \t bell \x07 山田 Zoë";
  JsonWriter w;
  w.BeginObject().Key(tricky).String(tricky).EndObject();
  auto parsed = nlohmann::json::parse(w.str());
  EXPECT_EQ(parsed[tricky], tricky);
}

TEST(JsonWriter, EscapesAtTheEdgesOfPlainRuns) {
  std::string out;
  AppendJsonString(out, "\"ab\\c\x01");
  EXPECT_EQ(out, R"("\"ab\\c\u0001")");
  out.clear();
  AppendJsonString(out, "plain");
  EXPECT_EQ(out, R"("plain")");
  out.clear();
  AppendJsonString(out, "");
  EXPECT_EQ(out, R"("")");
}

}  // namespace
}  // namespace clientele
