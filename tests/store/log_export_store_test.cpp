// The logs exports read (store credit history, audit log) against real databases (SQLite and
// PostgreSQL): walked in small chunks after the last id, they yield the rows of the log's own
// CSV download, in its order, each once, and count what they yield.
#include <gtest/gtest.h>

#include "flows/transfer/log_sources.hpp"
#include "formats/csv_reader.hpp"
#include "modules/audit/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/messages/service.hpp"
#include "modules/wallet/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using clientele::testing::StepClock;
using Filter = std::map<std::string, std::string>;
using Rows = std::vector<std::vector<std::string>>;

Rows ReadCsv(const std::string& text) {
  formats::CsvReader reader = formats::CsvReader::OfText(text);
  Rows rows;
  std::vector<std::string> fields;
  while (reader.Next(fields)) rows.push_back(fields);
  return rows;
}

class LogExportStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    messages_ = std::make_unique<messages::Service>(*db_, clock_, "example.com");
    wallet_ = std::make_unique<wallet::Service>(*db_, clock_, *messages_);
    audit_ = std::make_unique<audit::Service>(*db_);
    for (const char* email : {"ann@example.com", "bo@example.com"}) {
      customers::NewCustomer n;
      n.fields.email = email;
      n.fields.first_name = "Log";
      auto c = customers_->Create(actor_, n);
      ASSERT_TRUE(c.ok()) << c.error().message;
      ids_.push_back(c->public_id);
    }
    // 18 credits and 5 debits over the two wallets.
    for (int i = 0; i < 23; ++i) {
      clock_.Advance(60'000'000);
      wallet::Change change;
      change.amount = i % 4 == 3 ? -10 : 100 + i;
      change.reason = "entry " + std::to_string(i);
      auto applied = wallet_->Apply(actor_, ids_[i % 2], change);
      ASSERT_TRUE(applied.ok()) << i << ": " << applied.error().message;
    }
  }

  // The source's rows in chunks of `size`, walked to the end; the first cell of each.
  std::vector<std::string> Walk(const std::string& source, const Filter& filter, int size) {
    const flows::LogSource* log = flows::FindLogSource(source);
    EXPECT_NE(log, nullptr);
    std::vector<std::string> out;
    if (!log) return out;
    std::optional<int64_t> before;
    for (int chunks = 0; chunks < 100; ++chunks) {
      auto chunk = db_->Read([&](db::Connection& c) {
        return log->read(c, filter, before, size, [&](const std::vector<std::string>& cells) {
          EXPECT_EQ(cells.size(), log->columns.size());
          out.push_back(cells.at(0));
          return OkStatus();
        });
      });
      EXPECT_TRUE(chunk.ok()) << (chunk.ok() ? "" : chunk.error().message);
      if (!chunk.ok()) break;
      EXPECT_LE(chunk->rows, size);
      if (chunk->finished) break;
      EXPECT_EQ(chunk->rows, size) << "a chunk that is not the last is full";
      before = chunk->last_id;
    }
    return out;
  }

  int64_t Count(const std::string& source, const Filter& filter) {
    auto n = db_->Read(
        [&](db::Connection& c) { return flows::FindLogSource(source)->count(c, filter); });
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }

  static std::vector<std::string> FirstCells(const Rows& rows) {
    std::vector<std::string> out;
    for (size_t i = 1; i < rows.size(); ++i) out.push_back(rows[i].at(0));
    return out;
  }

  StepClock clock_;
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<messages::Service> messages_;
  std::unique_ptr<wallet::Service> wallet_;
  std::unique_ptr<audit::Service> audit_;
  std::vector<std::string> ids_;
};

TEST_P(LogExportStore, TheStoreCreditHistoryInChunksIsItsCsv) {
  for (const Filter& filter : std::vector<Filter>{{}, {{"kind", "debit"}}}) {
    auto csv = wallet_->HistoryCsv(filter);
    ASSERT_TRUE(csv.ok());
    const std::vector<std::string> expected = FirstCells(ReadCsv(*csv));
    ASSERT_EQ(expected.size(), filter.empty() ? 23u : 5u);
    for (int size : {1, 4, 6, 23, 50}) {
      EXPECT_EQ(Walk("wallet", filter, size), expected) << size;
    }
    EXPECT_EQ(Count("wallet", filter), static_cast<int64_t>(expected.size()));
  }
}

TEST_P(LogExportStore, TheAuditLogInChunksIsItsCsv) {
  for (const Filter& filter :
       std::vector<Filter>{{}, {{"customer", ids_[0]}}, {{"action", "customer.wallet_debited"}}}) {
    auto csv = audit_->ExportCsv(filter);
    ASSERT_TRUE(csv.ok());
    const std::vector<std::string> expected = FirstCells(ReadCsv(*csv));
    ASSERT_FALSE(expected.empty());
    for (int size : {1, 5, 7, 100}) EXPECT_EQ(Walk("audit", filter, size), expected) << size;
    EXPECT_EQ(Count("audit", filter), static_cast<int64_t>(expected.size()));
  }
  EXPECT_EQ(Count("audit", {{"action", "customer.wallet_debited"}}), 5);
}

TEST_P(LogExportStore, ABadFilterIsTheLogsFieldError) {
  Status wallet = flows::FindLogSource("wallet")->check({{"kind", "gift"}});
  ASSERT_FALSE(wallet.ok());
  EXPECT_EQ(wallet.error().fields.at(0).field, "kind");
  Status audit = flows::FindLogSource("audit")->check({{"to", "soon"}});
  ASSERT_FALSE(audit.ok());
  EXPECT_EQ(audit.error().fields.at(0).field, "to");
  EXPECT_EQ(flows::FindLogSource("orders"), nullptr);
}

INSTANTIATE_TEST_SUITE_P(Engines, LogExportStore,
                         ::testing::ValuesIn(clientele::testing::Engines()));

}  // namespace
}  // namespace clientele
