// Database::BulkLoad on both engines: all or nothing like any transaction, with the indexes that
// Connection::BeginBulkLoad dropped back in place after a failure. On SQLite the load runs under
// a rollback journal when it has the file to itself, and the store is in WAL mode afterwards.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

constexpr const char* kInsertTag =
    "INSERT INTO tags (public_id, name, name_key, created_at) VALUES ($1, $2, $3, 1)";

std::vector<std::string> IndexNames(db::Database& db) {
  const char* sql = db.dialect() == db::Dialect::kSqlite
                        ? "SELECT name FROM sqlite_schema WHERE type = 'index' ORDER BY name"
                        : "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
                          " ORDER BY indexname";
  auto rows = db.Read([&](db::Connection& c) { return c.Query(sql); });
  EXPECT_TRUE(rows.ok());
  std::vector<std::string> out;
  if (rows.ok()) {
    for (const auto& r : *rows) out.push_back(r.Text(0));
  }
  return out;
}

int64_t TagsNamed(db::Database& db, const std::string& name) {
  auto rows = db.Read([&](db::Connection& c) {
    return c.Query("SELECT count(*) FROM tags WHERE name = $1", {name});
  });
  EXPECT_TRUE(rows.ok());
  return rows.ok() ? rows->at(0).Int(0) : -1;
}

std::string JournalMode(db::Database& db) {
  auto rows = db.Read([](db::Connection& c) { return c.Query("PRAGMA journal_mode"); });
  EXPECT_TRUE(rows.ok());
  return rows.ok() ? rows->at(0).Text(0) : "";
}

// Loads one tag through BulkLoad, with the indexes of the customers table dropped meanwhile.
// `journal` receives SQLite's journal mode during the load.
Status LoadTag(db::Database& db, const std::string& name, bool fail_at_end,
               std::string* journal = nullptr) {
  return db.BulkLoad([&](db::Connection& c) -> Status {
    if (journal && c.dialect() == db::Dialect::kSqlite) {
      ASSIGN_OR_RETURN(db::Rows mode, c.Query("PRAGMA journal_mode"));
      *journal = mode.at(0).Text(0);
    }
    ASSIGN_OR_RETURN(auto rebuild, c.BeginBulkLoad({"customers", "tags"}));
    RETURN_IF_ERROR(c.Execute(kInsertTag, {"tag_" + name, name, name}));
    if (fail_at_end) return Error::Internal("the load stopped half-way");
    for (const auto& statement : rebuild) RETURN_IF_ERROR(c.Execute(statement));
    return OkStatus();
  });
}

class BulkLoad : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = testing::FreshDatabaseUrl(GetParam());
    ASSERT_FALSE(url_.empty());
    auto db = db::Open(url_);
    ASSERT_TRUE(db.ok()) << db.error().message;
    db_ = std::move(db).value();
    ASSERT_TRUE(db::Migrate(*db_).ok());
  }

  std::string url_;
  std::unique_ptr<db::Database> db_;
};

TEST_P(BulkLoad, AFailedLoadLeavesRowsAndIndexesAsTheyWere) {
  const std::vector<std::string> before = IndexNames(*db_);
  ASSERT_FALSE(before.empty());

  Status failed = LoadTag(*db_, "half-way", /*fail_at_end=*/true);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "the load stopped half-way");
  EXPECT_EQ(TagsNamed(*db_, "half-way"), 0);
  EXPECT_EQ(IndexNames(*db_), before);

  std::string journal;
  ASSERT_TRUE(LoadTag(*db_, "loaded", /*fail_at_end=*/false, &journal).ok());
  EXPECT_EQ(TagsNamed(*db_, "loaded"), 1);
  EXPECT_EQ(IndexNames(*db_), before);
  if (db_->dialect() == db::Dialect::kSqlite) {
    EXPECT_EQ(journal, "delete");
    EXPECT_EQ(JournalMode(*db_), "wal");
  }
}

// Another connection (as another process would) in the middle of a read: the load cannot have
// the file to itself and goes through the WAL, without waiting for the reader.
TEST_P(BulkLoad, LoadsBesideAReaderOfAnotherConnection) {
  if (GetParam() != "sqlite") GTEST_SKIP() << "journal modes are SQLite's";
  auto other = db::Open(url_);
  ASSERT_TRUE(other.ok()) << other.error().message;
  Status loaded = OkStatus();
  std::string journal;
  auto read = (*other)->Read([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(c.Query("SELECT count(*) FROM tags"));  // holds the read snapshot
    loaded = LoadTag(*db_, "beside-a-reader", /*fail_at_end=*/false, &journal);
    return OkStatus();
  });
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(journal, "wal");
  EXPECT_EQ(TagsNamed(*db_, "beside-a-reader"), 1);
  EXPECT_EQ(TagsNamed(**other, "beside-a-reader"), 1);
  EXPECT_EQ(JournalMode(*db_), "wal");
}

INSTANTIATE_TEST_SUITE_P(Engines, BulkLoad, ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
