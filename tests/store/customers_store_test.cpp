// The customers, groups and tags services against real databases: every case runs on SQLite and
// on PostgreSQL.
#include <gtest/gtest.h>

#include <thread>

#include "db/database.hpp"
#include "modules/customers/service.hpp"
#include "modules/customers/store.hpp"
#include "modules/groups/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using customers::AccountStatus;
using customers::Customer;
using customers::Kind;
using customers::ListParams;
using customers::NewCustomer;
using customers::Patch;

using clientele::testing::StepClock;

class CustomersStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    service_ = std::make_unique<customers::Service>(*db_, clock_);
    groups_ = std::make_unique<groups::Service>(*db_, clock_);
  }

  Customer Make(const std::string& first, const std::string& last, const std::string& email,
                const std::string& phone = "", const std::string& country = "") {
    NewCustomer n;
    n.fields.first_name = first;
    n.fields.last_name = last;
    n.fields.email = email;
    if (!phone.empty()) n.fields.phone = phone;
    if (!country.empty()) n.fields.country = country;
    auto c = service_->Create(actor_, n);
    EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
    return c.ok() ? *c : Customer{};
  }

  std::vector<std::string> Emails(ListParams params) {
    auto page = service_->List(params);
    EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
    std::vector<std::string> out;
    if (page.ok()) {
      for (const auto& c : page->items) out.push_back(c.email);
    }
    return out;
  }

  static ListParams Q(std::map<std::string, std::string> v) { return ListParams{std::move(v)}; }

  StepClock clock_;
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> service_;
  std::unique_ptr<groups::Service> groups_;
};

TEST_P(CustomersStore, CreateAndReadBack) {
  Customer c = Make("Zoë", "Ångström", "Zoe@Example.com", "070-123 45 67", "SE");
  EXPECT_TRUE(c.public_id.rfind("cus_", 0) == 0);
  auto read = service_->Get(c.public_id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->first_name, "Zoë");
  EXPECT_EQ(read->email, "Zoe@example.com");
  EXPECT_EQ(read->phone, "+46701234567");
  EXPECT_EQ(read->group_name, "Default");
  EXPECT_EQ(read->status, AccountStatus::kActive);
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(service_->Get("cus_00000000000000000000").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_->Get("nonsense").error().code, ErrorCode::kNotFound);
}

TEST_P(CustomersStore, RegisteredEmailIsUniqueCaseInsensitively) {
  Make("A", "One", "same@example.com");
  NewCustomer n;
  n.fields.email = "SAME@example.com";
  auto dup = service_->Create(actor_, n);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().slug, "email_taken");
  // A guest may share an e-mail with an account (checkouts before registering).
  n.kind = Kind::kGuest;
  EXPECT_TRUE(service_->Create(actor_, n).ok());
}

TEST_P(CustomersStore, ConcurrentRegistrationsOfOneEmailLeaveOne) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, taken{0};
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&] {
      NewCustomer n;
      n.fields.email = "race@example.com";
      auto r = service_->Create(actor_, n);
      if (r.ok())
        ++ok;
      else if (r.error().slug == "email_taken")
        ++taken;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(taken.load(), 5);
}

TEST_P(CustomersStore, UpdateWithStaleVersionChangesNothing) {
  Customer c = Make("Ana", "Lopez", "ana@example.com");
  Patch first;
  first.company = "Acme";
  auto saved = service_->Update(actor_, c.public_id, first, c.version);
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->version, 2);
  Patch second;
  second.company = "Other";
  auto stale = service_->Update(actor_, c.public_id, second, c.version);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().slug, "stale_version");
  EXPECT_EQ(service_->Get(c.public_id)->company, "Acme");
}

TEST_P(CustomersStore, InvalidPatchChangesNothing) {
  Customer c = Make("Ana", "Lopez", "ana@example.com");
  Patch p;
  p.first_name = "Changed";
  p.phone = "123";
  auto r = service_->Update(actor_, c.public_id, p, std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at(0).field, "phone");
  auto read = service_->Get(c.public_id);
  EXPECT_EQ(read->first_name, "Ana");
  EXPECT_EQ(read->version, 1);
}

