// Tests of the PostgreSQL engine against a real server. They run when CLIENTELE_TEST_PG holds a
// URL (e.g. printed by `scripts/pg-test-server.sh start DIR`) and skip otherwise. Each test works
// in its own scratch table, so several runs can share one database.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "db/postgres/postgres_database.hpp"

namespace clientele::db {
namespace {

std::string TestUrl() {
  const char* url = std::getenv("CLIENTELE_TEST_PG");
  return url ? url : "";
}

class PostgresEngineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = TestUrl();
    if (url_.empty()) GTEST_SKIP() << "CLIENTELE_TEST_PG is not set";
    auto opened = OpenPostgres(url_, OpenOptions{.pool_size = 4});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    db_ = std::move(opened).value();
    // Unique per process and test, so concurrent runs on one database do not meet.
    table_ =
        "engine_test_" + std::to_string(getpid()) + "_" +
        std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000000);
    insert_ = "INSERT INTO " + table_ + " (id, name, score, note) VALUES ($1, $2, $3, $4)";
    Status created = db_->Transaction([&](Connection& c) {
      return c.ExecuteScript("CREATE TABLE " + table_ +
                             " (id bigint PRIMARY KEY CHECK (id >= 0), name text NOT NULL,"
                             " score double precision, note text, CONSTRAINT " +
                             table_ + "_name_key UNIQUE (name))");
    });
    ASSERT_TRUE(created.ok()) << created.error().message;
  }

  void TearDown() override {
    if (!db_) return;
    Status dropped = db_->Transaction(
        [&](Connection& c) { return c.ExecuteScript("DROP TABLE IF EXISTS " + table_); });
    EXPECT_TRUE(dropped.ok()) << dropped.error().message;
  }

  Status Insert(int64_t id, const std::string& name) {
    return db_->Transaction([&](Connection& c) -> Status {
      RETURN_IF_ERROR(c.Execute(insert_, {id, name, nullptr, nullptr}));
      return OkStatus();
    });
  }

  int64_t Count() {
    auto rows = db_->Read([&](Connection& c) { return c.Query("SELECT count(*) FROM " + table_); });
    EXPECT_TRUE(rows.ok()) << rows.error().message;
    return rows.ok() ? (*rows)[0].Int(0) : -1;
  }

  std::string url_;
  std::unique_ptr<Database> db_;
  std::string table_;
  std::string insert_;
};

TEST_F(PostgresEngineTest, QueryRoundTripsParameterTypes) {
  auto rows = db_->Read([&](Connection& c) {
    return c.Query(
        "SELECT $1::bigint, $2::text, $3::text, $4::float8, $5::int4, $6::numeric,"
        " true, false, 'Infinity'::float8, $7::text",
        {int64_t{-9007199254740993}, std::string("Zoë ✓ 'quoted'"), nullptr, 0.1, int64_t{7}, 2.5,
         std::string()});
  });
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  const Row& row = (*rows)[0];
  ASSERT_EQ(row.size(), 10u);
  EXPECT_EQ(row.Int(0), -9007199254740993);  // beyond a double's exact range
  EXPECT_EQ(row.Text(1), "Zoë ✓ 'quoted'");
  EXPECT_TRUE(row.IsNull(2));
  EXPECT_FALSE(row.OptInt(2).has_value());
  // A double cell prints with 17 digits; a text cell would read back "0.1".
  EXPECT_EQ(row.Text(3), "0.10000000000000001");
  EXPECT_EQ(row.Int(4), 7);
  EXPECT_EQ(row.Text(5), "2.5");
  // Booleans come back as integers, not "t"/"f".
  EXPECT_EQ(row.Text(6), "1");
  EXPECT_TRUE(row.Bool(6));
  EXPECT_EQ(row.Text(7), "0");
  EXPECT_EQ(row.Text(8), "inf");
  EXPECT_FALSE(row.IsNull(9));
  EXPECT_EQ(row.Text(9), "");
}

TEST_F(PostgresEngineTest, StoredRowsReadBackWithTheirTypes) {
  Status inserted = db_->Transaction([&](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Execute(insert_, {int64_t{1}, std::string("Åsa"), 0.25, nullptr}));
    RETURN_IF_ERROR(c.Execute(insert_, {int64_t{2}, std::string("Bo"), nullptr, std::string("x")}));
    return OkStatus();
  });
  ASSERT_TRUE(inserted.ok()) << inserted.error().message;
  auto rows = db_->Read([&](Connection& c) {
    return c.Query("SELECT id, name, score, note FROM " + table_ + " ORDER BY id");
  });
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].Int(0), 1);
  EXPECT_EQ((*rows)[0].Text(1), "Åsa");
  EXPECT_EQ((*rows)[0].Text(2), "0.25");
  EXPECT_TRUE((*rows)[0].IsNull(3));
  EXPECT_TRUE((*rows)[1].IsNull(2));
  EXPECT_EQ((*rows)[1].OptText(3), "x");
}

