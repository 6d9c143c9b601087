// The command line as the README documents it, on SQLite and PostgreSQL: options of the whole
// program (--db, --log-level) before or after the subcommand, CLIENTELE_DB, and each subcommand
// (serve, admin create and token create are run this way by every API test's set-up).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
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

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

TEST_P(CommandLine, ExportWritesTheChosenColumnsOfTheFilteredList) {
  const std::string db = FreshDatabaseUrl(GetParam());
  std::string out;
  ASSERT_EQ(RunCli({"demo", "--db", db, "--customers", "30", "--seed", "11", "--log-level", "warn"},
                   "", &out),
            0)
      << out;
  const std::string file = ::testing::TempDir() + "cli-export-" + GetParam() + ".csv";
  std::filesystem::remove(file);
  out.clear();
  ASSERT_EQ(RunCli({"export", "--db", db, "--log-level", "warn", "--columns", "id,email",
                    "--output", file},
                   "", &out),
            0)
      << out;
  EXPECT_EQ(out, "exported 30 customers to " + file + "\n");
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::vector<std::string> lines = Lines(text.str());
  ASSERT_EQ(lines.size(), 31u) << text.str();
  // The header names the columns by key, so the file imports back as it is.
  EXPECT_NE(lines[0].find("id,email"), std::string::npos) << lines[0];
  EXPECT_EQ(lines[1].rfind("cus_", 0), 0u) << lines[1];

  // A filter narrows the rows, and - writes the file to standard output.
  out.clear();
  ASSERT_EQ(RunCli({"export", "--db", db, "--log-level", "warn", "--columns", "id", "--filter",
                    "kind=guest", "--output", "-"},
                   "", &out),
            0);
  std::string guests;
  ASSERT_EQ(RunCli({"export", "--db", db, "--log-level", "warn", "--columns", "id", "--filter",
                    "kind=registered", "--output", "-"},
                   "", &guests),
            0);
  const size_t guest_rows = Lines(out).size() - 1, registered_rows = Lines(guests).size() - 1;
  EXPECT_EQ(guest_rows + registered_rows, 30u) << out << guests;
  EXPECT_GT(registered_rows, 0u);
  // The segment filter language, as the list takes it.
  std::string segment;
  ASSERT_EQ(RunCli({"export", "--db", db, "--log-level", "warn", "--columns", "id", "--filter",
                    "filter=kind = guest OR kind = registered AND NOT kind = registered",
                    "--output", "-"},
                   "", &segment),
            0)
      << segment;
  EXPECT_EQ(Lines(segment).size() - 1, guest_rows) << segment;

  // The audit log exports the same way: the command's own exports are in it.
  std::string log;
  ASSERT_EQ(RunCli({"export", "--db", db, "--log-level", "warn", "--source", "audit", "--columns",
                    "action,actor_name", "--filter", "action=job.", "--output", "-"},
                   "", &log),
            0)
      << log;
  const std::vector<std::string> events = Lines(log);
  ASSERT_GE(events.size(), 5u) << log;
  EXPECT_EQ(events[0], "action,actor_name");
  EXPECT_EQ(events[1].rfind("job.", 0), 0u) << events[1];

  // Mistakes are refused before anything is written.
  for (const std::vector<std::string>& bad : std::vector<std::vector<std::string>>{
           {"--format", "docx"},
           {"--columns", "id,shoe_size"},
           {"--filter", "status=sleeping"},
           {"--filter", "no-equals-sign"},
           {"--filter", "filter=oders > 1"},
           {"--source", "orders"},
           {"--source", "wallet", "--filter", "kind=gift"},
       }) {
    std::vector<std::string> args = {"export", "--db", db,         "--log-level",
                                     "warn",   "-o",   file + ".x"};
    args.insert(args.end(), bad.begin(), bad.end());
    out.clear();
    EXPECT_NE(RunCli(args, "", &out), 0) << bad[1];
    EXPECT_FALSE(std::filesystem::exists(file + ".x")) << bad[1];
  }
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
