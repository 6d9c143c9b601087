#include "flows/transfer/import.hpp"

#include <cstdio>

#include "core/durable_file.hpp"
#include "db/savepoint.hpp"
#include "flows/transfer/import_pass.hpp"
#include "flows/transfer/import_row.hpp"
#include "formats/csv.hpp"
#include "formats/csv_reader.hpp"

namespace clientele::flows {
namespace {

using nlohmann::json;

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

// The uploaded file, open at byte `offset` (where a record starts).
Result<File> OpenAt(const std::filesystem::path& path, int64_t offset) {
  File file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) return Error::Internal("The uploaded file cannot be read.");
  if (offset > 0 && fseeko(file.get(), offset, SEEK_SET) != 0) {
    return Error::Internal("The uploaded file cannot be read.");
  }
  return file;
}

// A reader of `file` with the separator the upload's plan found.
formats::CsvReader ReaderOf(std::FILE* file, const jobs::Job& job) {
  const char separator = job.params["separator"].get<std::string>()[0];
  return formats::CsvReader([file](char* out, size_t max) { return std::fread(out, 1, max, file); },
                            separator);
}

// Why a file cannot be read on, in words, for the job's error.
std::string Unreadable(const std::string& code, int64_t row) {
  const std::string where = " in row " + std::to_string(row) + ". Nothing was imported.";
  if (code == "unterminated_quote")
    return "The file ends inside a quoted field that begins" + where;
  if (code == "field_too_long") return "A field is longer than 1 MiB" + where;
  if (code == "too_many_fields") return "A row has more than 1,000 fields" + where;
  return "The file cannot be read" + where;
}

std::vector<std::string> Strings(const json& list) {
  std::vector<std::string> out;
  for (const auto& v : list) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

// The match keys of the rows read so far in one pass.
struct Import::Seen {
  std::string phase;
  int64_t offset = -1;  // the file's byte the keys are complete up to
  SeenKeys rows;
};

Result<jobs::Job> Import::Start(const audit::Actor& actor, const std::string& actor_name,
                                const ImportRequest& request) {
  Result<ImportFile> file = uploads_.Get(request.file_id);
  if (!file.ok() || !file->complete) {
    return Error::Invalid("Some import settings are not valid.",
                          {{"file_id", "import_file_not_found",
                            file.ok() ? "The file has not been uploaded whole yet."
                                      : "There is no such upload (uploads are kept for 7 days)."}});
  }
  std::vector<FieldError> errors;
  if (file->problem) {
    errors.push_back({"file_id", "unreadable_file", "The file cannot be read: " + *file->problem});
  }
  if (request.match_by != "email" && request.match_by != "id") {
    errors.push_back({"match_by", "invalid_match_by", "Find customers by email or id."});
  }
  for (FieldError& e : CheckMapping(file->plan.columns.size(), request.mapping)) {
    errors.push_back(std::move(e));
  }
  const std::string key = request.match_by == "id" ? "id" : "email";
  if (errors.empty() &&
      std::find(request.mapping.begin(), request.mapping.end(), key) == request.mapping.end()) {
    errors.push_back({"mapping", "no_key",
                      key == "id" ? "Choose the column of customer ids, or find customers by "
                                    "e-mail."
                                  : "Choose the column of e-mail addresses, or find customers "
                                    "by id."});
  }
  if (!errors.empty()) return Error::Invalid("Some import settings are not valid.", errors);
  json headers = json::array();
  for (const auto& c : file->plan.columns) headers.push_back(c.header);
  json params = {{"file_id", request.file_id},
                 {"file_format", file->plan.format},
                 {"file_format_name", file->plan.format_name},
                 {"separator", std::string(1, file->separator)},
                 {"headers", headers},
                 {"mapping", request.mapping},
                 {"dry_run", request.dry_run},
                 {"all_or_nothing", request.all_or_nothing},
                 {"match_by", request.match_by}};
  return jobs_.Start(actor, actor_name, kJob, params, 0);
}

jobs::Kind Import::JobKind() {
  jobs::Kind kind;
  kind.permission = admins::Permission::kImportCustomers;
  // Two imports at once would race for the same e-mail addresses.
  kind.exclusive = true;
  kind.run_chunk = [this](db::Connection& tx, const jobs::Job& job) { return Chunk(tx, job); };
  kind.on_ended = [this](const jobs::Job& job) {
    std::lock_guard<std::mutex> lock(mutex_);
    seen_.erase(job.public_id);
    careful_.erase(job.public_id);
  };
  return kind;
}

std::filesystem::path Import::ErrorsPath(const std::string& job_id) const {
  return folder_ / (job_id + ".errors.csv");
}

Result<ExportFile> Import::ErrorsOf(const std::string& job_id) {
  const Error gone = Error::NotFound("import_errors_not_found",
                                     "There is no such import, it found no error, or its report "
                                     "has expired (reports are kept for 7 days).");
  Result<jobs::Job> job = jobs_.Get(job_id);
  if (!job.ok()) return job.error().code == ErrorCode::kNotFound ? gone : job.error();
  if (job->kind != kJob) return gone;
  const std::filesystem::path path = ErrorsPath(job->public_id);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return gone;
  return ExportFile{path, "import-errors-" + job->public_id + ".csv", "text/csv; charset=utf-8"};
}

Result<jobs::ChunkOutcome> Import::Chunk(db::Connection& tx, const jobs::Job& job) {
  json at = job.checkpoint.empty() ? json::object() : json::parse(job.checkpoint, nullptr, false);
  if (at.is_discarded()) return Error::Internal("The import's checkpoint is damaged.");
  const std::string phase = at.value("phase", "count");
  if (phase == "count") return Count(job, std::move(at));
  if (phase == "refused") {
    const int64_t rows = job.result.value("skipped", int64_t{0});
    return Error::Precondition("import_refused",
                               "Nothing was imported: " + std::to_string(rows) +
                                   (rows == 1 ? " row has" : " rows have") +
                                   " mistakes (see the error report). Correct them, or import "
                                   "without all-or-nothing to skip them.");
  }
  return Rows(tx, job, std::move(at));
}

// The first pass: reads the whole file once, so that one that breaks off fails before anything
// is written, and counts its rows for the progress bar.
Result<jobs::ChunkOutcome> Import::Count(const jobs::Job& job, json at) {
  ASSIGN_OR_RETURN(std::filesystem::path path,
                   uploads_.PathOf(job.params["file_id"].get<std::string>()));
  const int64_t offset = at.value("offset", int64_t{0});
  int64_t rows = at.value("rows", int64_t{0});
  int64_t data = at.value("data", int64_t{0});
  ASSIGN_OR_RETURN(File file, OpenAt(path, offset));
  formats::CsvReader reader = ReaderOf(file.get(), job);
  std::vector<std::string> cells;
  if (offset == 0) {
    if (!reader.Next(cells)) return Error::Precondition("empty_file", "The file has no header.");
    data = static_cast<int64_t>(reader.bytes_read());
  }
  bool finished = false;
  for (int64_t n = 0; n < kCountedPerChunk; ++n) {
    if (!reader.Next(cells)) {
      if (reader.error()) return Error::Invalid(Unreadable(*reader.error(), rows + 2));
      finished = true;
      break;
    }
    ++rows;
  }
  jobs::ChunkOutcome out;
  out.result = {{"dry_run", job.params["dry_run"]}, {"phase", "count"}, {"rows", 0}};
  if (!finished) {
    out.checkpoint = json{
        {"phase", "count"},
        {"offset", offset + static_cast<int64_t>(reader.bytes_read())},
        {"rows", rows},
        {"data", data}}.dump();
    return out;
  }
  const bool check_first =
      job.params["all_or_nothing"].get<bool>() && !job.params["dry_run"].get<bool>();
  out.total = rows * (check_first ? 2 : 1);
  out.checkpoint = json{
      {"phase", check_first ? "check" : "apply"},
      {"offset", data},
      {"data", data},
      {"row", 2},
      {"file_rows", rows},
      {"errors_bytes",
       0}}.dump();
  out.result["phase"] = check_first ? "check" : "apply";
  out.result["file_rows"] = rows;
  return out;
}

Result<std::shared_ptr<Import::Seen>> Import::SeenBefore(const jobs::Job& job, const json& at) {
  const std::string phase = at["phase"].get<std::string>();
  const int64_t offset = at["offset"].get<int64_t>(), data = at["data"].get<int64_t>();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = seen_.find(job.public_id);
    if (it != seen_.end() && it->second->phase == phase && it->second->offset == offset) {
      return it->second;
    }
  }
  // Resumed here, or the last chunk did not commit: read the keys again up to the checkpoint.
  auto seen = std::make_shared<Seen>();
  seen->phase = phase;
  seen->offset = offset;
  ASSIGN_OR_RETURN(std::filesystem::path path,
                   uploads_.PathOf(job.params["file_id"].get<std::string>()));
  ASSIGN_OR_RETURN(File file, OpenAt(path, data));
  formats::CsvReader reader = ReaderOf(file.get(), job);
  const std::vector<std::string> targets = Strings(job.params["mapping"]);
  const bool by_id = job.params["match_by"] == "id";
  std::vector<std::string> cells;
  for (int64_t row = 2; data + static_cast<int64_t>(reader.bytes_read()) < offset; ++row) {
    if (!reader.Next(cells)) break;
    const std::string key = MatchKey(targets, cells, by_id);
    if (!key.empty()) seen->rows.emplace(HashOfKey(key), row);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  seen_[job.public_id] = seen;
  return seen;
}

Result<jobs::ChunkOutcome> Import::Rows(db::Connection& tx, const jobs::Job& job, json at) {
  const std::string phase = at["phase"].get<std::string>();
  const int64_t offset = at["offset"].get<int64_t>();
  const bool undo = job.params["dry_run"].get<bool>() || phase == "check";
  ASSIGN_OR_RETURN(std::shared_ptr<Seen> seen, SeenBefore(job, at));
  ASSIGN_OR_RETURN(std::filesystem::path path,
                   uploads_.PathOf(job.params["file_id"].get<std::string>()));
  ImportSettings settings;
  settings.headers = Strings(job.params["headers"]);
  settings.targets = Strings(job.params["mapping"]);
  settings.by_id = job.params["match_by"] == "id";
  settings.addresses_only = job.params["file_format"] == "magento_customer_address";
  if (job.params["file_format"] == "woocommerce_customers") {
    settings.guest_unless = "custom_fields.username";
  }
  settings.now = clock_.NowMicros();
  settings.actor.type = job.actor_type;
  settings.actor.id = job.actor_id;

  int64_t row = 0, next_offset = offset, rows_done = 0;
  bool finished = false;
  // Reads the chunk's rows from the checkpoint on, each written by `pass`.
  auto run = [&](ImportPass& pass) -> Status {
    ASSIGN_OR_RETURN(File file, OpenAt(path, offset));
    formats::CsvReader reader = ReaderOf(file.get(), job);
    row = at["row"].get<int64_t>();
    rows_done = 0;
    std::vector<std::string> cells;
    for (;;) {
      const int64_t before = offset + static_cast<int64_t>(reader.bytes_read());
      if (!reader.Next(cells)) {
        if (reader.error()) return Error::Invalid(Unreadable(*reader.error(), row));
        finished = true;
        next_offset = before;
        return OkStatus();
      }
      // A chunk ends before a customer's row, never between a customer and its address rows.
      if (rows_done >= kRowsPerChunk && !ReadImportRow(settings.targets, cells).continuation) {
        next_offset = before;
        return OkStatus();
      }
      RETURN_IF_ERROR(pass.Row(row, cells));
      ++row;
      ++rows_done;
    }
  };
  const ImportServices services{customers_, addresses_, moderation_};
  // The chunk's writes stay unless this pass only checks.
  std::optional<ImportPass> pass;
  bool careful = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = careful_.find(job.public_id);
    careful = it != careful_.end() && it->second == job.checkpoint;
  }
  // A savepoint around the chunk only to undo it: while one is open, SQLite journals every
  // statement's pages a second time, which made an import twice as slow.
  auto attempt = [&](bool carefully) -> Status {
    pass.emplace(services, tx, settings, seen->rows, ImportCounts::Of(job.result), carefully);
    auto rows = [&]() -> Status {
      RETURN_IF_ERROR(run(*pass));
      return pass->IndexCreated();
    };
    return undo ? db::InSavepoint(tx, "import_chunk", false, rows) : rows();
  };
  Status chunk = attempt(careful);
  if (!chunk.ok() && pass->needs_care()) {
    // A row failed half-written: the chunk again, each row in a savepoint of its own; here
    // when the savepoint undid it, else in a transaction of its own.
    pass->ForgetKeys();
    if (!undo) {
      std::lock_guard<std::mutex> lock(mutex_);
      careful_[job.public_id] = job.checkpoint;
      return Error{ErrorCode::kUnavailable, jobs::kChunkAgain, chunk.error().message, {}};
    }
    chunk = attempt(true);
  }
  RETURN_IF_ERROR(chunk);
  seen->offset = next_offset;

  int64_t errors_bytes = at.value("errors_bytes", int64_t{0});
  std::string text = pass->TakeReport();
  if (!text.empty()) {
    if (errors_bytes == 0) {
      formats::CsvWriter head;
      head.Row({"row", "column", "value", "message"});
      text = head.Take() + text;
    }
    ASSIGN_OR_RETURN(errors_bytes, AppendDurably(ErrorsPath(job.public_id), errors_bytes, text));
  }

  const ImportCounts& c = pass->counts();
  jobs::ChunkOutcome out;
  out.done = job.done + rows_done;
  out.total = std::max(job.total, out.done);
  out.result = {{"dry_run", job.params["dry_run"]},
                {"phase", phase},
                {"file_rows", at.value("file_rows", int64_t{0})},
                {"rows", c.rows},
                {"created", c.created},
                {"updated", c.updated},
                {"unchanged", c.unchanged},
                {"skipped", c.skipped},
                {"errors", c.errors}};
  if (c.errors > 0)
    out.result["errors_download"] = "/api/admin/imports/" + job.public_id + "/errors";
  json next = at;
  next["offset"] = next_offset;
  next["row"] = row;
  next["errors_bytes"] = errors_bytes;
  if (finished && phase == "check") {
    if (c.errors > 0) {
      next["phase"] = "refused";  // the next chunk fails the job, keeping this one's report
    } else {
      // No mistake: the same rows again, written this time.
      next["phase"] = "apply";
      next["offset"] = at["data"];
      next["row"] = 2;
      out.result = {{"dry_run", false},
                    {"phase", "apply"},
                    {"file_rows", at.value("file_rows", int64_t{0})},
                    {"rows", 0}};
    }
    finished = false;
  }
  out.checkpoint = next.dump();
  out.finished = finished;
  return out;
}

}  // namespace clientele::flows
