// Shopper accounts against real databases (SQLite and PostgreSQL) with an injected clock: links
// expire and work once, a TOTP code and a recovery code work once, sign-in limits hold, and a
// guest record becomes the account only once its address is verified.
#include <gtest/gtest.h>

#include <regex>

#include "core/totp.hpp"
#include "crypto/secret_box.hpp"
#include "db/database.hpp"
#include "modules/accounts/service.hpp"
#include "modules/addresses/service.hpp"
#include "modules/admins/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/messages/service.hpp"
#include "modules/notes/service.hpp"
#include "modules/settings/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using accounts::Service;
using clientele::testing::StepClock;

constexpr const char* kPassword = "tulip garden 42";
constexpr int64_t kHour = 3600LL * 1000000;

class AccountsStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    addresses_ = std::make_unique<addresses::Service>(*db_, clock_);
    messages_ = std::make_unique<messages::Service>(*db_, clock_, "example.com");
    settings_ = std::make_unique<settings::Service>(*db_, clock_);
    service_ =
        std::make_unique<Service>(*db_, clock_, secrets_, *customers_, *addresses_, *messages_);
    from_.ip = "192.0.2.7";
    from_.user_agent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36";
  }

  accounts::Registration Ann(const std::string& email = "ann@example.com") {
    accounts::Registration r;
    r.first_name = "Ann";
    r.last_name = "Lee";
    r.email = email;
    r.password = kPassword;
    return r;
  }

  // The token of the newest e-mail of `template_key` to `to`.
  std::string TokenFrom(const std::string& template_key, const std::string& to) {
    auto rows = db_->Read([&](db::Connection& c) {
      return c.Query(
          "SELECT body_text FROM messages WHERE template = $1 AND to_address = $2"
          " ORDER BY id DESC LIMIT 1",
          {template_key, to});
    });
    if (!rows.ok() || rows->empty()) return "";
    std::smatch m;
    std::string body = rows->at(0).Text(0);
    return std::regex_search(body, m, std::regex("token=([a-z0-9]+)")) ? m[1].str() : "";
  }

  int64_t Count(const std::string& sql) {
    auto rows = db_->Read([&](db::Connection& c) { return c.Query(sql); });
    return rows.ok() ? rows->at(0).Int(0) : -1;
  }

  void SetMode(const std::string& mode, bool require_verification = true) {
    settings::SettingsChange change;
    change.account_mode = mode;
    change.require_verification = require_verification;
    ASSERT_TRUE(settings_->Update(actor_, change).ok());
  }

  // Registers, verifies and returns a signed-in session.
  accounts::NewSession Verified(const std::string& email = "ann@example.com") {
    EXPECT_TRUE(service_->Register(Ann(email), from_).ok());
    EXPECT_TRUE(service_->Verify(TokenFrom("verification", email), kPassword, from_).ok());
    auto signed_in = service_->Login(email, kPassword, from_);
    EXPECT_TRUE(signed_in.ok() && signed_in->session);
    return signed_in.ok() && signed_in->session ? *signed_in->session : accounts::NewSession{};
  }

  StepClock clock_;
  crypto::SecretBox secrets_{crypto::SecretBox::FixedKey{std::string(32, 'k')}};
  audit::Actor actor_, from_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<addresses::Service> addresses_;
  std::unique_ptr<messages::Service> messages_;
  std::unique_ptr<settings::Service> settings_;
  std::unique_ptr<Service> service_;
};

