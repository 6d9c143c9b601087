// The outbox and message log against real databases (SQLite and PostgreSQL): queueing in the
// caller's transaction, claiming by concurrent senders, retries with backoff, final failures,
// the log's filters and the store owner's templates.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "db/database.hpp"
#include "modules/customers/service.hpp"
#include "modules/messages/delivery.hpp"
#include "modules/messages/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using messages::Message;
using messages::MessageStatus;

using clientele::testing::StepClock;

// Answers each Send with the next scripted outcome (then "sent"), and remembers what it got.
class ScriptedTransport final : public mail::Transport {
 public:
  explicit ScriptedTransport(std::vector<mail::SendOutcome> script) : script_(std::move(script)) {}
  mail::SendOutcome Send(const mail::OutgoingMail& mail) override {
    sent_ids->push_back(mail.message_id);
    if (next_ < script_.size()) return script_[next_++];
    return {true, false, ""};
  }
  std::shared_ptr<std::vector<std::string>> sent_ids = std::make_shared<std::vector<std::string>>();

 private:
  std::vector<mail::SendOutcome> script_;
  size_t next_ = 0;
};

class MessagesStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    service_ = std::make_unique<messages::Service>(*db_, clock_, "shop.example");
    service_->SetDelivery({true, "test", ""}, {60, 3});
    customers::NewCustomer n;
    n.fields.first_name = "Zoë";
    n.fields.last_name = "Ångström";
    n.fields.email = "zoe@example.com";
    n.fields.language = "de-AT";
    auto c = customers_->Create(actor_, n);
    ASSERT_TRUE(c.ok());
    customer_ = *c;
  }

  Message Compose(const std::string& subject) {
    auto m = service_->Compose(actor_, customer_.public_id, subject, "Body of " + subject);
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    return m.ok() ? *m : Message{};
  }

  // Runs one sender pass with `transport`; returns what it sent (Message-IDs).
  std::vector<std::string> Deliver(std::vector<mail::SendOutcome> script = {}) {
    auto transport = std::make_unique<ScriptedTransport>(std::move(script));
    auto sent = transport->sent_ids;
    messages::Delivery delivery(*service_, std::move(transport));
    delivery.RunOnce();
    return *sent;
  }

  StepClock clock_;
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<messages::Service> service_;
  customers::Customer customer_;
};

TEST_P(MessagesStore, ComposeQueuesOneMessageWithItsAuditEvent) {
  Message m = Compose("About your order");
  EXPECT_EQ(m.status, MessageStatus::kQueued);
  EXPECT_EQ(m.to_address, "zoe@example.com");
  EXPECT_EQ(m.to_name, "Zoë Ångström");
  EXPECT_EQ(m.message_id, m.public_id + "@shop.example");
  EXPECT_NE(m.body_text.find("Hello Zoë,"), std::string::npos);
  EXPECT_NE(m.body_text.find("Body of About your order"), std::string::npos);
  auto events = db_->Read([&](db::Connection& c) {
    return c.Query("SELECT action, target_id FROM audit_events WHERE action = 'message.queued'");
  });
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->at(0).Text(1), customer_.public_id);
}

TEST_P(MessagesStore, DeliveredOnceAndNeverClaimedAgain) {
  Message m = Compose("Hello");
  EXPECT_EQ(Deliver(), std::vector<std::string>{m.message_id});
  auto read = service_->Get(m.public_id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->status, MessageStatus::kSent);
  EXPECT_EQ(read->attempts, 1);
  EXPECT_TRUE(read->sent_at.has_value());
  clock_.Advance(int64_t{86400} * 1'000'000);
  EXPECT_TRUE(Deliver().empty());
}

TEST_P(MessagesStore, TransientFailureRetriesWithTheSameMessageIdAfterTheBackoff) {
  Message m = Compose("Retry me");
  EXPECT_EQ(Deliver({{false, false, "connection refused"}}).size(), 1u);
  auto read = service_->Get(m.public_id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->status, MessageStatus::kQueued);
  EXPECT_EQ(read->last_error, "connection refused");
  EXPECT_GE(read->next_attempt_at - read->updated_at, 60 * 1'000'000);
  EXPECT_TRUE(Deliver().empty()) << "retried before the backoff";
  clock_.Advance(int64_t{61} * 1'000'000);
  EXPECT_EQ(Deliver(), std::vector<std::string>{m.message_id});
  read = service_->Get(m.public_id);
  EXPECT_EQ(read->status, MessageStatus::kSent);
  EXPECT_EQ(read->attempts, 2);
  EXPECT_EQ(read->last_error, "");
}