TEST_P(CustomersStore, DeactivateAndRestore) {
  Customer c = Make("Ana", "Lopez", "ana@example.com");
  auto off = service_->Deactivate(actor_, c.public_id, std::nullopt);
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->status, AccountStatus::kInactive);
  EXPECT_EQ(Emails(Q({{"status", "inactive"}})), std::vector<std::string>{"ana@example.com"});
  EXPECT_TRUE(Emails(Q({{"status", "active"}})).empty());
  auto on = service_->Restore(actor_, c.public_id, off->version);
  ASSERT_TRUE(on.ok());
  EXPECT_EQ(on->status, AccountStatus::kActive);
  EXPECT_EQ(on->first_name, "Ana");  // nothing else changed
}

TEST_P(CustomersStore, SearchNamesEmailsAndPhones) {
  Make("Jürgen", "Müller", "jm@web.de", "+49 30 901820");
  Make("Anna", "Mueller", "anna@gmail.com", "+1 415 555 2671");
  Make("山田", "太郎", "yamada@example.jp", "090-1234-5678", "JP");
  Make("Łukasz", "Żółć", "lukasz@wp.pl");
  // Ü also as German writes it without umlauts: "MÜLL" finds Mueller too.
  EXPECT_EQ(Emails(Q({{"q", "MÜLL"}})), (std::vector<std::string>{"anna@gmail.com", "jm@web.de"}));
  EXPECT_EQ(Emails(Q({{"q", "mull"}})), std::vector<std::string>{"jm@web.de"});
  EXPECT_EQ(Emails(Q({{"q", "jurgen muller"}})), std::vector<std::string>{"jm@web.de"});
  EXPECT_EQ(Emails(Q({{"q", "gmail"}})), std::vector<std::string>{"anna@gmail.com"});
  EXPECT_EQ(Emails(Q({{"q", "415 555"}})), std::vector<std::string>{"anna@gmail.com"});
  EXPECT_EQ(Emails(Q({{"q", "+1 (415) 555-26"}})), std::vector<std::string>{"anna@gmail.com"});
  EXPECT_EQ(Emails(Q({{"q", "1234 5678"}})), std::vector<std::string>{"yamada@example.jp"});
  EXPECT_EQ(Emails(Q({{"q", "山田"}})), std::vector<std::string>{"yamada@example.jp"});
  EXPECT_EQ(Emails(Q({{"q", "zolc"}})), std::vector<std::string>{"lukasz@wp.pl"});
  // One and two characters: word prefixes, newest first.
  EXPECT_EQ(Emails(Q({{"q", "an"}})), std::vector<std::string>{"anna@gmail.com"});
  EXPECT_EQ(Emails(Q({{"q", "m"}})), (std::vector<std::string>{"anna@gmail.com", "jm@web.de"}));
  EXPECT_EQ(Emails(Q({{"q", "山"}})), std::vector<std::string>{"yamada@example.jp"});
  EXPECT_TRUE(Emails(Q({{"q", "nobody-like-this"}})).empty());
  // Search text follows edits.
  auto page = service_->List(Q({{"q", "lukasz"}}));
  Patch p;
  p.last_name = "Nowak";
  ASSERT_TRUE(service_->Update(actor_, page->items.at(0).public_id, p, std::nullopt).ok());
  EXPECT_TRUE(Emails(Q({{"q", "zolc"}})).empty());
  EXPECT_EQ(Emails(Q({{"q", "nowak"}})), std::vector<std::string>{"lukasz@wp.pl"});
}

