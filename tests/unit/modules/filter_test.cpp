// The segment filter language: every operator, precedence, relative and calendar dates, money,
// limits, and mistakes reported with their position and a suggestion.
#include "modules/customers/filter.hpp"

#include <gtest/gtest.h>

#include <random>

#include "modules/customers/insights.hpp"
#include "modules/customers/model.hpp"

namespace clientele::customers {
namespace {

constexpr int64_t kDay = 86'400'000'000LL;
constexpr int64_t kHour = 3'600'000'000LL;
// 2026-12-07T12:00:00Z
constexpr int64_t kNow = 20'794 * kDay + 12 * kHour;

FilterContext Context() {
  FilterContext c;
  c.now = kNow;
  c.currency_digits = 2;
  c.midnight = [](int64_t day) { return day * kDay - kHour; };  // a store at UTC+1
  return c;
}

FilterNode Parse(const std::string& text) {
  auto r = ParseFilter(text, Context());
  EXPECT_TRUE(r.ok()) << text << ": "
                      << (r.ok()                     ? ""
                          : r.error().fields.empty() ? r.error().message
                                                     : r.error().fields[0].message);
  return r.ok() ? *r : FilterNode{};
}

FieldError Mistake(const std::string& text) {
  auto r = ParseFilter(text, Context(), "q");
  EXPECT_FALSE(r.ok()) << text << " should be refused";
  if (r.ok() || r.error().fields.empty()) return {};
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().fields[0].field, "q");
  EXPECT_EQ(r.error().fields[0].code, "invalid_filter");
  return r.error().fields[0];
}

int64_t Int(const FilterNode& n, size_t i = 0) { return std::get<int64_t>(n.values.at(i)); }
std::string Str(const FilterNode& n, size_t i = 0) { return std::get<std::string>(n.values.at(i)); }

TEST(FilterParse, ComparesNumbersWithEveryOperator) {
  const std::pair<const char*, FilterOp> cases[] = {
      {"orders = 2", FilterOp::kEq}, {"orders < 2", FilterOp::kLt},  {"orders <= 2", FilterOp::kLe},
      {"orders > 2", FilterOp::kGt}, {"orders >= 2", FilterOp::kGe}, {"orders == 2", FilterOp::kEq},
  };
  for (const auto& [text, op] : cases) {
    const FilterNode n = Parse(text);
    EXPECT_EQ(n.kind, FilterNode::Kind::kTest) << text;
    EXPECT_EQ(n.field, FilterField::kOrders) << text;
    EXPECT_EQ(n.op, op) << text;
    EXPECT_EQ(Int(n), 2) << text;
  }
}

TEST(FilterParse, NegationsBecomeNotNodes) {
  for (const char* text : {"orders != 2", "orders <> 2"}) {
    const FilterNode n = Parse(text);
    ASSERT_EQ(n.kind, FilterNode::Kind::kNot) << text;
    EXPECT_EQ(n.children.at(0).op, FilterOp::kEq);
  }
  const FilterNode not_in = Parse("country NOT IN ('DE', 'AT')");
  ASSERT_EQ(not_in.kind, FilterNode::Kind::kNot);
  EXPECT_EQ(not_in.children.at(0).op, FilterOp::kIn);
  EXPECT_EQ(not_in.children.at(0).values.size(), 2u);
  const FilterNode not_null = Parse("last_order IS NOT NULL");
  ASSERT_EQ(not_null.kind, FilterNode::Kind::kNot);
  EXPECT_EQ(not_null.children.at(0).op, FilterOp::kIsNull);
  const FilterNode is_null = Parse("tag is null");
  EXPECT_EQ(is_null.kind, FilterNode::Kind::kTest);
  EXPECT_EQ(is_null.op, FilterOp::kIsNull);
}

TEST(FilterParse, InListsContainsAndValuesKeepTheirPositions) {
  const FilterNode in = Parse("country IN ('DE', 'AT', ch)");
  EXPECT_EQ(in.op, FilterOp::kIn);
  ASSERT_EQ(in.values.size(), 3u);
  EXPECT_EQ(Str(in, 0), "DE");
  EXPECT_EQ(Str(in, 2), "ch");
  EXPECT_EQ(in.positions, (std::vector<int>{13, 19, 25}));

  EXPECT_EQ(Parse("name CONTAINS 'smith'").op, FilterOp::kContains);
  EXPECT_EQ(Parse("phone contains '7401'").op, FilterOp::kContains);
  const FilterNode contains = Parse("email CONTAINS '@example.com'");
  EXPECT_EQ(contains.op, FilterOp::kContains);
  EXPECT_EQ(Str(contains), "@example.com");

  const FilterNode quoted = Parse("city = 'O''Brien''s Town'");
  EXPECT_EQ(Str(quoted), "O'Brien's Town");
  EXPECT_EQ(Str(Parse("city = \"Köln\"")), "Köln");
}

TEST(FilterParse, AndBindsTighterThanOrAndParenthesesRegroup) {
  const FilterNode n = Parse("orders > 1 OR orders = 0 AND verified");
  ASSERT_EQ(n.kind, FilterNode::Kind::kOr);
  ASSERT_EQ(n.children.size(), 2u);
  EXPECT_EQ(n.children[0].kind, FilterNode::Kind::kTest);
  EXPECT_EQ(n.children[1].kind, FilterNode::Kind::kAnd);

  const FilterNode g = Parse("(orders > 1 OR orders = 0) AND verified");
  ASSERT_EQ(g.kind, FilterNode::Kind::kAnd);
  EXPECT_EQ(g.children[0].kind, FilterNode::Kind::kOr);

  const FilterNode chain = Parse("orders > 1 and orders < 5 AND status = active");
  ASSERT_EQ(chain.kind, FilterNode::Kind::kAnd);
  EXPECT_EQ(chain.children.size(), 3u);

  const FilterNode nots = Parse("NOT NOT email_consent");
  ASSERT_EQ(nots.kind, FilterNode::Kind::kNot);
  ASSERT_EQ(nots.children.at(0).kind, FilterNode::Kind::kNot);
  EXPECT_EQ(nots.children.at(0).children.at(0).field, FilterField::kEmailConsent);

  const FilterNode not_binds = Parse("NOT verified AND orders > 0");
  ASSERT_EQ(not_binds.kind, FilterNode::Kind::kAnd);
  EXPECT_EQ(not_binds.children[0].kind, FilterNode::Kind::kNot);
}

TEST(FilterParse, BooleansAloneOrComparedWithTrueAndFalse) {
  const FilterNode alone = Parse("email_consent");
  EXPECT_EQ(alone.op, FilterOp::kEq);
  EXPECT_EQ(Int(alone), 1);
  EXPECT_EQ(Int(Parse("verified = FALSE")), 0);
  const FilterNode ne = Parse("sms_consent != true");
  ASSERT_EQ(ne.kind, FilterNode::Kind::kNot);
  EXPECT_EQ(Int(ne.children[0]), 1);
}

TEST(FilterParse, RelativeTimesCountBackFromNow) {
  EXPECT_EQ(Int(Parse("last_order < -90d")), kNow - 90 * kDay);
  EXPECT_EQ(Int(Parse("last_order < -2w")), kNow - 14 * kDay);
  // Months and years by the calendar: 2026-12-07 - 6 months = 2026-06-07, same time of day.
  EXPECT_EQ(Int(Parse("registered > -6m")), (20'794 - 183) * kDay + 12 * kHour);
  EXPECT_EQ(Int(Parse("registered > -1Y")), (20'794 - 365) * kDay + 12 * kHour);
}

TEST(FilterParse, ACalendarDayIsARangeInTheStoreTimeZone) {
  // 2026-01-01 is day 20454; the store's midnight is an hour before UTC's.
  const int64_t start = 20'454 * kDay - kHour, end = start + kDay;
  const FilterNode eq = Parse("registered = 2026-01-01");
  EXPECT_EQ(eq.op, FilterOp::kDay);
  EXPECT_EQ(Int(eq, 0), start);
  EXPECT_EQ(Int(eq, 1), end);
  const FilterNode lt = Parse("registered < 2026-01-01"), le = Parse("registered <= 2026-01-01"),
                   gt = Parse("registered > 2026-01-01"), ge = Parse("registered >= 2026-01-01");
  EXPECT_EQ(lt.op, FilterOp::kLt);
  EXPECT_EQ(Int(lt), start);
  EXPECT_EQ(le.op, FilterOp::kLt);
  EXPECT_EQ(Int(le), end);
  EXPECT_EQ(gt.op, FilterOp::kGe);
  EXPECT_EQ(Int(gt), end);
  EXPECT_EQ(ge.op, FilterOp::kGe);
  EXPECT_EQ(Int(ge), start);
  EXPECT_EQ(Parse("registered != 2026-01-01").kind, FilterNode::Kind::kNot);
  // An instant is used as written.
  const FilterNode instant = Parse("registered > 2026-01-01T10:30Z");
  EXPECT_EQ(instant.op, FilterOp::kGt);
  EXPECT_EQ(Int(instant), start + kHour + 10 * kHour + 30 * 60'000'000LL);
}

TEST(FilterParse, MoneyIsInMinorUnitsOfTheStoreCurrency) {
  EXPECT_EQ(Int(Parse("total_spent > 500")), 50'000);
  EXPECT_EQ(Int(Parse("total_spent > 19.99")), 1'999);
  EXPECT_EQ(Int(Parse("balance >= 0.5")), 50);
  FilterContext yen = Context();
  yen.currency_digits = 0;
  auto r = ParseFilter("total_spent > 1000", yen);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::get<int64_t>(r->values[0]), 1000);
  auto decimals = ParseFilter("total_spent > 10.5", yen);
  ASSERT_FALSE(decimals.ok());
  EXPECT_NE(decimals.error().fields[0].message.find("more decimals than the currency"),
            std::string::npos);
}

TEST(FilterParse, KeywordsFieldsAndEnumValuesIgnoreCase) {
  const FilterNode n = Parse("STATUS = Banned or Kind = 'GUEST'");
  ASSERT_EQ(n.kind, FilterNode::Kind::kOr);
  EXPECT_EQ(Str(n.children[0]), "banned");
  EXPECT_EQ(Str(n.children[1]), "guest");
  EXPECT_EQ(Str(Parse("rfm_group = cant_lose")), "cant_lose");
  EXPECT_EQ(Str(Parse("activity IN (at_risk, lapsed)"), 1), "lapsed");
}

TEST(FilterMistakes, UnknownFieldsSuggestTheClosestName) {
  const FieldError e = Mistake("oders >= 2");
  EXPECT_EQ(e.message, "unknown field 'oders' at 1: did you mean 'orders'?");
  EXPECT_EQ(e.position, 1);
  const FieldError later = Mistake("orders >= 2 AND totl_spent > 5");
  EXPECT_EQ(later.position, 17);
  EXPECT_NE(later.message.find("did you mean 'total_spent'?"), std::string::npos);
  const FieldError far = Mistake("zzzzzz = 1");
  EXPECT_NE(far.message.find("see the list of fields"), std::string::npos);
}

TEST(FilterMistakes, UnknownEnumValuesSuggestTheClosest) {
  const FieldError e = Mistake("status = activ");
  EXPECT_EQ(e.position, 10);
  EXPECT_NE(e.message.find("did you mean 'active'?"), std::string::npos);
  EXPECT_NE(Mistake("status = purple").message.find("use one of active, inactive, banned"),
            std::string::npos);
}

TEST(FilterMistakes, OperatorsThatDoNotApplyAreNamed) {
  EXPECT_NE(Mistake("status > active").message.find("'>' does not apply to status"),
            std::string::npos);
  EXPECT_NE(Mistake("orders CONTAINS 2").message.find("CONTAINS does not apply to orders"),
            std::string::npos);
  EXPECT_NE(Mistake("registered IN (-1d)").message.find("IN does not apply to registered"),
            std::string::npos);
  EXPECT_NE(Mistake("orders IS NULL").message.find("orders is never empty"), std::string::npos);
  EXPECT_NE(Mistake("name = 'x'").message.find("use CONTAINS"), std::string::npos);
  EXPECT_NE(Mistake("orders").message.find("expected an operator after orders"), std::string::npos);
}

TEST(FilterMistakes, BadValuesSayWhatWasExpected) {
  EXPECT_NE(Mistake("orders >= many").message.find("a whole number"), std::string::npos);
  EXPECT_NE(Mistake("orders >= -2").message.find("a whole number"), std::string::npos);
  EXPECT_NE(Mistake("city = London").message.find("a text in single quotes"), std::string::npos);
  EXPECT_NE(Mistake("country = 'Germany'").message.find("two-letter country code"),
            std::string::npos);
  EXPECT_NE(Mistake("last_order < -90q").message.find("not a relative time"), std::string::npos);
  EXPECT_NE(Mistake("last_order < 2026-13-45").message.find("is not a date"), std::string::npos);
  EXPECT_NE(Mistake("verified = maybe").message.find("true or false"), std::string::npos);
  EXPECT_NE(Mistake("total_spent > 12abc").message.find("is not a number"), std::string::npos);
}

TEST(FilterMistakes, SyntaxErrorsPointAtTheirPlace) {
  const FieldError open = Mistake("(orders > 1 OR verified");
  EXPECT_EQ(open.position, 24);
  EXPECT_NE(open.message.find("expected ')' at 24 to close the '(' at 1"), std::string::npos);
  const FieldError close = Mistake("orders > 1)");
  EXPECT_EQ(close.position, 11);
  EXPECT_NE(close.message.find("closes nothing"), std::string::npos);
  const FieldError quote = Mistake("city = 'Paris");
  EXPECT_EQ(quote.position, 8);
  EXPECT_NE(quote.message.find("is not closed"), std::string::npos);
  EXPECT_NE(Mistake("orders > 1 verified").message.find("expected AND or OR at 12"),
            std::string::npos);
  EXPECT_NE(Mistake("orders ! 1").message.find("use != or NOT"), std::string::npos);
  EXPECT_NE(Mistake("city = ü").message.find("put texts in single quotes"), std::string::npos);
  EXPECT_NE(Mistake("").message.find("the filter is empty"), std::string::npos);
  EXPECT_NE(Mistake("AND orders > 1").message.find("expected a field name at 1"),
            std::string::npos);
  EXPECT_NE(Mistake("country IN 'DE'").message.find("expected '(' after IN"), std::string::npos);
  EXPECT_NE(Mistake("country IN ('DE' 'AT')").message.find("expected ',' or ')'"),
            std::string::npos);
  // Positions count characters, not bytes.
  EXPECT_EQ(Mistake("city = 'Zürich' AND oders > 1").position, 21);
}

TEST(FilterMistakes, LimitsKeepAFilterCheap) {
  EXPECT_NE(Mistake(std::string(kMaxFilterChars + 1, ' ')).message.find("at most 2000"),
            std::string::npos);
  std::string deep;
  for (int i = 0; i < kMaxFilterDepth + 2; ++i) deep += "(";
  deep += "verified";
  for (int i = 0; i < kMaxFilterDepth + 2; ++i) deep += ")";
  EXPECT_NE(Mistake(deep).message.find("nests too deeply"), std::string::npos);
  std::string many = "orders = 0";
  for (int i = 1; i <= kMaxFilterTests; ++i) many += " OR orders = " + std::to_string(i);
  EXPECT_NE(Mistake(many).message.find("at most 64 conditions"), std::string::npos);
  std::string in = "orders IN (0";
  for (size_t i = 1; i <= kMaxInValues; ++i) in += ", " + std::to_string(i);
  EXPECT_NE(Mistake(in + ")").message.find("at most 100 values"), std::string::npos);
}

TEST(FilterClosestWord, FindsTyposAndPrefixesButNotStrangers) {
  const std::vector<std::string> known = {"orders", "total_spent", "tag", "last_order"};
  EXPECT_EQ(ClosestWord("oders", known), "orders");
  EXPECT_EQ(ClosestWord("ordres", known), "orders");  // a swap
  EXPECT_EQ(ClosestWord("TAG", known), "tag");
  EXPECT_EQ(ClosestWord("total", known), "total_spent");
  EXPECT_EQ(ClosestWord("weather", known), "");
}

TEST(FilterFieldsTable, EveryFieldHasADescriptionAndEnumsHaveValues) {
  for (const auto& f : FilterFields()) {
    EXPECT_FALSE(f.about.empty()) << f.name;
    EXPECT_EQ(f.type == FilterType::kEnum, !f.values.empty()) << f.name;
    EXPECT_EQ(InfoOf(f.field).name, f.name);
  }
}

Customer Buyer(int orders, int64_t first, int64_t last) {
  Customer c;
  c.orders_count = orders;
  if (orders > 0) {
    c.first_order_at = first;
    c.last_order_at = last;
  }
  return c;
}

TEST(ActivityLevels, FollowTheCustomersOwnRhythm) {
  EXPECT_EQ(ActivityLevelOf(Buyer(0, 0, 0), kNow), "never_purchased");
  EXPECT_EQ(ActivityLevelOf(Buyer(1, kNow - 10 * kDay, kNow - 10 * kDay), kNow), "new");
  // One order: the usual interval is 90 days, so active up to 180 days, lapsed after 360.
  EXPECT_EQ(ActivityLevelOf(Buyer(1, kNow - 170 * kDay, kNow - 170 * kDay), kNow), "active");
  EXPECT_EQ(ActivityLevelOf(Buyer(1, kNow - 200 * kDay, kNow - 200 * kDay), kNow), "at_risk");
  EXPECT_EQ(ActivityLevelOf(Buyer(1, kNow - 400 * kDay, kNow - 400 * kDay), kNow), "lapsed");
  // Five orders 40 days apart: active up to 80 days, lapsed after 160.
  EXPECT_EQ(ActivityLevelOf(Buyer(5, kNow - 260 * kDay, kNow - 100 * kDay), kNow), "at_risk");
  Customer regular = Buyer(5, kNow - 230 * kDay, kNow - 70 * kDay);
  EXPECT_EQ(ActivityLevelOf(regular, kNow), "active");
  regular = Buyer(5, kNow - 330 * kDay, kNow - 170 * kDay);
  EXPECT_EQ(ActivityLevelOf(regular, kNow), "lapsed");
  // A recent sign-in keeps a long-gone buyer at risk rather than lapsed.
  regular.last_activity_at = kNow - 5 * kDay;
  EXPECT_EQ(ActivityLevelOf(regular, kNow), "at_risk");
  // Orders on one day count as the minimum interval of 30 days.
  EXPECT_EQ(ActivityLevelOf(Buyer(3, kNow - 50 * kDay, kNow - 50 * kDay), kNow), "active");
  EXPECT_EQ(ActivityLevelOf(Buyer(3, kNow - 70 * kDay, kNow - 70 * kDay), kNow), "at_risk");
}

TEST(RfmGroups, NameTheScoreCombinations) {
  auto group = [](int r, int f, int m) {
    Customer c;
    c.rfm_recency = r;
    c.rfm_frequency = f;
    c.rfm_monetary = m;
    return RfmGroupOf(c);
  };
  EXPECT_EQ(group(5, 5, 5), "champions");
  EXPECT_EQ(group(4, 4, 1), "champions");
  EXPECT_EQ(group(3, 3, 3), "loyal");
  EXPECT_EQ(group(5, 1, 2), "new");
  EXPECT_EQ(group(3, 2, 2), "promising");
  EXPECT_EQ(group(1, 5, 5), "cant_lose");
  EXPECT_EQ(group(2, 4, 2), "at_risk");
  EXPECT_EQ(group(1, 1, 1), "hibernating");
  EXPECT_EQ(RfmGroupOf(Customer{}), "");
}

// A value's quintile score by its rank: 1 + floor(5 × (rank − 1) / n), rank = 1 + smaller values.
int RankScore(const std::vector<int64_t>& values, int64_t v) {
  int64_t smaller = 0;
  for (int64_t x : values) smaller += x < v ? 1 : 0;
  return static_cast<int>(1 + 5 * smaller / static_cast<int64_t>(values.size()));
}

TEST(RfmScores, BoundsGiveEveryValueItsQuintileByRank) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    const int n = 1 + static_cast<int>(random() % 40);
    const int spread = 1 + static_cast<int>(random() % 12);  // small spreads make many ties
    std::vector<int64_t> values;
    for (int i = 0; i < n; ++i) values.push_back(static_cast<int64_t>(random() % spread));
    const RfmBounds bounds = QuintileBounds(values);
    for (int64_t v : values) {
      ASSERT_EQ(ScoreOf(bounds, v), RankScore(values, v)) << "n " << n << " value " << v;
    }
  }
}

TEST(RfmScores, TenDistinctValuesMakeTwoOfEachScoreAndTiesScoreAlike) {
  const RfmBounds ten = QuintileBounds({10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
  EXPECT_EQ(ten, (RfmBounds{3, 5, 7, 9}));
  // Seven of ten bought once: all score 1, and the rest rank above 70 % of the customers.
  const RfmBounds ties = QuintileBounds({1, 1, 1, 1, 1, 1, 1, 2, 2, 5});
  EXPECT_EQ(ScoreOf(ties, 1), 1);
  EXPECT_EQ(ScoreOf(ties, 2), 4);
  EXPECT_EQ(ScoreOf(ties, 5), 5);
  EXPECT_EQ(QuintileBounds({}), (RfmBounds{kNoBound, kNoBound, kNoBound, kNoBound}));
  EXPECT_EQ(ScoreOf(QuintileBounds({42}), 42), 1);
}

}  // namespace
}  // namespace clientele::customers
