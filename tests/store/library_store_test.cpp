// The library and the job mechanism against real databases (SQLite and PostgreSQL) with an
// injected clock: a signed download link works for its customer and file until it expires,
// refuses any change to it, and stops working when the entry is revoked; a job runs in
// committed chunks, resumes from its checkpoint on another runner once a claim runs out (the
// runner that lost it writes nothing more), and honours a cancel between chunks.
#include <gtest/gtest.h>

#include "db/database.hpp"
#include "modules/catalog/service.hpp"
#include "modules/customers/service.hpp"
#include "modules/jobs/service.hpp"
#include "modules/library/service.hpp"
#include "support/step_clock.hpp"
#include "support/test_db.hpp"

namespace clientele {
namespace {

using clientele::testing::StepClock;

class LibraryStore : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = clientele::testing::FreshMigratedDatabase(GetParam());
    ASSERT_NE(db_, nullptr);
    customers_ = std::make_unique<customers::Service>(*db_, clock_);
    catalog_ = std::make_unique<catalog::Service>(*db_, clock_);
    library_ = std::make_unique<library::Service>(*db_, clock_, secrets_);
    jobs_ = std::make_unique<jobs::Service>(*db_, clock_);
    customers::NewCustomer n;
    n.fields.email = "ann@example.com";
    n.fields.first_name = "Ann";
    auto c = customers_->Create(actor_, n);
    ASSERT_TRUE(c.ok()) << c.error().message;
    customer_ = c->public_id;
    catalog::ProductInput p;
    p.sku = "EB1";
    p.name = "Ebook";
    p.price = 900;
    p.currency = "EUR";
    p.digital = true;
    p.files =
        std::vector<catalog::FileInput>{{"book.pdf", "application/pdf", "ebooks/book.pdf", 10}};
    auto product = catalog_->Create(actor_, p);
    ASSERT_TRUE(product.ok()) << product.error().message;
    file_ = product->files.at(0).public_id;
  }

  // The query parameters of a link: customer, expires, signature.
  static std::map<std::string, std::string> Params(const std::string& url) {
    std::map<std::string, std::string> out;
    for (size_t at = url.find('?') + 1; at != 0 && at < url.size();) {
      size_t amp = url.find('&', at);
      std::string pair = url.substr(at, amp == std::string::npos ? std::string::npos : amp - at);
      out[pair.substr(0, pair.find('='))] = pair.substr(pair.find('=') + 1);
      if (amp == std::string::npos) break;
      at = amp + 1;
    }
    return out;
  }

  StepClock clock_;
  crypto::SecretBox secrets_{crypto::SecretBox::FixedKey{std::string(32, 'k')}};
  audit::Actor actor_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<customers::Service> customers_;
  std::unique_ptr<catalog::Service> catalog_;
  std::unique_ptr<library::Service> library_;
  std::unique_ptr<jobs::Service> jobs_;
  std::string customer_, file_;
};

