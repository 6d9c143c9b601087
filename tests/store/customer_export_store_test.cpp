// The export's streamed read of the customer list against real databases (SQLite and
// PostgreSQL): walked chunk by chunk with its cursors, it yields the customers the list pages
// yield, in the same order, with the same fields, tags, balances and default addresses, for
// every sort, a search and a segment filter.
#include <gtest/gtest.h>

#include "db/database.hpp"
#include "modules/addresses/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/customers/store.hpp"
#include "modules/groups/service.hpp"
#include "modules/messages/service.hpp"
#include "modules/wallet/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using addresses::CustomerDefaults;
using clientele::testing::StepClock;
using customers::Customer;
using customers::ListParams;

constexpr int64_t kDay = 86'400'000'000LL;

// Everything an export column reads of a customer, as one comparable line.
std::string Describe(const Customer& c, const CustomerDefaults* d) {
  auto when = [](const std::optional<int64_t>& t) { return t ? std::to_string(*t) : "-"; };
  std::string out = c.public_id + "|" + c.first_name + "|" + c.last_name + "|" + c.email + "|" +
                    c.email_key + "|" + c.phone + "|" + c.country + "|" + c.language + "|" +
                    c.company + "|" + c.note + "|" + c.group_name + "|" +
                    std::string(customers::ToString(c.status)) + "|" +
                    std::string(customers::ToString(c.kind)) + "|" + (c.consent_email ? "e" : "-") +
                    (c.consent_sms ? "s" : "-") + "|" + std::to_string(c.registered_at) + "|" +
                    when(c.last_login_at) + "|" + when(c.last_activity_at) + "|" +
                    std::to_string(c.orders_count) + "|" + std::to_string(c.total_spent) + "|" +
                    when(c.first_order_at) + "|" + when(c.last_order_at) + "| tags:";
  for (const auto& t : c.tags) out += t + ",";
  out += " credit:";
  for (const auto& [currency, amount] : c.balances) out += currency + std::to_string(amount) + ",";
  auto address = [&](const char* which, const addresses::Address* a) {
    out += std::string(" ") + which + ":";
    if (a) {
      out += a->first_name + "/" + a->last_name + "/" + a->company + "/" + a->line1 + "/" +
             a->line2 + "/" + a->city + "/" + a->region + "/" + a->region_code + "/" +
             a->postal_code + "/" + a->country + "/" + a->phone;
    }
  };
  const addresses::Address* billing = d && d->billing ? &*d->billing : nullptr;
  const addresses::Address* shipping =
      d && d->shipping ? &*d->shipping : (d && d->shipping_same_as_billing ? billing : nullptr);
  address("billing", billing);
  address("shipping", shipping);
  return out;
}

class CustomerExportStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    groups_ = std::make_unique<groups::Service>(*db_, clock_);
    book_ = std::make_unique<addresses::Service>(*db_, clock_);
    messages_ = std::make_unique<messages::Service>(*db_, clock_, "example.com");
    wallet_ = std::make_unique<wallet::Service>(*db_, clock_, *messages_);
    auto wholesale = groups_->CreateGroup(actor_, "Wholesale");
    ASSERT_TRUE(wholesale.ok());

    const char* firsts[] = {"Ana", "Ben", "Zoë", "Dan", "Fay", "Åsa", "Eve", "Gus"};
    const char* lasts[] = {"López", "Müller", "Ångström", "O'Brien", "", "Berg", "Smith", "Smith"};
    for (int i = 0; i < 23; ++i) {
      customers::NewCustomer n;
      n.kind = i % 7 == 3 ? customers::Kind::kGuest : customers::Kind::kRegistered;
      n.fields.first_name = firsts[i % 8];
      n.fields.last_name = lasts[i % 8];
      if (i != 10)  // a guest without an e-mail

        n.fields.email =
            "person" + std::to_string(i % 5) + "x" + std::to_string(i) + "@example.com";
      if (i % 3 == 0 || i == 10) n.fields.phone = "+49 176 1234" + std::to_string(5000 + i);
      n.fields.country = i % 2 ? "DE" : "FR";
      if (i % 4 == 1) n.fields.company = "Firma, \"Quote\" GmbH";
      if (i % 5 == 2) n.fields.note = "two\nlines";
      auto c = customers_->Create(actor_, n);
      ASSERT_TRUE(c.ok()) << i << ": " << c.error().message;
      ids_.push_back(c->public_id);
      clock_.Advance(kDay);
    }
    auto edit = [&](int i, const std::function<void(customers::Patch&)>& fill) {
      auto current = customers_->Get(ids_[i]);
      ASSERT_TRUE(current.ok());
      customers::Patch p;
      fill(p);
      auto saved = customers_->Update(actor_, ids_[i], p, current->version);
      ASSERT_TRUE(saved.ok()) << i << ": " << saved.error().message;
    };
    edit(0, [&](customers::Patch& p) {
      p.tags = std::vector<std::string>{"VIP", "newsletter", "b-list"};
      p.group_id = wholesale->public_id;
      p.consent_email = true;
    });
    edit(5, [](customers::Patch& p) { p.tags = std::vector<std::string>{"newsletter"}; });
    edit(9, [&](customers::Patch& p) {
      p.group_id = wholesale->public_id;
      p.consent_sms = true;
    });

    auto add = [&](int i, const char* city, const char* country, bool billing, bool shipping) {
      addresses::Patch a;
      a.line1 = std::string("1 Main Street ") + std::to_string(i);
      a.city = city;
      a.postal_code = std::string(country) == "DE" ? "10115" : "75001";
      a.country = country;
      a.default_billing = billing;
      a.default_shipping = shipping;
      auto added = book_->Add(actor_, ids_[i], a);
      ASSERT_TRUE(added.ok()) << i << ": " << added.error().message;
    };
    add(0, "Berlin", "DE", true, true);  // one address for both
    add(1, "Paris", "FR", true, false);
    add(1, "Lyon", "FR", false, true);  // a shipping address of its own
    add(2, "Köln", "DE", true, false);
    {
      addresses::DefaultsInput same;
      same.same_as_billing = true;
      ASSERT_TRUE(book_->SetDefaults(actor_, ids_[2], same, std::nullopt).ok());
    }
    add(4, "Nice", "FR", false, false);
    add(6, "Hamburg", "DE", true, true);
    // Customer 7's only address is the default shipping one.
    add(7, "Lille", "FR", true, true);
    Sql("UPDATE customer_addresses SET is_default_billing = 0 WHERE customer_id = (SELECT id "
        "FROM customers WHERE public_id = $1)",
        ids_[7]);

    for (auto [i, amount] : {std::pair{0, 2000}, {5, 500}, {9, 1}}) {
      wallet::Change change;
      change.amount = amount;
      change.reason = "goodwill";
      ASSERT_TRUE(wallet_->Apply(actor_, ids_[i], change).ok());
    }
    // Order figures and activity that the sorts tie on and tell apart.
    for (size_t i = 0; i < ids_.size(); ++i) {
      const int64_t n = static_cast<int64_t>(i % 4);
      Sql("UPDATE customers SET orders_count = $2, total_spent = $3, first_order_at = $4,"
          " last_order_at = $5, last_activity_at = $6 WHERE public_id = $1",
          ids_[i], n, n * 1000 + static_cast<int64_t>(i % 3),
          n ? db::Value(int64_t{1000} * static_cast<int64_t>(i)) : db::Value(nullptr),
          n ? db::Value(int64_t{2000} * static_cast<int64_t>(i % 6)) : db::Value(nullptr),
          i % 5 ? db::Value(int64_t{3000} * static_cast<int64_t>(i % 7)) : db::Value(nullptr));
    }
  }

  template <typename... Args>
  void Sql(const std::string& statement, const Args&... args) {
    db::Params params;
    (params.emplace_back(args), ...);
    auto done = db_->Transaction([&](db::Connection& c) { return c.Execute(statement, params); });
    ASSERT_TRUE(done.ok()) << statement << ": " << done.error().message;
  }

  // The list's pages of `size`, walked to the end.
  std::vector<std::string> Listed(std::map<std::string, std::string> params, int size) {
    std::vector<std::string> out;
    params["limit"] = std::to_string(size);
    for (int pages = 0; pages < 100; ++pages) {
      auto page = customers_->List(ListParams{params});
      EXPECT_TRUE(page.ok()) << (page.ok() ? "" : page.error().message);
      if (!page.ok()) break;
      for (const auto& c : page->items) {
        auto d = page->defaults.find(c.id);
        out.push_back(Describe(c, d == page->defaults.end() ? nullptr : &d->second));
      }
      if (!page->next_cursor) break;
      params["cursor"] = *page->next_cursor;
    }
    return out;
  }

  // The export's chunks of `size`, walked to the end.
  std::vector<std::string> Streamed(std::map<std::string, std::string> params, int size,
                                    const customers::store::ExportReads& reads) {
    std::vector<std::string> out;
    params["limit"] = std::to_string(size);
    for (int chunks = 0; chunks < 100; ++chunks) {
      auto next = db_->Read([&](db::Connection& c) {
        return customers_->ExportEach(c, ListParams{params}, reads,
                                      [&](const Customer& row, const CustomerDefaults* d) {
                                        out.push_back(Describe(row, d));
                                        return OkStatus();
                                      });
      });
      EXPECT_TRUE(next.ok()) << (next.ok() ? "" : next.error().message);
      if (!next.ok() || !*next) break;
      params["cursor"] = **next;
    }
    return out;
  }

  StepClock clock_;
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<groups::Service> groups_;
  std::unique_ptr<addresses::Service> book_;
  std::unique_ptr<messages::Service> messages_;
  std::unique_ptr<wallet::Service> wallet_;
  std::vector<std::string> ids_;
};