TEST_P(MessagesStore, PermanentRefusalFailsAtOnceAndResendMakesANewMessage) {
  Message m = Compose("Bounce");
  Deliver({{false, true, "SMTP 550: mailbox unavailable"}});
  auto read = service_->Get(m.public_id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->status, MessageStatus::kFailed);
  EXPECT_EQ(read->last_error, "SMTP 550: mailbox unavailable");
  clock_.Advance(int64_t{86400} * 1'000'000);
  EXPECT_TRUE(Deliver().empty());

  auto again = service_->Resend(actor_, m.public_id, messages::Service::NewAddress::kAllowed);
  ASSERT_TRUE(again.ok());
  EXPECT_NE(again->public_id, m.public_id);
  EXPECT_NE(again->message_id, m.message_id);
  EXPECT_EQ(again->resend_of_public_id, m.public_id);
  EXPECT_EQ(again->subject, "Bounce");
  EXPECT_EQ(Deliver(), std::vector<std::string>{again->message_id});
}

TEST_P(MessagesStore, ResendToAChangedAddressNeedsTheRightToChangeItAndIsAudited) {
  Message m = Compose("Your invoice");
  // Not while it waits: the copy would reach the customer twice once sending works.
  auto waiting = service_->Resend(actor_, m.public_id, messages::Service::NewAddress::kAllowed);
  ASSERT_FALSE(waiting.ok());
  EXPECT_EQ(waiting.error().slug, "still_queued");
  EXPECT_EQ(Deliver(), std::vector<std::string>{m.message_id});
  customers::Patch patch;
  patch.email = "zoe.new@example.com";
  ASSERT_TRUE(customers_->Update(actor_, customer_.public_id, patch, std::nullopt).ok());
  auto refused = service_->Resend(actor_, m.public_id, messages::Service::NewAddress::kRefused);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().slug, "address_changed");
  auto copy = service_->Resend(actor_, m.public_id, messages::Service::NewAddress::kAllowed);
  ASSERT_TRUE(copy.ok()) << copy.error().message;
  EXPECT_EQ(copy->to_address, "zoe.new@example.com");
  auto events = db_->Read([&](db::Connection& c) {
    return c.Query("SELECT changes FROM audit_events WHERE action = 'message.resent'");
  });
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  auto changes = nlohmann::json::parse(events->at(0).Text(0));
  EXPECT_EQ(changes["to"]["from"], "zoe@example.com");
  EXPECT_EQ(changes["to"]["to"], "zoe.new@example.com");
  // To the same address, no extra right is needed.
  EXPECT_EQ(Deliver(), std::vector<std::string>{copy->message_id});
  auto again = service_->Resend(actor_, copy->public_id, messages::Service::NewAddress::kRefused);
  EXPECT_TRUE(again.ok());
}

TEST_P(MessagesStore, OneTimeLinksAreNotResent) {
  auto queued = db_->Transaction([&](db::Connection& tx) {
    return service_->Queue(tx, actor_, customer_, "password_reset",
                           {{"link", "https://shop.example/reset/secret"}}, clock_.NowMicros());
  });
  ASSERT_TRUE(queued.ok()) << queued.error().message;
  auto resent =
      service_->Resend(actor_, queued->public_id, messages::Service::NewAddress::kAllowed);
  ASSERT_FALSE(resent.ok());
  EXPECT_EQ(resent.error().slug, "not_resendable");
}

TEST_P(MessagesStore, GivesUpAfterTheLastAttempt) {
  Message m = Compose("Unreachable");
  for (int i = 0; i < 3; ++i) {
    Deliver({{false, false, "timeout"}});
    clock_.Advance(int64_t{7} * 3600 * 1'000'000);
  }
  auto read = service_->Get(m.public_id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->status, MessageStatus::kFailed);
  EXPECT_EQ(read->attempts, 3);
  EXPECT_EQ(read->last_error, "Gave up after 3 attempts: timeout");
}