TEST_P(AccountsStore, VerificationLinkWorksOnceAndUntilItExpires) {
  ASSERT_TRUE(service_->Register(Ann(), from_).ok());
  auto unverified = service_->Login("ann@example.com", kPassword, from_);
  ASSERT_FALSE(unverified.ok());
  // Like a wrong password: anyone may register an address, so nothing here may tell whether
  // it had an account before.
  EXPECT_EQ(unverified.error().slug, "invalid_credentials");

  const std::string token = TokenFrom("verification", "ann@example.com");
  ASSERT_FALSE(token.empty());
  auto verified = service_->Verify(token, kPassword, from_);
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  EXPECT_EQ(verified->email, "ann@example.com");
  auto again = service_->Verify(token, kPassword, from_);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().slug, "link_used");
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE template = 'welcome'"), 1);
  EXPECT_TRUE(service_->Login("ann@example.com", kPassword, from_).ok());

  // A second account's link, used a day and a minute later, has expired.
  ASSERT_TRUE(service_->Register(Ann("bob@example.com"), from_).ok());
  const std::string late = TokenFrom("verification", "bob@example.com");
  clock_.Advance(24 * kHour + 60'000'000);
  auto expired = service_->Verify(late, kPassword, from_);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().slug, "link_expired");
  EXPECT_EQ(service_->Verify("not-a-token", kPassword, from_).error().slug, "invalid_link");
}

TEST_P(AccountsStore, RegisteringAnAddressWithAnAccountTellsItsOwnerNotTheCaller) {
  Verified();
  ASSERT_TRUE(service_->Register(Ann(), from_).ok());  // the same answer as a new one
  EXPECT_EQ(Count("SELECT count(*) FROM customers WHERE email_key = 'ann@example.com'"), 1);
  const std::string reset = TokenFrom("registration_attempt", "ann@example.com");
  ASSERT_FALSE(reset.empty());
  // The e-mail's link resets the password.
  ASSERT_TRUE(service_->ResetPassword(reset, "a brand new secret", from_).ok());
  EXPECT_TRUE(service_->Login("ann@example.com", "a brand new secret", from_).ok());
}

TEST_P(AccountsStore, PasswordRulesNameTheProblem) {
  auto weak = Ann();
  weak.password = "short";
  auto r = service_->Register(weak, from_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().fields.at(0).code, "password_too_short");
  weak.password = "1234567890";
  EXPECT_EQ(service_->Register(weak, from_).error().fields.at(0).code, "password_common");
  weak.password = "my-ann-password";
  EXPECT_EQ(service_->Register(weak, from_).error().fields.at(0).code, "password_contains_email");
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 0);
}

TEST_P(AccountsStore, ResetLinkExpiresAfterAnHourAndEndsEverySession) {
  auto session = Verified();
  ASSERT_TRUE(service_->ForgotPassword("ann@example.com", from_).ok());
  ASSERT_TRUE(service_->ForgotPassword("nobody@example.com", from_).ok());  // same answer
  const std::string token = TokenFrom("password_reset", "ann@example.com");
  ASSERT_FALSE(token.empty());
  ASSERT_TRUE(service_->Authenticate(session.secret).ok());
  ASSERT_TRUE(service_->ResetPassword(token, "another good secret", from_).ok());
  EXPECT_FALSE(service_->Authenticate(session.secret).ok());
  EXPECT_EQ(service_->ResetPassword(token, "yet another secret", from_).error().slug, "link_used");

  ASSERT_TRUE(service_->ForgotPassword("ann@example.com", from_).ok());
  const std::string late = TokenFrom("password_reset", "ann@example.com");
  clock_.Advance(kHour + 1);
  EXPECT_EQ(service_->ResetPassword(late, "yet another secret", from_).error().slug,
            "link_expired");
}

TEST_P(AccountsStore, ResendAndForgotAreLimitedPerAddressWhetherOrNotItHasAnAccount) {
  for (const char* email : {"ann@example.com", "nobody@example.com"}) {
    if (std::string(email) == "ann@example.com") {
      ASSERT_TRUE(service_->Register(Ann(), from_).ok());
    }
    for (int i = 0; i < Service::kLinksPerWindow; ++i) {
      EXPECT_TRUE(service_->ResendVerification(email, from_).ok()) << email << " " << i;
    }
    auto limited = service_->ResendVerification(email, from_);
    ASSERT_FALSE(limited.ok()) << email;
    EXPECT_EQ(limited.error().slug, "too_many_requests");
  }
}