TEST_P(CustomersStore, FiltersCombine) {
  Make("A", "One", "a@example.com", "", "DE");
  Make("B", "Two", "b@example.com", "", "FR");
  Customer c = Make("C", "Three", "c@example.com", "", "DE");
  auto vip = groups_->CreateGroup(actor_, "VIP");
  ASSERT_TRUE(vip.ok());
  Patch p;
  p.group_id = vip->public_id;
  p.tags = std::vector<std::string>{"wholesale", "Returning"};
  ASSERT_TRUE(service_->Update(actor_, c.public_id, p, std::nullopt).ok());
  EXPECT_EQ(Emails(Q({{"country", "de"}})),
            (std::vector<std::string>{"c@example.com", "a@example.com"}));
  EXPECT_EQ(Emails(Q({{"group", vip->public_id}})), std::vector<std::string>{"c@example.com"});
  EXPECT_EQ(Emails(Q({{"tag", "WHOLESALE"}})), std::vector<std::string>{"c@example.com"});
  EXPECT_TRUE(Emails(Q({{"tag", "no-such-tag"}})).empty());
  EXPECT_EQ(Emails(Q({{"country", "DE"}, {"q", "one"}})),
            std::vector<std::string>{"a@example.com"});
  EXPECT_EQ(service_->Get(c.public_id)->tags, (std::vector<std::string>{"Returning", "wholesale"}));
  auto bad =
      service_->List(Q({{"country", "XX"}, {"status", "gone"}, {"limit", "500"}, {"x", "1"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 4u);
}

TEST_P(CustomersStore, RegistrationDateRange) {
  Customer a = Make("A", "One", "a@example.com");
  Customer b = Make("B", "Two", "b@example.com");
  Make("C", "Three", "c@example.com");
  ListParams q = Q({{"registered_from", FormatInstant(b.registered_at)},
                    {"registered_to", FormatInstant(b.registered_at + 1)}});
  EXPECT_EQ(Emails(q), std::vector<std::string>{"b@example.com"});
  EXPECT_EQ(Emails(Q({{"registered_to", FormatInstant(b.registered_at)}})),
            std::vector<std::string>{"a@example.com"});
  (void)a;
}

TEST_P(CustomersStore, KeysetPaginationVisitsEveryoneOnceInEverySort) {
  for (int i = 0; i < 23; ++i) {
    std::string n = std::to_string(100 + (i * 7) % 23);
    Make("First" + n, "Last" + n, "p" + n + "@example.com");
  }
  for (const char* sort : {"-registered", "registered", "name", "-name", "email", "-email",
                           "last_activity", "-last_activity"}) {
    std::vector<std::string> seen;
    std::optional<std::string> cursor;
    int pages = 0;
    do {
      ListParams q = Q({{"sort", sort}, {"limit", "5"}});
      if (cursor) q.values["cursor"] = *cursor;
      auto page = service_->List(q);
      ASSERT_TRUE(page.ok()) << sort << ": " << page.error().message;
      for (const auto& c : page->items) seen.push_back(c.email);
      cursor = page->next_cursor;
      ++pages;
    } while (cursor && pages < 20);
    EXPECT_EQ(seen.size(), 23u) << sort;
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 23u) << sort;
    if (std::string(sort) == "email") {
      EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    }
    if (std::string(sort) == "-email") {
      EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));
    }
  }
  // A cursor from another sort is refused.
  auto first = service_->List(Q({{"sort", "name"}, {"limit", "5"}}));
  auto mixed = service_->List(Q({{"sort", "email"}, {"cursor", *first->next_cursor}}));
  ASSERT_FALSE(mixed.ok());
  EXPECT_EQ(mixed.error().fields.at(0).field, "cursor");
}

TEST_P(CustomersStore, SortingByEmailPutsCustomersWithoutOneLastBothWays) {
  for (const char* email : {"cara@example.com", "", "anna@example.com", "", "bob@example.com"}) {
    NewCustomer n;
    n.kind = *email ? Kind::kRegistered : Kind::kGuest;
    n.fields.first_name = "Guest";
    n.fields.last_name = *email ? email : "Phone";
    if (*email) n.fields.email = email;
    n.fields.phone = "+49 176 12345678";
    ASSERT_TRUE(service_->Create(actor_, n).ok());
  }
  for (const auto& [sort, expected] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"email", {"anna@example.com", "bob@example.com", "cara@example.com", "", ""}},
           {"-email", {"cara@example.com", "bob@example.com", "anna@example.com", "", ""}}}) {
    // Pages of 2: the cursor carries over from addresses to the customers without one.
    std::vector<std::string> seen;
    std::optional<std::string> cursor;
    for (int pages = 0; pages < 5; ++pages) {
      ListParams q = Q({{"sort", sort}, {"limit", "2"}});
      if (cursor) q.values["cursor"] = *cursor;
      auto page = service_->List(q);
      ASSERT_TRUE(page.ok()) << sort << ": " << page.error().message;
      for (const auto& c : page->items) seen.push_back(c.email);
      cursor = page->next_cursor;
      if (!cursor) break;
    }
    EXPECT_EQ(seen, expected) << sort;
  }
}

