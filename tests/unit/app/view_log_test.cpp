// Reading a full customer profile is recorded in the audit trail (who looked at whose data).
#include <gtest/gtest.h>

#include <filesystem>

#include "app/app.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

TEST(ViewLog, ProfileReadsAreAudited) {
  auto path = std::filesystem::temp_directory_path() / "clientele-view-log-test.db";
  std::filesystem::remove(path);
  AppOptions options;
  options.db_url = "sqlite:" + path.string();
  auto opened = App::Open(options);
  ASSERT_TRUE(opened.ok());
  App& app = **opened;
  audit::Actor system;
  ASSERT_TRUE(
      app.admins()
          .CreateAdmin(system, "o@example.com", "", "long enough password", admins::Role::kOwner)
          .ok());
  auto token = app.admins().CreateToken(system, "o@example.com", "reader");
  customers::NewCustomer n;
  n.fields.email = "viewed@example.com";
  auto c = app.customers().Create(system, n);
  ASSERT_TRUE(c.ok());

  http::Request req;
  req.method = "GET";
  req.target = req.path = "/api/admin/customers/" + c->public_id;
  req.headers.Set("authorization", "Bearer " + token->secret);
  ASSERT_EQ(app.Handle(req).status, 200);
  app.views().Flush();

  auto rows = app.db().Read([&](db::Connection& conn) {
    return conn.Query(
        "SELECT actor_type, actor_id FROM audit_events"
        " WHERE action = 'customer.viewed' AND target_id = $1",
        {c->public_id});
  });
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ(rows->at(0).Text(0), "api_token");
  EXPECT_EQ(rows->at(0).Text(1), token->public_id);
  std::filesystem::remove(path);
}

TEST(ViewLog, RepeatedViewsWithinTheWindowAreOneEvent) {
  auto db = testing::FreshMigratedDatabase("sqlite");
  ASSERT_NE(db, nullptr);
  testing::StepClock clock;
  audit::ViewLog views(*db, clock);
  audit::Actor alice, bob;
  alice.type = bob.type = "admin";
  alice.id = "adm_alice";
  bob.id = "adm_bob";
  const auto count = [&](const std::string& actor, const std::string& customer) {
    views.Flush();
    auto rows = db->Read([&](db::Connection& c) {
      return c.Query(
          "SELECT count(*) FROM audit_events WHERE action = 'customer.viewed'"
          " AND actor_id = $1 AND target_id = $2",
          {actor, customer});
    });
    return rows.ok() ? rows->at(0).Int(0) : int64_t{-1};
  };

  for (int i = 0; i < 5; ++i) views.CustomerViewed(alice, "cus_one");
  views.CustomerViewed(bob, "cus_one");
  views.CustomerViewed(alice, "cus_two");
  EXPECT_EQ(count("adm_alice", "cus_one"), 1);
  EXPECT_EQ(count("adm_bob", "cus_one"), 1);
  EXPECT_EQ(count("adm_alice", "cus_two"), 1);

  clock.Advance(audit::ViewLog::kRepeatWindowMicros);
  views.CustomerViewed(alice, "cus_one");
  views.CustomerViewed(alice, "cus_one");
  EXPECT_EQ(count("adm_alice", "cus_one"), 2);
}

}  // namespace
}  // namespace clientele