TEST_F(PostgresEngineTest, ExecuteReturnsChangedRowCount) {
  ASSERT_TRUE(Insert(1, "a").ok());
  ASSERT_TRUE(Insert(2, "b").ok());
  auto changed = db_->Transaction([&](Connection& c) {
    return c.Execute("UPDATE " + table_ + " SET note = $1 WHERE id >= $2",
                     {std::string("n"), int64_t{1}});
  });
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(*changed, 2);
  auto none = db_->Transaction([&](Connection& c) {
    return c.Execute("DELETE FROM " + table_ + " WHERE id = $1", {int64_t{99}});
  });
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
}

TEST_F(PostgresEngineTest, UniqueViolationIsAlreadyExistsWithoutTheValue) {
  ASSERT_TRUE(Insert(1, "alice@example.com").ok());
  Status again = Insert(2, "alice@example.com");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(again.error().slug, "unique_violation");
  EXPECT_NE(again.error().message.find(table_ + "_name_key"), std::string::npos)
      << again.error().message;
  EXPECT_EQ(again.error().message.find("alice"), std::string::npos) << again.error().message;
  EXPECT_EQ(Count(), 1);
}

TEST_F(PostgresEngineTest, ConstraintAndDataErrorsAreInvalidArgument) {
  Status negative = Insert(-1, "a");  // CHECK (id >= 0)
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(negative.error().slug, "constraint_violation");

  Status no_name = db_->Transaction([&](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Execute(insert_, {int64_t{1}, nullptr, nullptr, nullptr}));
    return OkStatus();
  });
  ASSERT_FALSE(no_name.ok());
  EXPECT_EQ(no_name.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(no_name.error().message.find("\"name\""), std::string::npos);

  Status not_a_number = db_->Transaction([&](Connection& c) -> Status {
    RETURN_IF_ERROR(
        c.Execute(insert_, {std::string("secret-42"), std::string("a"), nullptr, nullptr}));
    return OkStatus();
  });
  ASSERT_FALSE(not_a_number.ok());
  EXPECT_EQ(not_a_number.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(not_a_number.error().message.find("secret"), std::string::npos);
}

TEST_F(PostgresEngineTest, SqlErrorIsInternalWithTheServerMessage) {
  auto rows =
      db_->Read([&](Connection& c) { return c.Query("SELECT no_such_column FROM " + table_); });
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.error().code, ErrorCode::kInternal);
  EXPECT_NE(rows.error().message.find("no_such_column"), std::string::npos);
}

TEST_F(PostgresEngineTest, ErrorResultRollsBack) {
  Status status = db_->Transaction([&](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Execute(insert_, {int64_t{1}, std::string("a"), nullptr, nullptr}));
    return Error::Invalid("stop here");
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().message, "stop here");
  EXPECT_EQ(Count(), 0);
}

TEST_F(PostgresEngineTest, ExceptionRollsBackAndPropagates) {
  EXPECT_THROW(db_->Transaction([&](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Execute(insert_, {int64_t{1}, std::string("a"), nullptr, nullptr}));
    throw std::runtime_error("bug");
  }),
               std::runtime_error);
  EXPECT_EQ(Count(), 0);
  // The connection went back to the pool outside any transaction.
  ASSERT_TRUE(Insert(2, "b").ok());
  EXPECT_EQ(Count(), 1);
}

TEST_F(PostgresEngineTest, CommitPersists) {
  ASSERT_TRUE(Insert(1, "a").ok());
  auto other = OpenPostgres(url_, OpenOptions{.pool_size = 1});
  ASSERT_TRUE(other.ok());
  auto rows = (*other)->Read([&](Connection& c) {
    return c.Query("SELECT name FROM " + table_ + " WHERE id = $1", {int64_t{1}});
  });
  ASSERT_TRUE(rows.ok()) << rows.error().message;
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "a");
}

TEST_F(PostgresEngineTest, IgnoredStatementErrorFailsTheCommit) {
  // Unlike SQLite, PostgreSQL aborts the whole transaction when one statement fails.
  ASSERT_TRUE(Insert(1, "a").ok());
  Status status = db_->Transaction([&](Connection& c) -> Status {
    RETURN_IF_ERROR(c.Execute(insert_, {int64_t{2}, std::string("b"), nullptr, nullptr}));
    (void)c.Execute(insert_, {int64_t{3}, std::string("a"), nullptr, nullptr});
    return OkStatus();
  });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInternal);
  EXPECT_EQ(Count(), 1);
}