TEST_P(CustomersStore, TotalsAreExactBelowTheCap) {
  for (int i = 0; i < 7; ++i)
    Make("N" + std::to_string(i), "X", std::to_string(i) + "@example.com");
  auto page = service_->List(Q({{"include_total", "true"}, {"limit", "2"}}));
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 7);
  EXPECT_TRUE(page->total_exact);
  EXPECT_EQ(*service_->CountExact(Q({{"q", "n1"}})), 1);
}

// The counters behind exact totals agree with a count of the rows after creates, status,
// kind and group changes, group deletions and deletes; on PostgreSQL before the fold of their
// deltas and after it. Totals above the cap are exact for lists filtered by status, kind and
// group, capped for any other filter.
TEST_P(CustomersStore, CountersAgreeWithTheRows) {
  auto count = [&](std::map<std::string, std::string> v) {
    auto exact = service_->CountExact(Q(v));
    EXPECT_TRUE(exact.ok());
    v["include_total"] = "true";
    v["limit"] = "1";
    auto page = service_->List(Q(v));
    EXPECT_TRUE(page.ok());
    EXPECT_TRUE(page->total_exact);
    EXPECT_EQ(page->total, *exact);
    return *exact;
  };
  auto rows = [&](const std::string& where) {
    auto n = db_->Read([&](db::Connection& c) -> Result<int64_t> {
      ASSIGN_OR_RETURN(db::Rows r, c.Query("SELECT COUNT(*) FROM customers c" + where));
      return r.at(0).Int(0);
    });
    return *n;
  };
  auto vip = groups_->CreateGroup(actor_, "VIP");
  ASSERT_TRUE(vip.ok());
  std::vector<Customer> made;
  for (int i = 0; i < 6; ++i) {
    made.push_back(
        Make("C" + std::to_string(i), "X", "count" + std::to_string(i) + "@example.com"));
  }
  NewCustomer guest;
  guest.kind = Kind::kGuest;
  guest.fields.email = "guest-count@example.com";
  ASSERT_TRUE(service_->Create(actor_, guest).ok());
  Patch to_vip;
  to_vip.group_id = vip->public_id;
  ASSERT_TRUE(service_->Update(actor_, made[0].public_id, to_vip, std::nullopt).ok());
  ASSERT_TRUE(service_->Update(actor_, made[1].public_id, to_vip, std::nullopt).ok());
  ASSERT_TRUE(service_->Deactivate(actor_, made[2].public_id, std::nullopt).ok());
  ASSERT_TRUE(db_->Transaction([&](db::Connection& tx) {
                   return customers::Service::EraseInTransaction(tx, {made[3].id});
                 })
                  .ok());

  auto check = [&] {
    EXPECT_EQ(count({}), rows(""));
    EXPECT_EQ(count({}), 6);
    EXPECT_EQ(count({{"status", "active"}}), rows(" WHERE status = 'active'"));
    EXPECT_EQ(count({{"status", "inactive,active"}}), 6);
    EXPECT_EQ(count({{"kind", "guest"}}), 1);
    EXPECT_EQ(count({{"group", vip->public_id}}), 2);
    EXPECT_EQ(count({{"group", vip->public_id}, {"status", "inactive"}}), 0);
    EXPECT_EQ(count({{"group", "grp_default"}, {"kind", "registered"}, {"status", "active"}}), 2);
  };
  check();
  ASSERT_TRUE(service_->FoldCounters().ok());
  check();
  ASSERT_TRUE(service_->FoldCounters().ok());  // nothing left to fold changes nothing
  check();
  auto groups = groups_->ListGroups();
  ASSERT_TRUE(groups.ok());
  for (const auto& g : *groups) EXPECT_EQ(g.customer_count, g.is_default ? 4 : 2) << g.name;

  // Deleting a group moves its customers to Default, and the counters with them.
  ASSERT_TRUE(groups_->DeleteGroup(actor_, vip->public_id).ok());
  EXPECT_EQ(count({{"group", "grp_default"}}), 6);

  // Above the cap: exact from the counters, capped for another filter.
  std::vector<Customer> many;
  const int64_t n = customers::Service::kTotalCap + 5;
  for (int64_t i = 0; i < n; ++i) {
    Customer c;
    c.id = 10'000'000 + i;
    c.public_id = "cus_count" + std::to_string(i);
    c.first_name = "Many";
    c.country = "DE";
    c.registered_at = c.updated_at = 1'700'000'000'000'000;
    many.push_back(c);
  }
  ASSERT_TRUE(db_->Transaction([&](db::Connection& tx) {
                   return customers::store::InsertMany(tx, customers::store::PrepareInsert(many));
                 })
                  .ok());
  EXPECT_EQ(count({{"status", "active"}}), n + 5);
  auto capped = service_->List(Q({{"include_total", "true"}, {"country", "DE"}}));
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped->total, customers::Service::kTotalCap);
  EXPECT_FALSE(capped->total_exact);
  EXPECT_EQ(*service_->CountExact(Q({{"country", "DE"}})), n);
}

