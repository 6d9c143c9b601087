// Exports: a filtered customer list, chosen customers, the store credit history or the audit
// log (log_sources.hpp), written to a file in the
// exports folder by a job (kind customer_export), a page of customers per committed chunk, then
// downloaded. CSV and HTML files grow by appending, and each chunk records the length with the
// job's progress: after a crash the next chunk cuts the file back to that length and goes on, so
// a resumed export is whole and never holds a row twice. XLSX and PDF are written by a writer
// held open between chunks on the node that runs the job; a job resumed elsewhere (or after a
// restart) writes its file again from the first row. Files are kept for kKeepDays.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/service.hpp"
#include "modules/jobs/service.hpp"

namespace clientele::flows {

struct ExportRequest {
  std::string source = "customers";           // customers | wallet | audit (LogSource)
  std::string format;                         // csv | xlsx | pdf | html
  std::vector<std::string> columns;           // column keys; empty: the default ones
  std::map<std::string, std::string> filter;  // customer list parameters (q, status, …, sort)
  std::vector<std::string> ids;               // chosen customers (public ids), instead
};

struct ExportFile {
  std::filesystem::path path;
  std::string name;        // "customers-2026-12-03.csv"
  std::string media_type;  // "text/csv; charset=utf-8"
};

class Export {
 public:
  static constexpr const char* kJob = "customer_export";
  static constexpr int kKeepDays = 7;
  static constexpr size_t kMaxIds = 10000;

  Export(db::Database& db, const Clock& clock, jobs::Service& jobs, customers::Service& customers)
      : db_(db), clock_(clock), jobs_(jobs), customers_(customers) {}

  // Where the files go; created when missing. REQUIRES: before any export runs.
  void SetFolder(std::filesystem::path folder) { folder_ = std::move(folder); }

  // Checks the request and queues the job (its total: the customers matching now).
  // Errors: kInvalidArgument with field errors (format, columns[i], filter.<parameter>, ids).
  Result<jobs::Job> Start(const audit::Actor& actor, const std::string& actor_name,
                          const ExportRequest& request);
  jobs::Kind JobKind();

  // The file of a finished export. Errors: kNotFound "export_not_found" (no such export, not
  // finished, or expired).
  Result<ExportFile> FileOf(const std::string& job_id);

 private:
  Result<jobs::ChunkOutcome> Chunk(db::Connection& tx, const jobs::Job& job);
  std::filesystem::path PathOf(const jobs::Job& job) const;
  // Deletes the files of exports older than kKeepDays.
  void Sweep() const;

  db::Database& db_;
  const Clock& clock_;
  jobs::Service& jobs_;
  customers::Service& customers_;
  std::filesystem::path folder_ = "./data/exports";
  struct OpenWriter;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<OpenWriter>> writers_;  // by job id: XLSX and PDF
};

}  // namespace clientele::flows