TEST_P(MessagesStore, ConcurrentSendersNeverClaimTheSameMessage) {
  for (int i = 0; i < 40; ++i) Compose("Bulk " + std::to_string(i));
  std::vector<std::vector<Message>> claimed(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 10; ++round) {
        auto got = service_->ClaimDue(3, 120);
        if (got.ok()) claimed[t].insert(claimed[t].end(), got->begin(), got->end());
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> ids;
  size_t total = 0;
  for (const auto& list : claimed) {
    for (const auto& m : list) ids.insert(m.public_id);
    total += list.size();
  }
  EXPECT_EQ(total, ids.size()) << "a message was claimed twice";
  EXPECT_EQ(ids.size(), 40u);
}

TEST_P(MessagesStore, LogFiltersByStatusAndCustomerAndPages) {
  Message first = Compose("One");
  Deliver();
  Compose("Two");
  Compose("Three");
  auto queued = service_->List({{"status", "queued"}});
  ASSERT_TRUE(queued.ok());
  ASSERT_EQ(queued->items.size(), 2u);
  EXPECT_EQ(queued->items[0].subject, "Three");
  EXPECT_TRUE(queued->items[0].body_text.empty()) << "the log rows carry no bodies";
  auto sent = service_->ListForCustomer(customer_.public_id, {{"status", "sent"}});
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->items.size(), 1u);
  EXPECT_EQ(sent->items[0].public_id, first.public_id);

  auto page1 = service_->List({{"limit", "2"}});
  ASSERT_TRUE(page1.ok());
  ASSERT_TRUE(page1->next_cursor.has_value());
  auto page2 = service_->List({{"limit", "2"}, {"cursor", *page1->next_cursor}});
  ASSERT_TRUE(page2.ok());
  ASSERT_EQ(page2->items.size(), 1u);
  EXPECT_EQ(page2->items[0].subject, "One");
  EXPECT_FALSE(page2->next_cursor.has_value());

  auto bad = service_->List({{"status", "lost"}, {"limit", "0"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 2u);
}

TEST_P(MessagesStore, TemplatesFollowTheCustomersLanguage) {
  auto saved = service_->SaveTemplate(
      actor_, "admin_message", "de",
      {"{{subject}} – {{store_name}}", "Hallo {{first_name}},\n\n{{body}}\n", ""});
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  Message m = Compose("Ihre Bestellung");
  EXPECT_EQ(m.language, "de");
  EXPECT_EQ(m.subject, "Ihre Bestellung – My store");
  EXPECT_EQ(m.body_text, "Hallo Zoë,\n\nBody of Ihre Bestellung\n");
  EXPECT_EQ(m.body_html, "");

  ASSERT_TRUE(service_->ResetTemplate(actor_, "admin_message", "de").ok());
  Message english = Compose("Back to English");
  EXPECT_EQ(english.language, "en");
  EXPECT_NE(english.body_text.find("Hello Zoë,"), std::string::npos);

  auto bad = service_->SaveTemplate(actor_, "ban_notice", "de", {"Gesperrt", "{{link}}", ""});
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 1u);
  EXPECT_EQ(bad.error().fields[0].field, "body_text");
  EXPECT_EQ(bad.error().fields[0].code, "unknown_placeholder");
  EXPECT_FALSE(service_->GetTemplate("ban_notice", "de")->custom);
}

TEST_P(MessagesStore, ACustomerWithoutEmailCannotBeWrittenTo) {
  customers::NewCustomer n;
  n.kind = customers::Kind::kGuest;  // a guest who left only a phone
  n.fields.first_name = "No";
  n.fields.last_name = "Mail";
  n.fields.phone = "+49 30 901820";
  auto c = customers_->Create(actor_, n);
  ASSERT_TRUE(c.ok());
  auto m = service_->Compose(actor_, c->public_id, "Hi", "There");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.error().slug, "customer_has_no_email");
  EXPECT_TRUE(service_->List({})->items.empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, MessagesStore, ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