TEST_P(CustomerExportStore, StreamsWhatTheListPagesHoldInEverySort) {
  const customers::store::ExportReads all{true, true, true};
  for (const std::string sort : {"registered", "-registered", "name", "-name", "email", "-email",
                                 "last_activity", "-last_activity", "orders", "-orders",
                                 "total_spent", "-total_spent", "last_order", "-last_order"}) {
    SCOPED_TRACE(sort);
    const std::vector<std::string> listed = Listed({{"sort", sort}}, 50);
    ASSERT_EQ(listed.size(), ids_.size());
    // Chunks of 5 (a last one that is full), 7 and 23 (all at once, then an empty one).
    for (int size : {5, 7, 23}) {
      SCOPED_TRACE(size);
      EXPECT_EQ(Streamed({{"sort", sort}}, size, all), listed);
    }
  }
}

TEST_P(CustomerExportStore, StreamsASearchAndASegmentFilter) {
  const customers::store::ExportReads all{true, true, true};
  for (const std::map<std::string, std::string>& params :
       std::vector<std::map<std::string, std::string>>{
           {{"q", "smith"}},
           {{"q", "person3"}, {"sort", "email"}},
           {{"filter", "country = 'DE' AND orders >= 1"}},
           {{"filter", "tag = 'newsletter' OR balance > 0"}, {"sort", "-name"}},
           {{"status", "active"}, {"kind", "guest"}}}) {
    const std::vector<std::string> listed = Listed(params, 50);
    EXPECT_FALSE(listed.empty()) << params.begin()->second;
    EXPECT_EQ(Streamed(params, 2, all), listed) << params.begin()->second;
  }
}

TEST_P(CustomerExportStore, ReadsOnlyWhatTheColumnsNeed) {
  const std::vector<std::string> bare = Streamed({}, 50, {});
  ASSERT_EQ(bare.size(), ids_.size());
  for (const std::string& line : bare) {
    EXPECT_NE(line.find("| tags: credit: billing: shipping:"), std::string::npos) << line;
  }
  const std::vector<std::string> tagged = Streamed({}, 50, {true, false, false});
  EXPECT_NE(tagged.back().find("tags:b-list,newsletter,VIP, credit: billing:"), std::string::npos)
      << tagged.back();
}

TEST_P(CustomerExportStore, AnInvalidListParameterIsTheListsError) {
  auto next = db_->Read([&](db::Connection& c) {
    return customers_->ExportEach(
        c, ListParams{{{"sort", "shoe_size"}}}, {},
        [](const Customer&, const CustomerDefaults*) { return OkStatus(); });
  });
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.error().code, ErrorCode::kInvalidArgument);
  ASSERT_FALSE(next.error().fields.empty());
  EXPECT_EQ(next.error().fields[0].field, "sort");
}

INSTANTIATE_TEST_SUITE_P(Engines, CustomerExportStore,
                         ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