TEST_P(CustomersStore, GroupsAndTags) {
  auto groups = groups_->ListGroups();
  ASSERT_TRUE(groups.ok());
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_TRUE(groups->at(0).is_default);
  auto vip = groups_->CreateGroup(actor_, "VIP");
  ASSERT_TRUE(vip.ok());
  EXPECT_EQ(groups_->CreateGroup(actor_, "vip").error().slug, "group_name_taken");
  EXPECT_EQ(groups_->CreateGroup(actor_, "  ").error().code, ErrorCode::kInvalidArgument);
  Customer c = Make("A", "One", "a@example.com");
  Patch p;
  p.group_id = vip->public_id;
  p.tags = std::vector<std::string>{"b2b"};
  auto moved = service_->Update(actor_, c.public_id, p, std::nullopt);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->group_name, "VIP");
  auto renamed = groups_->RenameGroup(actor_, vip->public_id, "Gold");
  ASSERT_TRUE(renamed.ok());
  EXPECT_EQ(service_->Get(c.public_id)->group_name, "Gold");
  // Deleting a group moves its customers to Default; Default cannot be deleted.
  ASSERT_TRUE(groups_->DeleteGroup(actor_, vip->public_id).ok());
  EXPECT_EQ(service_->Get(c.public_id)->group_name, "Default");
  EXPECT_GT(service_->Get(c.public_id)->version, moved->version);
  EXPECT_EQ(groups_->DeleteGroup(actor_, "grp_default").error().slug, "default_group");
  // Tags: rename shows on customers, delete removes from them.
  auto tags = groups_->ListTags();
  ASSERT_EQ(tags->size(), 1u);
  EXPECT_EQ(tags->at(0).customer_count, 1);
  ASSERT_TRUE(groups_->RenameTag(actor_, tags->at(0).public_id, "B2B partner").ok());
  EXPECT_EQ(service_->Get(c.public_id)->tags, std::vector<std::string>{"B2B partner"});
  ASSERT_TRUE(groups_->DeleteTag(actor_, tags->at(0).public_id).ok());
  EXPECT_TRUE(service_->Get(c.public_id)->tags.empty());
  // An unknown group on a customer is a field error.
  Patch bad;
  bad.group_id = "grp_nope";
  auto r = service_->Update(actor_, c.public_id, bad, std::nullopt);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at(0).field, "group_id");
}

TEST_P(CustomersStore, EveryChangeIsAudited) {
  Customer c = Make("Ana", "Lopez", "ana@example.com");
  Patch p;
  p.company = "Acme";
  ASSERT_TRUE(service_->Update(actor_, c.public_id, p, std::nullopt).ok());
  ASSERT_TRUE(service_->Deactivate(actor_, c.public_id, std::nullopt).ok());
  auto rows = db_->Read([&](db::Connection& conn) {
    return conn.Query("SELECT action, changes FROM audit_events WHERE target_id = $1 ORDER BY id",
                      {c.public_id});
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ(rows->at(0).Text(0), "customer.created");
  EXPECT_EQ(rows->at(1).Text(0), "customer.updated");
  EXPECT_EQ(rows->at(1).Text(1), R"({"company":{"from":"","to":"Acme"}})");
  EXPECT_EQ(rows->at(2).Text(0), "customer.deactivated");
}

INSTANTIATE_TEST_SUITE_P(Engines, CustomersStore,
                         ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