TEST_P(AccountsStore, TotpCodeAndRecoveryCodeWorkOnce) {
  auto session = Verified();
  auto setup = service_->StartTotp(session.shopper, kPassword, from_);
  ASSERT_TRUE(setup.ok()) << setup.error().message;
  const int64_t now = clock_.NowMicros() / 1000000;
  auto codes = service_->ConfirmTotp(session.shopper, TotpCode(setup->secret, now), from_);
  ASSERT_TRUE(codes.ok()) << codes.error().message;
  ASSERT_EQ(codes->size(), 10u);

  auto first = service_->Login("ann@example.com", kPassword, from_);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->session);
  ASSERT_FALSE(first->challenge.empty());
  // The code that confirmed the set-up does not sign in; the next step's code does, once.
  clock_.Advance(30'000'000);
  const std::string code = TotpCode(setup->secret, clock_.NowMicros() / 1000000);
  ASSERT_TRUE(service_->CompleteSignIn(first->challenge, "totp", code, from_).ok());
  auto replay_challenge = service_->Login("ann@example.com", kPassword, from_);
  ASSERT_TRUE(replay_challenge.ok());
  auto replay = service_->CompleteSignIn(replay_challenge->challenge, "totp", code, from_);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().slug, "invalid_code");
  // The first challenge was used.
  EXPECT_EQ(service_->CompleteSignIn(first->challenge, "totp", code, from_).error().slug,
            "challenge_expired");

  const std::string recovery = codes->at(3);
  ASSERT_TRUE(service_
                  ->CompleteSignIn(replay_challenge->challenge, "recovery_code",
                                   " " + recovery + " ", from_)
                  .ok());
  auto again = service_->Login("ann@example.com", kPassword, from_);
  EXPECT_EQ(
      service_->CompleteSignIn(again->challenge, "recovery_code", recovery, from_).error().slug,
      "invalid_code");
  auto me = service_->GetMe(session.shopper);
  ASSERT_TRUE(me.ok());
  EXPECT_EQ(me->account.recovery_codes_left, 9);
  EXPECT_EQ(me->account.second_factor, "totp");

  // A challenge lasts five minutes.
  clock_.Advance(5 * 60'000'000 + 1);
  auto late = service_->CompleteSignIn(
      again->challenge, "totp", TotpCode(setup->secret, clock_.NowMicros() / 1000000), from_);
  EXPECT_EQ(late.error().slug, "challenge_expired");
}

TEST_P(AccountsStore, WrongPasswordsAreLimitedPerAccountAndCountedOnTheCustomer) {
  Verified();
  for (int i = 0; i < Service::kAccountFailureLimit; ++i) {
    EXPECT_EQ(service_->Login("ann@example.com", "not the password", from_).error().slug,
              "invalid_credentials");
  }
  EXPECT_EQ(service_->Login("ann@example.com", kPassword, from_).error().slug, "too_many_attempts");
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'customer.login_failed'"),
            Service::kAccountFailureLimit);
  clock_.Advance(15 * 60'000'000);
  EXPECT_TRUE(service_->Login("ann@example.com", kPassword, from_).ok());
}

