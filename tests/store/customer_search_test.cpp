// What customer search finds, on SQLite and PostgreSQL: a table of what store owners type (and
// what must not match), each query's hits compared with the expected customers and with a full
// scan of every customer under the same rules (TermMatches over the stored search keys).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "db/database.hpp"
#include "modules/addresses/service.hpp"
#include "modules/customers/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using customers::ListParams;
using customers::NewCustomer;

struct Person {
  const char* first;
  const char* last;
  const char* email;
  const char* phone;
  const char* country;
  const char* company;
  const char* city;  // a default address here, when set
  const char* postal_code;
};

const Person kPeople[] = {
    {"James", "Smith", "james.smith@example.com", "+44 7401 223233", "GB", "", "London",
     "SW1A 1AA"},
    {"Anna", "Jameson", "anna.j@example.com", "", "GB", "", "", ""},
    {"Jürgen", "Müller", "jm@web.de", "0176 12345678", "DE", "Werkzeuge Müller GmbH", "Berlin",
     "10115"},
    {"Anna", "Mueller", "anna.mueller@example.ch", "", "CH", "", "", ""},
    {"Иван", "Николаев", "ivan.n@example.ru", "8 916 123-45-67", "RU", "", "", ""},
    {"ハナコ", "ヤマダ", "hanako@example.jp", "", "JP", "", "", ""},
    {"翔", "山崎", "sho@example.jp", "090-1234-5678", "JP", "", "", ""},
    {"하준", "황", "hajun@example.kr", "", "KR", "", "", ""},
    {"Αλέξανδρος", "Παπαδόπουλος", "alex.p@example.gr", "", "GR", "", "", ""},
    {"Fatima", "Al-Sabah", "fatima@example.kw", "9988 7766", "KW", "", "", ""},
    {"Greta", "Schmidt", "g.schmidt@example.de", "", "GB", "Acme Werkzeuge", "Brighton", "BN1 1AA"},
    {"Pavel", "Nikolaev", "pavel@example.com", "", "DE", "", "", ""},
    {"राहुल", "शर्मा", "r.s@example.in", "", "IN", "", "", ""},
    {"Δημήτρης", "Ιωάννου", "d.i@example.gr", "", "GR", "", "", ""},
};

struct Case {
  const char* query;
  std::set<std::string> emails;  // exactly these
};

const Case kCases[] = {
    // Phones in national form, with the trunk prefix, or without the country code.
    {"07401 223233", {"james.smith@example.com"}},
    {"07401", {"james.smith@example.com"}},
    {"+44 7401", {"james.smith@example.com"}},
    {"0044 7401 22", {"james.smith@example.com"}},
    {"0176 1234", {"jm@web.de"}},
    {"8 916 123", {"ivan.n@example.ru"}},
    {"99887766", {"fatima@example.kw"}},
    {"090 1234", {"sho@example.jp"}},
    {"07402", {}},
    // Words in any order, across name, e-mail, company and place.
    {"james smith", {"james.smith@example.com"}},
    {"smith james", {"james.smith@example.com"}},
    {"smith j", {"james.smith@example.com"}},
    {"j smith", {"james.smith@example.com"}},
    {"jameson", {"anna.j@example.com"}},
    {"james", {"james.smith@example.com", "anna.j@example.com"}},
    {"anna example.com", {"anna.j@example.com"}},
    {"smith london", {"james.smith@example.com"}},
    {"schmidt berlin", {}},
    {"smithx", {}},
    // German umlauts either way.
    {"mueller", {"jm@web.de", "anna.mueller@example.ch"}},
    {"müller", {"jm@web.de", "anna.mueller@example.ch"}},
    {"muller", {"jm@web.de"}},
    {"juergen", {"jm@web.de"}},
    // Other scripts by their Latin spelling, and the other way round.
    {"nikolaev", {"ivan.n@example.ru", "pavel@example.com"}},
    {"Nikolayev", {"ivan.n@example.ru"}},
    {"николаев", {"ivan.n@example.ru", "pavel@example.com"}},
    {"ivan nikolaev", {"ivan.n@example.ru"}},
    {"sharma", {"r.s@example.in"}},
    {"rahul sharma", {"r.s@example.in"}},
    {"sarma", {"r.s@example.in"}},
    {"dimitris", {"d.i@example.gr"}},
    {"ioannou", {"d.i@example.gr"}},
    {"nikolaeva", {}},
    {"yamada", {"hanako@example.jp"}},
    {"hanako yamada", {"hanako@example.jp"}},
    {"ヤマダ", {"hanako@example.jp"}},
    {"hwang", {"hajun@example.kr"}},
    {"papadopoulos", {"alex.p@example.gr"}},
    {"alexandros", {"alex.p@example.gr"}},
    // CJK full names, family name first, with or without a space.
    {"山崎翔", {"sho@example.jp"}},
    {"山崎 翔", {"sho@example.jp"}},
    {"翔", {"sho@example.jp"}},
    {"황하준", {"hajun@example.kr"}},
    {"翔山崎", {}},
    // Company, city and postal code.
    {"werkzeuge", {"jm@web.de", "g.schmidt@example.de"}},
    {"acme", {"g.schmidt@example.de"}},
    {"berlin", {"jm@web.de"}},
    {"brighton", {"g.schmidt@example.de"}},
    {"BN1", {"g.schmidt@example.de"}},
    {"bn", {"g.schmidt@example.de"}},
    {"sw1a", {"james.smith@example.com"}},
    // A postal code of digits is typed as digits: it is searched beside phone numbers.
    {"10115", {"jm@web.de"}},
    {"101", {"jm@web.de"}},
    {"gmbh berlin", {"jm@web.de"}},
};

