// The command line as the README documents it, on SQLite and PostgreSQL: options of the whole
// program (--db, --log-level) before or after the subcommand, CLIENTELE_DB, and each subcommand
// (serve, admin create and token create are run this way by every API test's set-up).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <string>

#include "harness.hpp"
#include "support/test_db.hpp"

namespace clientele::testing {
namespace {

class CommandLine : public ::testing::TestWithParam<std::string> {};

TEST_P(CommandLine, DocumentedFormsWork) {
  const std::string db = FreshDatabaseUrl(GetParam());
  std::string out;
  EXPECT_EQ(RunCli({"migrate", "--db", db}, "", &out), 0) << out;
  EXPECT_EQ(out, "database is up to date\n");
  out.clear();
  EXPECT_EQ(RunCli({"--db", db, "migrate"}, "", &out), 0) << out;
  out.clear();
  EXPECT_EQ(RunCli({"demo", "--db", db, "--customers", "10", "--seed", "7", "--log-level", "warn"},
                   "", &out),
            0)
      << out;
  EXPECT_EQ(out.rfind("demo store: 10 customers", 0), 0u) << out;
  out.clear();
  EXPECT_EQ(RunCli({"admin", "create", "--db", db, "--email", "cli@example.com", "--role", "admin"},
                   "a long enough password\n", &out),
            0)
      << out;
  EXPECT_EQ(out, "admin created: cli@example.com (admin)\n");
  out.clear();
  EXPECT_EQ(RunCli({"token", "create", "--db", db, "--admin", "cli@example.com", "--name", "n"}, "",
                   &out),
            0)
      << out;
  EXPECT_EQ(out.rfind("clt_", 0), 0u) << out;

  // CLIENTELE_DB instead of --db.
  setenv("CLIENTELE_DB", db.c_str(), 1);
  out.clear();
  int rc =
      RunCli({"token", "create", "--admin", "cli@example.com", "--name", "from env"}, "", &out);
  unsetenv("CLIENTELE_DB");
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out.rfind("clt_", 0), 0u) << out;

  // Mistakes are refused with a non-zero exit.
  out.clear();
  EXPECT_NE(RunCli({"token", "create", "--db", db, "--admin", "nobody@example.com", "--name", "n"},
                   "", &out),
            0);
  EXPECT_NE(RunCli({"demo", "--db", db, "--customers", "0"}, "", &out), 0);
}

TEST_P(CommandLine, ServeTakesItsOptionsAfterTheSubcommand) {
  // ServerProcess starts `clientele serve --db URL --log-level warn --listen 127.0.0.1:0`.
  ServerProcess server(FreshDatabaseUrl(GetParam()));
  EXPECT_EQ(server.Call("GET", "/readyz").status, 200);
  EXPECT_EQ(server.Admin("GET", "/api/admin/customers").status, 200);
  EXPECT_EQ(server.Stop(), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, CommandLine, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele::testing