TEST_P(AccountsStore, GuestBecomesTheAccountOnlyWhenTheAddressIsVerified) {
  accounts::GuestCheckout guest;
  guest.fields.first_name = "Ann";
  guest.fields.last_name = "Guest";
  guest.fields.email = "Ann@Example.com";
  addresses::Patch address;
  address.line1 = "1 Main St";
  address.city = "Berlin";
  address.postal_code = "10115";
  address.country = "DE";
  guest.address = address;
  auto recorded = service_->RecordGuest(actor_, guest);
  ASSERT_TRUE(recorded.ok()) << recorded.error().message;
  EXPECT_TRUE(recorded->second);
  auto again = service_->RecordGuest(actor_, guest);  // the same checkout again: one record
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->second);
  EXPECT_EQ(again->first.public_id, recorded->first.public_id);
  EXPECT_EQ(Count("SELECT count(*) FROM customer_addresses"), 1);
  const std::string guest_id = recorded->first.public_id;

  // Not verified yet, so not the guest's: the new account sees none of its history.
  SetMode("optional", /*require_verification=*/false);
  ASSERT_TRUE(service_->Register(Ann(), from_).ok());
  auto signed_in = service_->Login("ann@example.com", kPassword, from_);
  ASSERT_TRUE(signed_in.ok() && signed_in->session);
  EXPECT_NE(signed_in->session->shopper.customer_public_id, guest_id);
  auto book = addresses_->List(signed_in->session->shopper.customer_public_id);
  ASSERT_TRUE(book.ok());
  EXPECT_TRUE(book->items.empty());
  // Staff wrote a note on the new account before it was verified: it stays with the customer.
  notes::Service notes(*db_, clock_);
  ASSERT_TRUE(notes
                  .Add({"adm_support", "", false}, actor_,
                       signed_in->session->shopper.customer_public_id, "Asked about shipping.")
                  .ok());

  ASSERT_TRUE(
      service_->Verify(TokenFrom("verification", "ann@example.com"), kPassword, from_).ok());
  auto merged = customers_->Get(guest_id);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->kind, customers::Kind::kRegistered);
  EXPECT_EQ(merged->last_name, "Lee");
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 1);
  // The session opened before now belongs to the account that has the guest's id.
  auto shopper = service_->Authenticate(signed_in->session->secret);
  ASSERT_TRUE(shopper.ok());
  EXPECT_EQ(shopper->customer_public_id, guest_id);
  EXPECT_EQ(Count("SELECT count(*) FROM audit_events WHERE action = 'customer.guest_converted'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE customer_id IS NULL"), 0);
  auto kept = notes.List(guest_id, {});
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->items.size(), 1u);
  EXPECT_EQ(kept->items[0].body, "Asked about shipping.");
}

TEST_P(AccountsStore, OnlyWhoChoseThePasswordConfirmsAndTakesTheGuestRecord) {
  accounts::GuestCheckout guest;
  guest.fields.email = "ann@example.com";
  guest.fields.first_name = "Ann";
  auto recorded = service_->RecordGuest(actor_, guest);
  ASSERT_TRUE(recorded.ok());
  // A stranger registers Ann's address with a password of their own; Ann opens the link.
  auto stranger = Ann();
  stranger.password = "the strangers secret";
  ASSERT_TRUE(service_->Register(stranger, from_).ok());
  const std::string token = TokenFrom("verification", "ann@example.com");
  auto wrong = service_->Verify(token, kPassword, from_);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields.at(0).code, "wrong_password");
  auto still_guest = customers_->Get(recorded->first.public_id);
  ASSERT_TRUE(still_guest.ok());
  EXPECT_EQ(still_guest->kind, customers::Kind::kGuest);
  // Ann sets her own password through the reset link instead: the guest record is hers, and
  // the stranger's password no longer works.
  ASSERT_TRUE(service_->ForgotPassword("ann@example.com", from_).ok());
  ASSERT_TRUE(
      service_->ResetPassword(TokenFrom("password_reset", "ann@example.com"), kPassword, from_)
          .ok());
  auto mine = customers_->Get(recorded->first.public_id);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->kind, customers::Kind::kRegistered);
  EXPECT_EQ(service_->Login("ann@example.com", "the strangers secret", from_).error().slug,
            "invalid_credentials");
  auto signed_in = service_->Login("ann@example.com", kPassword, from_);
  ASSERT_TRUE(signed_in.ok() && signed_in->session);
  EXPECT_EQ(signed_in->session->shopper.customer_public_id, recorded->first.public_id);
  // A later guest checkout of the address is the account's.
  auto later = service_->RecordGuest(actor_, guest);
  ASSERT_TRUE(later.ok());
  EXPECT_EQ(later->first.public_id, recorded->first.public_id);
  EXPECT_EQ(Count("SELECT count(*) FROM customers"), 1);
}

