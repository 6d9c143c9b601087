// Admin sign-in data against real databases (SQLite and PostgreSQL): the purge of expired
// sessions and old failed sign-ins, and the sealing of TOTP secrets stored in plain text by
// versions before the store's secret key.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "core/totp.hpp"
#include "crypto/secret_box.hpp"
#include "db/database.hpp"
#include "modules/admins/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using admins::Service;
using clientele::testing::StepClock;

constexpr const char* kPassword = "a long enough password";

class AdminsStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    service_ = std::make_unique<Service>(*db_, clock_, secrets_);
    ASSERT_TRUE(
        service_->CreateAdmin(actor_, "a@example.com", "", kPassword, admins::Role::kOwner).ok());
    from_.ip = "192.0.2.7";
  }

  int64_t Count(const char* table) {
    auto rows = db_->Read(
        [&](db::Connection& c) { return c.Query(std::string("SELECT count(*) FROM ") + table); });
    return rows.ok() ? rows->at(0).Int(0) : -1;
  }

  StepClock clock_;
  crypto::SecretBox secrets_{crypto::SecretBox::FixedKey{std::string(32, 'k')}};
  audit::Actor actor_, from_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<Service> service_;
};

TEST_P(AdminsStore, PurgeRemovesExpiredSessionsAndOldFailuresOnly) {
  ASSERT_TRUE(service_->Login("a@example.com", kPassword, "", from_).ok());
  EXPECT_FALSE(service_->Login("a@example.com", "wrong password here", "", from_).ok());
  ASSERT_EQ(Count("admin_sessions"), 1);
  ASSERT_EQ(Count("login_failures"), 2);  // the account and the IP
  auto nothing = service_->PurgeExpired();
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(nothing->sessions, 0);
  EXPECT_EQ(nothing->login_failures, 0);

  // Past the 15-minute window the failures go; the session is kept until it is idle for 2 h.
  clock_.Advance(int64_t{16} * 60 * 1'000'000);
  auto failures = service_->PurgeExpired();
  ASSERT_TRUE(failures.ok());
  EXPECT_EQ(failures->login_failures, 2);
  EXPECT_EQ(failures->sessions, 0);
  EXPECT_EQ(Count("login_failures"), 0);
  EXPECT_EQ(Count("login_throttle_keys"), 0);

  clock_.Advance(Service::kSessionIdleMicros);
  auto sessions = service_->PurgeExpired();
  ASSERT_TRUE(sessions.ok());
  EXPECT_EQ(sessions->sessions, 1);
  EXPECT_EQ(Count("admin_sessions"), 0);
}

TEST_P(AdminsStore, PurgeSkipsThrottleKeysASignInHoldsOnPostgres) {
  if (db_->dialect() != db::Dialect::kPostgres) GTEST_SKIP() << "SQLite has one writer";
  std::promise<void> locked, release;
  std::thread sign_in([&] {
    (void)db_->Transaction([&](db::Connection& tx) -> Status {
      RETURN_IF_ERROR(
          tx.Execute("INSERT INTO login_throttle_keys (key) VALUES ('ip:held')"
                     " ON CONFLICT (key) DO UPDATE SET key = excluded.key"));
      locked.set_value();
      release.get_future().wait();
      return OkStatus();
    });
  });
  locked.get_future().wait();
  ASSERT_TRUE(db_->Transaction([](db::Connection& tx) -> Status {
                   RETURN_IF_ERROR(
                       tx.Execute("INSERT INTO login_throttle_keys (key) VALUES ('ip:idle')"));
                   return OkStatus();
                 })
                  .ok());
  // Returns while the other transaction still holds its key (it would wait forever otherwise).
  EXPECT_TRUE(service_->PurgeExpired().ok());
  release.set_value();
  sign_in.join();
  auto keys = db_->Read([](db::Connection& c) {
    return c.Query("SELECT key FROM login_throttle_keys ORDER BY key");
  });
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ(keys->at(0).Text(0), "ip:held");
}

TEST_P(AdminsStore, PlainTotpSecretsFromBeforeAreSealedAndStillWork) {
  const std::string plain = NewTotpSecret();
  ASSERT_TRUE(db_->Transaction([&](db::Connection& c) {
                   return c.Execute("UPDATE admins SET totp_secret = $1", {plain});
                 })
                  .ok());
  ASSERT_TRUE(service_->SealStoredSecrets().ok());
  auto stored =
      db_->Read([](db::Connection& c) { return c.Query("SELECT totp_secret FROM admins"); });
  ASSERT_TRUE(stored.ok());
  const std::string sealed = stored->at(0).Text(0);
  EXPECT_TRUE(crypto::SecretBox::IsSealed(sealed));
  EXPECT_EQ(sealed.find(plain), std::string::npos);
  ASSERT_TRUE(service_->SealStoredSecrets().ok());  // once only
  auto again =
      db_->Read([](db::Connection& c) { return c.Query("SELECT totp_secret FROM admins"); });
  EXPECT_EQ(again->at(0).Text(0), sealed);

  auto needs_code = service_->Login("a@example.com", kPassword, "", from_);
  ASSERT_FALSE(needs_code.ok());
  EXPECT_EQ(needs_code.error().slug, "totp_required");
  const int64_t now_seconds = clock_.NowMicros() / 1'000'000;
  EXPECT_TRUE(
      service_->Login("a@example.com", kPassword, TotpCode(plain, now_seconds), from_).ok());
}

TEST(SecretBox, SealsAndRefusesTamperingOrAnotherKey) {
  crypto::SecretBox box{crypto::SecretBox::FixedKey{std::string(32, 'a')}};
  crypto::SecretBox other{crypto::SecretBox::FixedKey{std::string(32, 'b')}};
  auto sealed = box.Seal("JBSWY3DPEHPK3PXP");
  ASSERT_TRUE(sealed.ok());
  EXPECT_NE(*box.Seal("JBSWY3DPEHPK3PXP"), *sealed);  // a new nonce each time
  EXPECT_EQ(*box.Open(*sealed), "JBSWY3DPEHPK3PXP");
  EXPECT_FALSE(other.Open(*sealed).ok());
  std::string tampered = *sealed;
  tampered[tampered.size() - 2] = tampered[tampered.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(box.Open(tampered).ok());
  EXPECT_FALSE(box.Open("JBSWY3DPEHPK3PXP").ok());
}

INSTANTIATE_TEST_SUITE_P(Engines, AdminsStore, ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