class CustomerSearch : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    service_ = std::make_unique<customers::Service>(*db_, clock_);
    book_ = std::make_unique<addresses::Service>(*db_, clock_);
    for (const Person& p : kPeople) {
      NewCustomer n;
      n.fields.first_name = p.first;
      n.fields.last_name = p.last;
      n.fields.email = p.email;
      n.fields.country = p.country;
      if (*p.phone) n.fields.phone = p.phone;
      if (*p.company) n.fields.company = p.company;
      auto c = service_->Create(actor_, n);
      ASSERT_TRUE(c.ok()) << p.email << ": " << c.error().message;
      if (*p.city) {
        addresses::Patch a;
        a.line1 = "1 High Street";
        a.city = p.city;
        a.postal_code = p.postal_code;
        a.country = p.country;
        auto added = book_->Add(actor_, c->public_id, a);
        ASSERT_TRUE(added.ok()) << p.email << ": " << added.error().message;
      }
    }
  }

  std::set<std::string> Found(const std::string& q) {
    auto page = service_->List(ListParams{{{"q", q}, {"limit", "200"}}});
    EXPECT_TRUE(page.ok()) << q << ": " << (page.ok() ? "" : page.error().message);
    std::set<std::string> out;
    if (page.ok()) {
      for (const auto& c : page->items) out.insert(c.email);
    }
    return out;
  }

  // Every customer whose stored search keys match every term of `q`.
  std::set<std::string> Scanned(const std::string& q) {
    const customers::SearchPlan plan = customers::PlanSearch(q);
    auto rows = db_->Read([](db::Connection& c) {
      return c.Query(
          "SELECT email, search_text, place_text, phone_digits, place_digits FROM customers");
    });
    EXPECT_TRUE(rows.ok());
    std::set<std::string> out;
    for (const auto& r : *rows) {
      const std::string text = plan.phone ? r.Text(3) + r.Text(4) : r.Text(1) + r.Text(2);
      bool all = true;
      for (const auto& term : plan.terms) all = all && customers::TermMatches(term, text);
      if (all) out.insert(r.Text(0));
    }
    return out;
  }

  clientele::testing::StepClock clock_;
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> service_;
  std::unique_ptr<addresses::Service> book_;
};

TEST_P(CustomerSearch, FindsWhatStoreOwnersType) {
  for (const Case& c : kCases) {
    const std::set<std::string> found = Found(c.query);
    EXPECT_EQ(found, c.emails) << "query: " << c.query;
    EXPECT_EQ(found, Scanned(c.query)) << "query (full scan): " << c.query;
  }
}

TEST_P(CustomerSearch, SaysWhichFieldMatched) {
  auto page = service_->List(ListParams{{{"q", "brighton"}}});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  const auto& match = page->matches.at(page->items[0].id);
  EXPECT_EQ(match.field, "city");
  EXPECT_EQ(match.value, "Brighton");
  page = service_->List(ListParams{{{"q", "smith"}}});
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->matches.empty());  // the name is on the row already
}

TEST_P(CustomerSearch, PlacesFollowTheAddressBook) {
  auto greta = service_->List(ListParams{{{"q", "g.schmidt"}}});
  ASSERT_TRUE(greta.ok());
  ASSERT_EQ(greta->items.size(), 1u);
  const std::string id = greta->items[0].public_id;
  auto book = book_->List(id);
  ASSERT_TRUE(book.ok());
  ASSERT_EQ(book->items.size(), 1u);
  addresses::Patch moved;
  moved.city = "Hove";
  moved.postal_code = "BN3 1AA";
  ASSERT_TRUE(book_->Update(actor_, id, book->items[0].public_id, moved, std::nullopt).ok());
  EXPECT_TRUE(Found("brighton").empty());
  EXPECT_EQ(Found("hove"), std::set<std::string>{"g.schmidt@example.de"});
  ASSERT_TRUE(book_->Delete(actor_, id, book->items[0].public_id, std::nullopt, std::nullopt).ok());
  EXPECT_TRUE(Found("hove").empty());
  EXPECT_EQ(Found("greta"), std::set<std::string>{"g.schmidt@example.de"});
}

// A store whose keys were made by older rules gets them recomputed at start, and its search
// tables stay whole (SQLite's FTS5 integrity check).
TEST_P(CustomerSearch, UpgradeRecomputesOlderKeys) {
  ASSERT_TRUE(db_->Transaction([](db::Connection& c) -> Status {
                   RETURN_IF_ERROR(c.Execute(
                       "UPDATE customers SET search_text = lower(first_name || ' ' || last_name),"
                       " place_text = '', phone_digits = ''"));
                   RETURN_IF_ERROR(c.Execute("UPDATE search_keys SET version = 1"));
                   return OkStatus();
                 })
                  .ok());
  EXPECT_TRUE(Found("berlin").empty());
  ASSERT_TRUE(customers::Service::UpgradeSearchKeys(*db_).ok());
  for (const Case& c : kCases) EXPECT_EQ(Found(c.query), c.emails) << "query: " << c.query;
  if (GetParam() == "sqlite") {
    auto checked = db_->Transaction([](db::Connection& c) -> Status {
      for (const char* table : {"customer_search", "customer_phone_search"}) {
        RETURN_IF_ERROR(c.Execute(std::string("INSERT INTO ") + table + " (" + table +
                                  ") VALUES ('integrity-check')"));
      }
      return OkStatus();
    });
    EXPECT_TRUE(checked.ok()) << checked.error().message;
  }
  // Once done, a second start leaves the keys alone.
  ASSERT_TRUE(customers::Service::UpgradeSearchKeys(*db_).ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, CustomerSearch,
                         ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