TEST_P(AccountsStore, SmsOnlyAccountsKeepTheSecondStepWithoutAProvider) {
  auto session = Verified();
  // SMS set up while the store had a provider...
  service_->SetSmsAvailable(true);
  customers::Patch phone;
  phone.phone = "+4917612345678";
  ASSERT_TRUE(
      customers_->Update(actor_, session.shopper.customer_public_id, phone, std::nullopt).ok());
  ASSERT_TRUE(service_->StartSms(session.shopper, kPassword, from_).ok());
  auto sms = db_->Read([&](db::Connection& c) {
    return c.Query("SELECT body_text FROM messages WHERE channel = 'sms' ORDER BY id DESC");
  });
  ASSERT_TRUE(sms.ok() && !sms->empty());
  const std::string code = sms->at(0).Text(0).substr(0, 6);
  auto codes = service_->ConfirmSms(session.shopper, code, from_);
  ASSERT_TRUE(codes.ok()) << codes.error().message;
  // ...and the provider gone: a password alone still does not sign in.
  service_->SetSmsAvailable(false);
  auto login = service_->Login("ann@example.com", kPassword, from_);
  ASSERT_TRUE(login.ok());
  EXPECT_FALSE(login->session);
  EXPECT_EQ(login->methods, std::vector<std::string>{"recovery_code"});
  EXPECT_TRUE(
      service_->CompleteSignIn(login->challenge, "recovery_code", codes->at(0), from_).ok());
}

TEST_P(AccountsStore, TheThreeCheckoutSettings) {
  accounts::GuestCheckout guest;
  guest.fields.email = "g@example.com";
  SetMode("required");
  EXPECT_EQ(service_->RecordGuest(actor_, guest).error().slug, "guest_checkout_off");
  EXPECT_TRUE(service_->Register(Ann(), from_).ok());
  SetMode("disabled");
  EXPECT_EQ(service_->Register(Ann("x@example.com"), from_).error().slug, "accounts_disabled");
  EXPECT_EQ(service_->Login("ann@example.com", kPassword, from_).error().slug, "accounts_disabled");
  EXPECT_TRUE(service_->RecordGuest(actor_, guest).ok());
  SetMode("optional");
  EXPECT_TRUE(service_->RecordGuest(actor_, guest).ok());
}

TEST_P(AccountsStore, BlockedAccountsCannotSignInAndTheirSessionsStop) {
  auto session = Verified();
  ASSERT_TRUE(
      customers_->Deactivate(actor_, session.shopper.customer_public_id, std::nullopt).ok());
  EXPECT_FALSE(service_->Authenticate(session.secret).ok());
  EXPECT_EQ(service_->Login("ann@example.com", kPassword, from_).error().slug, "account_blocked");
  // A wrong password still answers like any wrong password.
  EXPECT_EQ(service_->Login("ann@example.com", "not the password", from_).error().slug,
            "invalid_credentials");
}

TEST_P(AccountsStore, EmailChangesOnlyWhenTheNewAddressIsVerified) {
  auto session = Verified();
  ASSERT_TRUE(service_->ChangeEmail(session.shopper, "ann.new@example.com", kPassword, from_).ok());
  auto me = service_->GetMe(session.shopper);
  ASSERT_TRUE(me.ok());
  EXPECT_EQ(me->customer.email, "ann@example.com");
  EXPECT_EQ(me->account.pending_email, "ann.new@example.com");
  EXPECT_EQ(Count("SELECT count(*) FROM messages WHERE template = 'email_change_notice'"
                  " AND to_address = 'ann@example.com'"),
            1);
  auto verified =
      service_->Verify(TokenFrom("email_change", "ann.new@example.com"), kPassword, from_);
  ASSERT_TRUE(verified.ok()) << verified.error().message;
  me = service_->GetMe(session.shopper);
  EXPECT_EQ(me->customer.email, "ann.new@example.com");
  EXPECT_EQ(me->account.pending_email, "");
  EXPECT_EQ(service_->ChangeEmail(session.shopper, "x@example.com", "wrong password!", from_)
                .error()
                .fields.at(0)
                .code,
            "wrong_password");
}

