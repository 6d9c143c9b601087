// Erasure against real databases with a scripted mail sender: once the deletion notice is
// delivered, no byte of the customer's e-mail address, name or phone is left in the SQLite
// files (WAL included), and on PostgreSQL no row holds them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "db/database.hpp"
#include "flows/erasure/erasure.hpp"
#include "mail/smtp.hpp"
#include "modules/addresses/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/messages/delivery.hpp"
#include "modules/messages/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

constexpr const char* kEmail = "erase.me.please@example.com";
constexpr const char* kPhone = "+4917699887766";

class Accepting final : public mail::Transport {
 public:
  mail::SendOutcome Send(const mail::OutgoingMail& mail) override {
    ++sent;
    last_to = mail.to_address;
    return {true, false, ""};
  }
  int sent = 0;
  std::string last_to;
};

std::string FileBytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class ErasureStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = clientele::testing::FreshDatabaseUrl(GetParam());
    ASSERT_FALSE(url_.empty());
    auto db = db::Open(url_);
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    ASSERT_TRUE(db::Migrate(*db_).ok());
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    addresses_ = std::make_unique<addresses::Service>(*db_, clock_);
    messages_ = std::make_unique<messages::Service>(*db_, clock_, "shop.example");
    messages_->SetDelivery({true, "test", ""}, {60, 3});
  }

  // What of `needles` the database holds: the SQLite files' bytes, or PostgreSQL's rows.
  std::string Found(const std::vector<std::string>& needles) {
    std::string bytes;
    if (GetParam() == "sqlite") {
      const std::string file = url_.substr(std::string("sqlite:").size());
      for (const char* suffix : {"", "-wal"}) {
        if (std::filesystem::exists(file + suffix)) bytes += FileBytes(file + suffix);
      }
    } else {
      auto rows = db_->Read([](db::Connection& c) {
        return c.Query(
            "SELECT string_agg(t, ' ') FROM (SELECT row_to_json(x)::text AS t FROM customers x"
            " UNION ALL SELECT row_to_json(x)::text FROM customer_addresses x"
            " UNION ALL SELECT row_to_json(x)::text FROM messages x"
            " UNION ALL SELECT row_to_json(x)::text FROM audit_events x) all_rows");
      });
      if (rows.ok() && !rows->empty()) bytes = rows->at(0).Text(0);
    }
    std::string found;
    for (const auto& n : needles) {
      if (bytes.find(n) != std::string::npos) found += n + " ";
    }
    return found;
  }

  testing::StepClock clock_;
  audit::Actor actor_;
  std::string url_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<addresses::Service> addresses_;
  std::unique_ptr<messages::Service> messages_;
};

TEST_P(ErasureStore, AfterTheNoticeIsDeliveredNothingOfTheCustomerIsLeft) {
  customers::NewCustomer n;
  n.fields.first_name = "Erin";
  n.fields.last_name = "Eraseme";
  n.fields.email = kEmail;
  n.fields.phone = kPhone;
  auto c = customers_->Create(actor_, n);
  ASSERT_TRUE(c.ok());
  addresses::Patch a;
  a.line1 = "Erasestrasse 1";
  a.city = "Berlin";
  a.postal_code = "10115";
  a.country = "DE";
  ASSERT_TRUE(addresses_->Add(actor_, c->public_id, a).ok());
  ASSERT_TRUE(
      messages_->Compose(actor_, c->public_id, "Hello", std::string("Call ") + kPhone).ok());
  const std::vector<std::string> needles = {kEmail, "erase.me.please", kPhone, "Eraseme",
                                            "Erasestrasse"};
  ASSERT_NE(Found(needles), "");

  flows::Erasure erasure(*db_, clock_, *messages_);
  EXPECT_EQ(erasure.Erase(actor_, c->public_id, "someone@else.example").error().fields.at(0).code,
            "confirmation_mismatch");
  ASSERT_TRUE(erasure.Erase(actor_, c->public_id, "ERASE.me.please@example.com").ok());
  EXPECT_FALSE(customers_->Get(c->public_id).ok());
  // Only the notice, still to be sent, knows where it goes.
  EXPECT_EQ(Found({kPhone, "Erasestrasse"}), "");

  auto transport = std::make_unique<Accepting>();
  Accepting* sender = transport.get();
  messages::Delivery delivery(*messages_, std::move(transport));
  delivery.RunOnce();
  ASSERT_EQ(sender->last_to, kEmail);  // the notice went out first...
  EXPECT_EQ(Found(needles), "");       // ...and then its address went too
}

INSTANTIATE_TEST_SUITE_P(Engines, ErasureStore, ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
