// Header map, response constructors, query-string and percent decoding.
#include "http/message.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace clientele::http {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs ToPairs(const std::multimap<std::string, std::string>& m) { return {m.begin(), m.end()}; }

TEST(HeadersTest, NamesAreStoredLowerCaseAndLookedUpCaseInsensitively) {
  Headers h;
  h.Add("Content-Type", "text/html");
  EXPECT_EQ(h.all().front().first, "content-type");
  EXPECT_EQ(h.Get("CONTENT-TYPE"), "text/html");
  EXPECT_EQ(h.Get("content-type"), "text/html");
  EXPECT_EQ(h.Get("accept"), std::nullopt);
}

TEST(HeadersTest, AddAppendsAndGetReturnsTheFirst) {
  Headers h;
  h.Add("Set-Cookie", "a=1");
  h.Add("set-cookie", "b=2");
  ASSERT_EQ(h.all().size(), 2u);
  EXPECT_EQ(h.Get("Set-Cookie"), "a=1");
}

TEST(HeadersTest, SetReplacesEveryEarlierValue) {
  Headers h;
  h.Add("Vary", "a");
  h.Add("X-Other", "x");
  h.Add("vary", "b");
  h.Set("VARY", "c");
  ASSERT_EQ(h.all().size(), 2u);
  EXPECT_EQ(h.Get("vary"), "c");
  EXPECT_EQ(h.Get("x-other"), "x");
}

TEST(ResponseTest, Constructors) {
  Response json = Response::Json(201, R"({"id":1})");
  EXPECT_EQ(json.status, 201);
  EXPECT_EQ(json.body, R"({"id":1})");
  EXPECT_EQ(json.headers.Get("content-type"), "application/json");

  Response text = Response::Text(200, "hi");
  EXPECT_EQ(text.headers.Get("content-type"), "text/plain");
  Response csv = Response::Text(200, "a,b", "text/csv");
  EXPECT_EQ(csv.headers.Get("content-type"), "text/csv");

  Response none = Response::NoContent();
  EXPECT_EQ(none.status, 204);
  EXPECT_TRUE(none.body.empty());
}

TEST(RequestTest, QueryReturnsFirstValueAndPathParam) {
  Request r;
  r.query = ParseQueryString("tag=a&tag=b");
  r.path_params["id"] = "cus_1";
  EXPECT_EQ(r.Query("tag"), "a");
  EXPECT_EQ(r.Query("missing"), std::nullopt);
  EXPECT_EQ(r.PathParam("id"), "cus_1");
  EXPECT_EQ(r.PathParam("other"), std::nullopt);
}

struct QueryCase {
  std::string name;
  std::string input;
  Pairs expected;
};
void PrintTo(const QueryCase& c, std::ostream* os) { *os << c.input; }

class ParseQueryStringTest : public testing::TestWithParam<QueryCase> {};

TEST_P(ParseQueryStringTest, Decodes) {
  EXPECT_EQ(ToPairs(ParseQueryString(GetParam().input)), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseQueryStringTest,
    testing::Values(QueryCase{"Empty", "", {}},
                    QueryCase{"Simple", "a=1&b=2", {{"a", "1"}, {"b", "2"}}},
                    QueryCase{"PlusIsSpace", "q=anna+maria", {{"q", "anna maria"}}},
                    QueryCase{"PercentEscapes", "q=x%20y%2Bz%26", {{"q", "x y+z&"}}},
                    QueryCase{"Utf8", "q=J%C3%BCrgen", {{"q", "J\xC3\xBCrgen"}}},
                    QueryCase{"LowerCaseHex", "q=%c3%a9", {{"q", "\xC3\xA9"}}},
                    QueryCase{"EncodedKey", "sort%5Bby%5D=name", {{"sort[by]", "name"}}},
                    QueryCase{"RepeatedKeyKeepsOrder", "t=a&t=b", {{"t", "a"}, {"t", "b"}}},
                    QueryCase{"KeyWithoutValue", "flag&x=", {{"flag", ""}, {"x", ""}}},
                    QueryCase{"EmptyPairsSkipped", "&&a=1&", {{"a", "1"}}},
                    QueryCase{"EqualsInValue", "f=a=b", {{"f", "a=b"}}},
                    QueryCase{
                        "MalformedEscapeKeptAsText", "q=100%&r=%zz", {{"q", "100%"}, {"r", "%zz"}}},
                    QueryCase{"TruncatedEscapeKeptAsText", "q=%4", {{"q", "%4"}}},
                    QueryCase{"MalformedNextToValidEscape", "q=%%41", {{"q", "%A"}}}),
    [](const auto& info) { return info.param.name; });

struct DecodeCase {
  std::string name;
  std::string input;
  bool plus_is_space;
  std::optional<std::string> expected;
};
void PrintTo(const DecodeCase& c, std::ostream* os) { *os << c.input; }

class PercentDecodeTest : public testing::TestWithParam<DecodeCase> {};

TEST_P(PercentDecodeTest, Decodes) {
  EXPECT_EQ(PercentDecode(GetParam().input, GetParam().plus_is_space), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(Cases, PercentDecodeTest,
                         testing::Values(DecodeCase{"Plain", "abc", false, "abc"},
                                         DecodeCase{"Escapes", "a%2Fb%20c", false, "a/b c"},
                                         DecodeCase{"PlusKeptInPaths", "a+b", false, "a+b"},
                                         DecodeCase{"PlusAsSpace", "a+b", true, "a b"},
                                         DecodeCase{"EncodedPlus", "a%2Bb", true, "a+b"},
                                         DecodeCase{"Nul", "%00", false, std::string(1, '\0')},
                                         DecodeCase{"BadHex", "%zz", false, std::nullopt},
                                         DecodeCase{"Truncated", "ab%4", false, std::nullopt},
                                         DecodeCase{"LonePercent", "%", false, std::nullopt}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace clientele::http
