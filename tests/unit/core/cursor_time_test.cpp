#include <gtest/gtest.h>

#include "core/cursor.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace clientele {
namespace {

TEST(Cursor, RoundTripsIntAndTextKeys) {
  Cursor a{"-registered", int64_t{1234567890123}, 1234567890123};
  auto da = DecodeCursor(EncodeCursor(a));
  ASSERT_TRUE(da.ok());
  EXPECT_EQ(da->sort, "-registered");
  EXPECT_EQ(std::get<int64_t>(da->key), 1234567890123);
  EXPECT_EQ(da->id, 1234567890123);

  Cursor b{"name", std::string("müller anna"), 42};
  auto db = DecodeCursor(EncodeCursor(b));
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(std::get<std::string>(db->key), "müller anna");
}

TEST(Cursor, RejectsGarbage) {
  for (const char* bad : {"", "!!!", "e30", "bm90IGpzb24", "eyJzIjoxfQ"}) {
    auto r = DecodeCursor(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().fields.at(0).field, "cursor");
  }
}

TEST(Instant, FormatsAndParses) {
  EXPECT_EQ(FormatInstant(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatInstant(1795431252000000), "2026-11-23T10:54:12Z");
  EXPECT_EQ(FormatInstant(1795431252250000), "2026-11-23T10:54:12.250Z");
  EXPECT_EQ(*ParseInstant("2026-11-23T10:54:12Z", "t"), 1795431252000000);
  EXPECT_EQ(*ParseInstant("2026-11-23T11:54:12+01:00", "t"), 1795431252000000);
  EXPECT_EQ(*ParseInstant("2026-11-23T10:54:12.25Z", "t"), 1795431252250000);
  EXPECT_EQ(*ParseInstant("2026-11-23", "t"), 1795392000000000);
  EXPECT_EQ(*ParseInstant("2024-02-29", "t"), 1709164800000000);
}

TEST(Instant, RejectsBadInput) {
  for (const char* bad :
       {"", "2026", "2026-13-01", "2026-02-30", "2025-02-29", "2026-11-23T10:54",
        "2026-11-23T25:00:00Z", "2026-11-23T10:54:12", "yesterday", "2026-11-23T10:54:12Zjunk"}) {
    auto r = ParseInstant(bad, "registered_from");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().fields.at(0).field, "registered_from");
  }
}

TEST(PublicId, ShapeAndUniqueness) {
  std::string a = NewPublicId("cus"), b = NewPublicId("cus");
  EXPECT_NE(a, b);
  EXPECT_TRUE(IsPublicId(a, "cus"));
  EXPECT_FALSE(IsPublicId(a, "grp"));
  EXPECT_FALSE(IsPublicId("cus_123", "cus"));
  EXPECT_FALSE(IsPublicId("cus_ABCDEFGHJKMNPQRSTVWX", "cus"));
}

TEST(Secret, HashIsStableAndHex) {
  std::string s = NewSecret("clt_", 32);
  EXPECT_EQ(s.rfind("clt_", 0), 0u);
  EXPECT_EQ(HashSecret(s), HashSecret(s));
  EXPECT_EQ(HashSecret(s).size(), 64u);
  EXPECT_NE(HashSecret(s), HashSecret(s + "x"));
}

TEST(PageSize, WholeNumbersWithinTheLimit) {
  EXPECT_EQ(ParsePageSize("1", 200), 1);
  EXPECT_EQ(ParsePageSize("200", 200), 200);
  for (const char* bad : {"0", "201", "-5", "12x", "", " 5", "1e2"}) {
    EXPECT_FALSE(ParsePageSize(bad, 200).has_value()) << bad;
  }
}

TEST(PageParameters, RecordAFieldErrorForABadLimitOrAForeignCursor) {
  std::vector<FieldError> errors;
  EXPECT_EQ(ReadPageSize("50", 200, errors), 50);
  EXPECT_TRUE(errors.empty());
  EXPECT_FALSE(ReadPageSize("500", 200, errors).has_value());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "limit");
  EXPECT_EQ(errors[0].code, "invalid_limit");

  errors.clear();
  const std::string token = EncodeCursor({"audit", int64_t{7}, 7});
  auto cursor = ReadCursor(token, "audit", errors);
  ASSERT_TRUE(cursor.has_value());
  EXPECT_EQ(cursor->id, 7);
  EXPECT_FALSE(ReadCursor(token, "messages", errors).has_value());
  EXPECT_FALSE(ReadCursor("not a cursor", "audit", errors).has_value());
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[1].field, "cursor");
  EXPECT_EQ(errors[1].code, "invalid_cursor");
}

TEST(PageParameters, AnIdPageTakesLimitAndCursorOnly) {
  auto plain = ReadIdPage({}, "notes", 200);
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->limit, 50);
  EXPECT_FALSE(plain->before_id);
  const std::string cursor = EncodeCursor({"notes", int64_t{42}, 42});
  auto next = ReadIdPage({{"limit", "10"}, {"cursor", cursor}, {"q", ""}}, "notes", 200);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->limit, 10);
  EXPECT_EQ(next->before_id, 42);
  auto bad = ReadIdPage({{"limit", "201"}, {"cursor", cursor}, {"sort", "name"}}, "orders", 200);
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field + ":" + f.code);
  EXPECT_EQ(fields, (std::vector<std::string>{"cursor:invalid_cursor", "limit:invalid_limit",
                                              "sort:unknown_parameter"}));
}

TEST(Time, LocalDateIsTheDayInTheStoresTimeZone) {
  auto at = ParseInstant("2026-11-30T23:30:00Z", "t");
  ASSERT_TRUE(at.ok());
  EXPECT_EQ(LocalDate(*at, "UTC"), "2026-11-30");
  EXPECT_EQ(LocalDate(*at, "Europe/Berlin"), "2026-12-01");
  EXPECT_EQ(LocalDate(*at, "America/New_York"), "2026-11-30");
  EXPECT_EQ(LocalDate(*at, ""), "2026-11-30");
}

// Day numbers count from 1970-01-01; the store's midnight is where its day begins.
TEST(Time, LocalDaysBeginAtTheStoresMidnight) {
  auto instant = [](const char* text) { return *ParseInstant(text, "at"); };
  const int64_t dec1 = instant("2026-12-01") / (int64_t{86400} * 1000000);
  const LocalDays india("Asia/Kolkata");  // +05:30: midnight is 18:30 UTC the day before
  EXPECT_EQ(india.DayOf(instant("2026-11-30T18:29:59Z")), dec1 - 1);
  EXPECT_EQ(india.DayOf(instant("2026-11-30T18:30:00Z")), dec1);
  EXPECT_EQ(india.MidnightOf(dec1), instant("2026-11-30T18:30:00Z"));
  const LocalDays new_york("America/New_York");
  EXPECT_EQ(new_york.DayOf(instant("2026-12-01T04:59:00Z")), dec1 - 1);
  EXPECT_EQ(new_york.MidnightOf(dec1), instant("2026-12-01T05:00:00Z"));
  // 2018-11-04 in São Paulo had no midnight: clocks went from 23:59:59 to 01:00 (-02:00).
  const int64_t nov4 = instant("2018-11-04") / (int64_t{86400} * 1000000);
  EXPECT_EQ(LocalDays("America/Sao_Paulo").MidnightOf(nov4), instant("2018-11-04T03:00:00Z"));
  const LocalDays utc("");
  EXPECT_EQ(utc.MidnightOf(dec1), instant("2026-12-01"));
  EXPECT_EQ(utc.DayOf(instant("1969-12-31T23:00:00Z")), -1);
}

}  // namespace
}  // namespace clientele