TEST_F(PostgresEngineTest, ExecuteManyInserts10000Rows) {
  std::vector<Params> rows;
  for (int64_t i = 0; i < 10000; ++i) {
    rows.push_back({i, "name-" + std::to_string(i), static_cast<double>(i) / 2,
                    i % 3 == 0 ? Value(std::string("note")) : Value(nullptr)});
  }
  Status status = db_->Transaction([&](Connection& c) { return c.ExecuteMany(insert_, rows); });
  ASSERT_TRUE(status.ok()) << status.error().message;
  auto sums = db_->Read([&](Connection& c) {
    return c.Query("SELECT count(*), sum(id), count(note), sum(score) FROM " + table_);
  });
  ASSERT_TRUE(sums.ok()) << sums.error().message;
  EXPECT_EQ((*sums)[0].Int(0), 10000);
  EXPECT_EQ((*sums)[0].Int(1), 9999 * 10000 / 2);
  EXPECT_EQ((*sums)[0].Int(2), 3334);
  EXPECT_EQ((*sums)[0].Text(3), "24997500");
}

TEST_F(PostgresEngineTest, ExecuteManyFailureRollsBackAndLeavesTheConnectionUsable) {
  std::vector<Params> rows;
  for (int64_t i = 0; i < 3000; ++i) {
    // Row 1500 repeats row 10's name.
    int64_t name = i == 1500 ? 10 : i;
    rows.push_back({i, "name-" + std::to_string(name), nullptr, nullptr});
  }
  Status status = db_->Transaction([&](Connection& c) { return c.ExecuteMany(insert_, rows); });
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kAlreadyExists);
  EXPECT_EQ(Count(), 0);
  rows[1500] = {int64_t{1500}, std::string("name-1500"), nullptr, nullptr};
  status = db_->Transaction([&](Connection& c) { return c.ExecuteMany(insert_, rows); });
  ASSERT_TRUE(status.ok()) << status.error().message;
  EXPECT_EQ(Count(), 3000);
}

TEST_F(PostgresEngineTest, ConcurrentTransactionsFromEightThreadsAllLand) {
  constexpr int kThreads = 8;
  constexpr int kTransactions = 50;
  constexpr int kRowsPerTransaction = 3;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kTransactions; ++i) {
        Status status = db_->Transaction([&](Connection& c) -> Status {
          for (int r = 0; r < kRowsPerTransaction; ++r) {
            int64_t id = (t * kTransactions + i) * kRowsPerTransaction + r;
            RETURN_IF_ERROR(c.Execute(insert_, {id, "n" + std::to_string(id), nullptr, nullptr}));
          }
          return OkStatus();
        });
        if (!status.ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Count(), kThreads * kTransactions * kRowsPerTransaction);
}

TEST_F(PostgresEngineTest, Ping) { EXPECT_TRUE(db_->Ping().ok()); }

TEST_F(PostgresEngineTest, ReconnectsAfterTheServerDropsAConnection) {
  auto opened = OpenPostgres(url_, OpenOptions{.pool_size = 1});
  ASSERT_TRUE(opened.ok());
  std::unique_ptr<Database> single = std::move(opened).value();
  auto pid = single->Read([](Connection& c) { return c.Query("SELECT pg_backend_pid()"); });
  ASSERT_TRUE(pid.ok());
  // The timeout makes the server wait until the backend has exited.
  auto killed = db_->Read([&](Connection& c) {
    return c.Query("SELECT pg_terminate_backend($1::int, 5000)", {(*pid)[0].Int(0)});
  });
  ASSERT_TRUE(killed.ok()) << killed.error().message;
  ASSERT_TRUE((*killed)[0].Bool(0));
  EXPECT_TRUE(single->Ping().ok());
  auto new_pid = single->Read([](Connection& c) { return c.Query("SELECT pg_backend_pid()"); });
  ASSERT_TRUE(new_pid.ok()) << new_pid.error().message;
  EXPECT_NE((*new_pid)[0].Int(0), (*pid)[0].Int(0));
}

TEST_F(PostgresEngineTest, CachedStatementSurvivesASchemaChange) {
  ASSERT_TRUE(Insert(1, "a").ok());
  const std::string select = "SELECT * FROM " + table_;
  auto before = db_->Read([&](Connection& c) { return c.Query(select); });
  ASSERT_TRUE(before.ok());
  EXPECT_EQ((*before)[0].size(), 4u);
  Status altered = db_->Transaction([&](Connection& c) {
    return c.ExecuteScript("ALTER TABLE " + table_ + " ADD COLUMN extra int DEFAULT 5");
  });
  ASSERT_TRUE(altered.ok()) << altered.error().message;
  auto after = db_->Read([&](Connection& c) { return c.Query(select); });
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ((*after)[0].size(), 5u);
  EXPECT_EQ((*after)[0].Int(4), 5);
}

TEST(PostgresOpenTest, UnreachableServerIsUnavailable) {
  if (TestUrl().empty()) GTEST_SKIP() << "CLIENTELE_TEST_PG is not set";
  auto opened = OpenPostgres("postgres://clientele@127.0.0.1:1/none", {});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace clientele::db
