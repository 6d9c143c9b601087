// Customer imports: an uploaded CSV file read with a column mapping and written by a job (kind
// customer_import), a thousand rows per committed chunk. The job first reads the whole file
// once, counting its rows, so a file that breaks off (an open quote) fails before anything is
// written. Then each row becomes a new customer or changes the one with its e-mail address (or
// id): only the fields the file fills change, tags are added, addresses added unless the
// customer has them (see import_pass.hpp). A row with a mistake leaves nothing behind and is
// reported (row, column, value, message) in an error report written beside the upload, chunk by
// chunk, at the length the job's checkpoint records. A dry run does the same
// work and undoes each chunk, so its counts and errors are what the import would do. An
// all-or-nothing import runs the dry run first and writes only when it found no error. The
// e-mail addresses (or ids) seen are kept by the job on the node that runs it, so a second row
// with the same one is reported instead of imported twice; a job resumed elsewhere reads them
// again from the file up to its checkpoint.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "flows/transfer/export.hpp"
#include "flows/transfer/import_files.hpp"
#include "modules/addresses/service.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/service.hpp"
#include "modules/jobs/service.hpp"
#include "modules/moderation/service.hpp"

namespace clientele::flows {

struct ImportRequest {
  std::string file_id;
  std::vector<std::string> mapping;  // a target for each column of the file; "": not imported
  bool dry_run = false;
  bool all_or_nothing = false;
  std::string match_by = "email";  // email | id
};

class Import {
 public:
  static constexpr const char* kJob = "customer_import";
  static constexpr int64_t kRowsPerChunk = 1000;
  static constexpr int64_t kCountedPerChunk = 200000;

  Import(const Clock& clock, jobs::Service& jobs, customers::Service& customers,
         addresses::Service& addresses, moderation::Service& moderation, ImportFiles& uploads)
      : clock_(clock),
        jobs_(jobs),
        customers_(customers),
        addresses_(addresses),
        moderation_(moderation),
        uploads_(uploads) {}

  // Where error reports go (the uploads' folder). REQUIRES: before any import runs.
  void SetFolder(std::filesystem::path folder) { folder_ = std::move(folder); }

  // Checks the request against the file and queues the job. Errors: kInvalidArgument with field
  // errors (file_id, mapping, mapping[i], match_by).
  Result<jobs::Job> Start(const audit::Actor& actor, const std::string& actor_name,
                          const ImportRequest& request);
  jobs::Kind JobKind();

  // The error report of an import (any state, once it found an error). Errors: kNotFound
  // "import_errors_not_found".
  Result<ExportFile> ErrorsOf(const std::string& job_id);

 private:
  struct Seen;
  Result<jobs::ChunkOutcome> Chunk(db::Connection& tx, const jobs::Job& job);
  Result<jobs::ChunkOutcome> Count(const jobs::Job& job, nlohmann::json at);
  Result<jobs::ChunkOutcome> Rows(db::Connection& tx, const jobs::Job& job, nlohmann::json at);
  // The keys seen before `offset` in the file of `job`: kept from the last chunk, or read again.
  Result<std::shared_ptr<Seen>> SeenBefore(const jobs::Job& job, const nlohmann::json& at);
  std::filesystem::path ErrorsPath(const std::string& job_id) const;

  const Clock& clock_;
  jobs::Service& jobs_;
  customers::Service& customers_;
  addresses::Service& addresses_;
  moderation::Service& moderation_;
  ImportFiles& uploads_;
  std::filesystem::path folder_ = "./data/imports";
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Seen>> seen_;  // by job id
  // By job id: the checkpoint whose chunk runs carefully, after a row failed half-written.
  std::map<std::string, std::string> careful_;
};

}  // namespace clientele::flows