TEST_P(LibraryStore, SignedLinksAreBoundToCustomerFileAndTime) {
  EXPECT_EQ(library_->SignLink(customer_, file_).error().code, ErrorCode::kNotFound);
  auto added = library_->Add(actor_, customer_, {"EB1", "gift", "Sorry for the delay", ""});
  ASSERT_TRUE(added.ok()) << added.error().message;
  auto link = library_->SignLink(customer_, file_);
  ASSERT_TRUE(link.ok()) << link.error().message;
  auto p = Params(link->url);
  auto permit = library_->Authorize(file_, p["customer"], p["expires"], p["signature"]);
  ASSERT_TRUE(permit.ok()) << permit.error().message;
  EXPECT_EQ(permit->path.filename(), "book.pdf");
  EXPECT_EQ(permit->media_type, "application/pdf");

  auto slug = [&](const std::string& file, const std::string& customer, const std::string& expires,
                  const std::string& signature) {
    auto r = library_->Authorize(file, customer, expires, signature);
    return r.ok() ? std::string("ok") : r.error().slug;
  };
  std::string tampered = p["signature"];
  tampered[0] = tampered[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(slug(file_, p["customer"], p["expires"], tampered), "link_invalid");
  EXPECT_EQ(slug(file_, "cus_someoneelse00000000", p["expires"], p["signature"]), "link_invalid");
  EXPECT_EQ(slug("pfl_another", p["customer"], p["expires"], p["signature"]), "link_invalid");
  EXPECT_EQ(
      slug(file_, p["customer"], std::to_string(std::stoll(p["expires"]) + 3600), p["signature"]),
      "link_invalid");
  EXPECT_EQ(slug(file_, p["customer"], p["expires"], ""), "link_invalid");

  // Within its five minutes, then not.
  clock_.Advance((library::Service::kLinkSeconds - 10) * 1'000'000);
  EXPECT_EQ(slug(file_, p["customer"], p["expires"], p["signature"]), "ok");
  clock_.Advance(20 * 1'000'000);
  EXPECT_EQ(slug(file_, p["customer"], p["expires"], p["signature"]), "link_expired");

  // A fresh link stops working once the entry is revoked.
  link = library_->SignLink(customer_, file_);
  p = Params(link->url);
  ASSERT_TRUE(library_->Revoke(actor_, customer_, added->at(0).public_id).ok());
  EXPECT_EQ(slug(file_, p["customer"], p["expires"], p["signature"]), "not_entitled");
  EXPECT_EQ(library_->SignLink(customer_, file_).error().code, ErrorCode::kNotFound);
}

// A kind that counts to `total` in chunks of 2, writing each number into a table of its own.
jobs::Kind Counter(db::Database& db) {
  auto created = db.Transaction([](db::Connection& tx) -> Result<bool> {
    RETURN_IF_ERROR(tx.ExecuteScript("CREATE TABLE counted (n BIGINT PRIMARY KEY)"));
    return true;
  });
  EXPECT_TRUE(created.ok());
  jobs::Kind kind;
  kind.permission = admins::Permission::kManageLibrary;
  kind.run_chunk = [](db::Connection& tx, const jobs::Job& job) -> Result<jobs::ChunkOutcome> {
    jobs::ChunkOutcome out;
    int64_t next = job.checkpoint.empty() ? 0 : std::stoll(job.checkpoint);
    for (int i = 0; i < 2 && next < job.total; ++i, ++next) {
      RETURN_IF_ERROR(tx.Execute("INSERT INTO counted (n) VALUES ($1)", {next}));
    }
    out.checkpoint = std::to_string(next);
    out.done = next;
    out.total = job.total;
    out.result = {{"last", next}};
    out.finished = next >= job.total;
    return out;
  };
  return kind;
}

TEST_P(LibraryStore, JobsResumeFromTheirCheckpointOnAnotherRunner) {
  jobs_->RegisterKind("count", Counter(*db_));
  auto job = jobs_->Start(actor_, "Ann Admin", "count", nlohmann::json::object(), 7);
  ASSERT_TRUE(job.ok()) << job.error().message;
  // One of a kind at a time.
  EXPECT_EQ(jobs_->Start(actor_, "", "count", nlohmann::json::object(), 1).error().slug,
            "job_running");

  const int64_t lease = 5'000'000;
  auto first = jobs_->ClaimNext("runner-a", lease);
  ASSERT_TRUE(first.ok() && *first);
  jobs::Job a = **first;
  EXPECT_EQ(jobs_->RunChunk(a, "runner-a", lease), jobs::Service::Step::kMore);
  EXPECT_EQ(a.done, 2);
  // While runner A holds it, nobody else takes it.
  EXPECT_FALSE(*jobs_->ClaimNext("runner-b", lease));

  // Runner A hangs; its claim runs out and B resumes after the last committed chunk.
  clock_.Advance(lease * 2);
  auto second = jobs_->ClaimNext("runner-b", lease);
  ASSERT_TRUE(second.ok() && *second);
  jobs::Job b = **second;
  EXPECT_EQ(b.checkpoint, "2");
  EXPECT_EQ(b.runs, 2);
  EXPECT_EQ(jobs_->RunChunk(a, "runner-a", lease), jobs::Service::Step::kLost);
  while (jobs_->RunChunk(b, "runner-b", lease) == jobs::Service::Step::kMore) {
  }
  auto done = jobs_->Get(job->public_id);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->state, jobs::JobState::kSucceeded);
  EXPECT_EQ(done->done, 7);
  EXPECT_EQ(done->result.value("last", 0), 7);
  auto rows = db_->Read([](db::Connection& c) { return c.Query("SELECT COUNT(*) FROM counted"); });
  EXPECT_EQ(rows->at(0).Int(0), 7);  // each number once: the lost runner wrote nothing more
  // Finished: a new one may start, and this one cannot be cancelled.
  EXPECT_EQ(jobs_->Cancel(actor_, job->public_id).error().slug, "job_finished");
}

TEST_P(LibraryStore, JobsStopBetweenChunksWhenCancelled) {
  jobs_->RegisterKind("count", Counter(*db_));
  auto queued = jobs_->Start(actor_, "", "count", nlohmann::json::object(), 100);
  ASSERT_TRUE(queued.ok());
  auto claimed = jobs_->ClaimNext("runner-a", 5'000'000);
  jobs::Job j = **claimed;
  EXPECT_EQ(jobs_->RunChunk(j, "runner-a", 5'000'000), jobs::Service::Step::kMore);
  auto asked = jobs_->Cancel(actor_, j.public_id);
  ASSERT_TRUE(asked.ok());
  EXPECT_TRUE(asked->cancel_requested);
  EXPECT_EQ(asked->state, jobs::JobState::kRunning);
  EXPECT_EQ(jobs_->RunChunk(j, "runner-a", 5'000'000), jobs::Service::Step::kFinished);
  auto after = jobs_->Get(j.public_id);
  EXPECT_EQ(after->state, jobs::JobState::kCancelled);
  EXPECT_EQ(after->done, 2);  // what was done stays done, and says so
  EXPECT_TRUE(after->finished_at.has_value());

  // A queued job is cancelled at once and never runs.
  auto next = jobs_->Start(actor_, "", "count", nlohmann::json::object(), 3);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(jobs_->Cancel(actor_, next->public_id)->state, jobs::JobState::kCancelled);
  EXPECT_FALSE(*jobs_->ClaimNext("runner-a", 5'000'000));
}

INSTANTIATE_TEST_SUITE_P(Engines, LibraryStore, ::testing::ValuesIn(clientele::testing::Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace clientele