TEST_P(AccountsStore, ChangingThePasswordEndsTheOtherSessionsOnly) {
  auto first = Verified();
  auto second = service_->Login("ann@example.com", kPassword, from_);
  ASSERT_TRUE(second.ok() && second->session);
  auto current = service_->Authenticate(second->session->secret);
  ASSERT_TRUE(current.ok());
  ASSERT_TRUE(service_->ChangePassword(*current, kPassword, "a newer password", from_).ok());
  EXPECT_TRUE(service_->Authenticate(second->session->secret).ok());
  EXPECT_FALSE(service_->Authenticate(first.secret).ok());
  auto sessions = service_->ListSessions(*current);
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 1u);
  EXPECT_TRUE(sessions->at(0).current);
  EXPECT_EQ(sessions->at(0).device, "Chrome on Linux");
}

TEST_P(AccountsStore, DeletionRequestIsRecordedAndFilterable) {
  auto session = Verified();
  auto at = service_->RequestDeletion(session.shopper, kPassword, from_);
  ASSERT_TRUE(at.ok());
  auto state = service_->StateOf(session.shopper.customer_public_id);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->deletion_requested_at, *at);
  customers::ListParams params;
  params.values["deletion_requested"] = "true";
  auto page = customers_->List(params);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 1u);
  params.values = {{"verified", "false"}};
  EXPECT_TRUE(customers_->List(params)->items.empty());
}

TEST_P(AccountsStore, LoginAsCustomerLastsThirtyMinutesAndNoLongerThanTheAdminsSession) {
  auto own = Verified();
  admins::Service admins(*db_, clock_, secrets_);
  ASSERT_TRUE(admins
                  .CreateAdmin(actor_, "sam@example.com", "Sam", "long enough password",
                               admins::Role::kSupport)
                  .ok());
  service_->SetAssistantCheck(
      [&admins](const std::string& id) -> Result<std::optional<std::string>> {
        ASSIGN_OR_RETURN(std::optional<admins::Admin> admin, admins.FindActive(id));
        return admin ? std::optional<std::string>(admin->name) : std::nullopt;
      });
  auto admin_session = admins.Login("sam@example.com", "long enough password", "", from_);
  ASSERT_TRUE(admin_session.ok());
  auto principal = admins.AuthenticateSession(admin_session->secret);
  ASSERT_TRUE(principal.ok());
  ASSERT_GT(principal->session_id, 0);
  const accounts::Assistant sam{principal->admin_public_id, "Sam", principal->session_id};
  const std::string customer = own.shopper.customer_public_id;

  auto visit = service_->StartAssistance(actor_, sam, customer);
  ASSERT_TRUE(visit.ok()) << visit.error().message;
  auto shopper = service_->Authenticate(visit->secret);
  ASSERT_TRUE(shopper.ok());
  EXPECT_EQ(shopper->assisted_by, principal->admin_public_id);
  EXPECT_EQ(shopper->assisted_by_name, "Sam");
  clock_.Advance(29 * 60'000'000LL);
  EXPECT_TRUE(service_->Authenticate(visit->secret).ok());
  // Using it does not stretch it: 30 minutes from the start, whatever happens in between.
  clock_.Advance(60'000'001LL);
  EXPECT_EQ(service_->Authenticate(visit->secret).error().code, ErrorCode::kUnauthenticated);
  EXPECT_TRUE(service_->Authenticate(own.secret).ok());

  // Signing out of the admin UI ends it (the admin's session row takes it along).
  auto again = service_->StartAssistance(actor_, sam, customer);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(service_->Authenticate(again->secret).ok());
  ASSERT_TRUE(admins.Logout(admin_session->secret, actor_).ok());
  EXPECT_FALSE(service_->Authenticate(again->secret).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM customer_sessions WHERE assisted_by <> ''"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, AccountsStore, ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
