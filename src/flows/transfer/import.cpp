#include "flows/transfer/import.hpp"

#include <cstdio>
#include <functional>
#include <set>
#include <unordered_map>

#include "core/durable_file.hpp"
#include "core/text.hpp"
#include "db/savepoint.hpp"
#include "flows/transfer/import_row.hpp"
#include "formats/csv.hpp"
#include "formats/csv_reader.hpp"
#include "modules/groups/service.hpp"

namespace clientele::flows {
namespace {

using customers::AccountStatus;
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

formats::CsvReader ReaderOf(std::FILE* file, char separator) {
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

uint64_t HashOf(const std::string& key) { return std::hash<std::string>{}(key); }

enum class Outcome { kCreated, kUpdated, kUnchanged, kSkipped };

// The counts of one pass, kept in the job's result.
struct Counts {
  int64_t rows = 0, created = 0, updated = 0, unchanged = 0, skipped = 0, errors = 0;

  static Counts Of(const json& result) {
    Counts c;
    c.rows = result.value("rows", int64_t{0});
    c.created = result.value("created", int64_t{0});
    c.updated = result.value("updated", int64_t{0});
    c.unchanged = result.value("unchanged", int64_t{0});
    c.skipped = result.value("skipped", int64_t{0});
    c.errors = result.value("errors", int64_t{0});
    return c;
  }
  int64_t& of(Outcome o) {
    switch (o) {
      case Outcome::kCreated:
        return created;
      case Outcome::kUpdated:
        return updated;
      case Outcome::kUnchanged:
        return unchanged;
      case Outcome::kSkipped:
        break;
    }
    return skipped;
  }
};

// Whether an error is the row's (reported, the import goes on) or the store's (the job fails).
bool IsRowError(const Error& e) {
  return e.code != ErrorCode::kInternal && e.code != ErrorCode::kUnavailable;
}

}  // namespace

// The match keys of the rows read so far in one pass, with the row each was first seen on.
struct Import::Seen {
  std::string phase;
  int64_t offset = -1;  // the file's byte the keys are complete up to
  std::unordered_map<uint64_t, int64_t> rows;
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
  formats::CsvReader reader = ReaderOf(file.get(), job.params["separator"].get<std::string>()[0]);
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
  formats::CsvReader reader = ReaderOf(file.get(), job.params["separator"].get<std::string>()[0]);
  const std::vector<std::string> targets = Strings(job.params["mapping"]);
  const bool by_id = job.params["match_by"] == "id";
  std::vector<std::string> cells;
  for (int64_t row = 2; data + static_cast<int64_t>(reader.bytes_read()) < offset; ++row) {
    if (!reader.Next(cells)) break;
    const std::string key = MatchKey(targets, cells, by_id);
    if (!key.empty()) seen->rows.emplace(HashOf(key), row);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  seen_[job.public_id] = seen;
  return seen;
}

// One chunk of rows of the check or apply pass.
struct Import::Pass {
  Pass(Import& import, db::Connection& tx, const std::vector<std::string>& headers,
       const std::vector<std::string>& targets, Seen& seen)
      : import(import), tx(tx), headers(headers), targets(targets), seen(seen) {}

  Import& import;
  db::Connection& tx;
  const std::vector<std::string>& headers;
  const std::vector<std::string>& targets;
  Seen& seen;
  bool by_id = false;
  bool addresses_only = false;  // a file of addresses of customers the store has
  int64_t now = 0;
  audit::Actor actor;
  Counts counts;
  formats::CsvWriter report;
  std::map<std::string, std::optional<std::string>> groups;  // by name: the group's public id
  // The customer of the last row that was not an address row, for the address rows after it.
  std::string previous_customer;
  Outcome previous_outcome = Outcome::kSkipped;

  Status Row(int64_t row, const std::vector<std::string>& cells);

 private:
  void Report(int64_t row, std::optional<size_t> column, const std::vector<std::string>& cells,
              const std::string& message);
  void ReportError(int64_t row, const Error& e, const ImportRow& r, const ImportedAddress* address,
                   const std::vector<std::string>& cells);
  Result<std::string> GroupId(const std::string& name);
  // Adds the row's addresses the customer does not have yet; whether any was added.
  Result<bool> AddAddresses(const std::string& customer_id, const ImportRow& r,
                            const ImportedAddress** failed);
  Result<Outcome> Write(const ImportRow& r, const std::optional<customers::Customer>& existing,
                        const std::string& preferred_id, const ImportedAddress** failed);
};

void Import::Pass::Report(int64_t row, std::optional<size_t> column,
                          const std::vector<std::string>& cells, const std::string& message) {
  const bool known = column && *column < headers.size();
  report.Row({std::to_string(row), known ? headers[*column] : "",
              known && *column < cells.size() ? cells[*column] : "", message});
  ++counts.errors;
}

void Import::Pass::ReportError(int64_t row, const Error& e, const ImportRow& r,
                               const ImportedAddress* address,
                               const std::vector<std::string>& cells) {
  if (e.fields.empty()) return Report(row, std::nullopt, cells, e.message);
  for (const FieldError& f : e.fields) {
    const std::string field = f.field == "group_id" ? "group" : f.field;
    // The address's own column, else the customer's; a customer's country taken from its
    // address is the address's column.
    std::optional<size_t> column;
    for (const auto* columns : {address ? &address->columns : nullptr, &r.columns,
                                r.addresses.empty() ? nullptr : &r.addresses[0].columns}) {
      if (!columns) continue;
      auto it = columns->find(field);
      if (it != columns->end()) {
        column = it->second;
        break;
      }
    }
    Report(row, column, cells, f.message);
  }
}

Result<std::string> Import::Pass::GroupId(const std::string& name) {
  auto it = groups.find(name);
  if (it == groups.end()) {
    ASSIGN_OR_RETURN(std::optional<groups::Group> g, groups::Service::FindGroupByName(tx, name));
    it = groups.emplace(name, g ? std::optional(g->public_id) : std::nullopt).first;
  }
  if (!it->second) {
    return Error::Invalid("", {{"group", "unknown_group",
                                "There is no group " + name + " in the store; create it first."}});
  }
  return *it->second;
}

Result<bool> Import::Pass::AddAddresses(const std::string& customer_id, const ImportRow& r,
                                        const ImportedAddress** failed) {
  bool added_any = false;
  for (const ImportedAddress& a : r.addresses) {
    bool added = false;
    Result<addresses::Address> stored = import.addresses_.AddInTransaction(
        tx, actor, customer_id, a.patch, now, addresses::Service::Repeat::kKeepExisting, &added);
    if (!stored.ok()) {
      *failed = &a;
      return stored.error();
    }
    added_any = added_any || added;
  }
  return added_any;
}

Result<Outcome> Import::Pass::Write(const ImportRow& r,
                                    const std::optional<customers::Customer>& existing,
                                    const std::string& preferred_id,
                                    const ImportedAddress** failed) {
  customers::Patch patch = r.fields;
  if (r.group) {
    ASSIGN_OR_RETURN(std::string group_id, GroupId(*r.group));
    patch.group_id = group_id;
  }
  if (!existing) {
    if (r.status == AccountStatus::kBanned) {
      return Error::Invalid("", {{"status", "banned",
                                  "Ban customers in the store, with a reason; import them as "
                                  "inactive."}});
    }
    customers::NewCustomer input;
    input.kind = r.kind.value_or(customers::Kind::kRegistered);
    input.status = r.status.value_or(AccountStatus::kActive);
    input.registered_at = r.registered_at;
    input.public_id = preferred_id;
    input.audit_action = "customer.imported";
    input.fields = patch;
    if (!patch.country && !r.addresses.empty()) input.fields.country = r.addresses[0].patch.country;
    ASSIGN_OR_RETURN(customers::Customer created,
                     import.customers_.CreateInTransaction(tx, actor, input, now));
    previous_customer = created.public_id;
    RETURN_IF_ERROR(AddAddresses(created.public_id, r, failed));
    return Outcome::kCreated;
  }

  const customers::Customer& current = *existing;
  if (current.status == AccountStatus::kBanned && r.status && *r.status != current.status) {
    return Error::Invalid("", {{"status", "customer_banned",
                                "This customer is banned in the store; lift the ban in the "
                                "profile."}});
  }
  // Custom fields and tags the file names are added to the customer's own.
  if (patch.custom_fields) {
    std::map<std::string, std::string> merged = current.custom_fields;
    for (const auto& [key, value] : *patch.custom_fields) merged[key] = value;
    patch.custom_fields = merged;
  }
  bool tags_change = false;
  if (patch.tags) {
    std::set<std::string> keys;
    for (const auto& t : current.tags) keys.insert(NormalizeForSearch(t));
    std::vector<std::string> merged = current.tags;
    for (const auto& t : *patch.tags) {
      if (keys.insert(NormalizeForSearch(t)).second) merged.push_back(t);
    }
    tags_change = merged.size() != current.tags.size();
    patch.tags = merged;
  }
  // Only what differs is written: an unchanged row leaves the customer's version as it was.
  customers::Customer next = current;
  RETURN_IF_ERROR(customers::ApplyPatch(patch, next));
  bool changed = tags_change || !customers::Service::Changes(current, next).empty() ||
                 (patch.group_id && *patch.group_id != current.group_public_id);
  customers::Customer now_is = current;
  if (changed) {
    ASSIGN_OR_RETURN(now_is, import.customers_.UpdateInTransaction(tx, actor, current.public_id,
                                                                   patch, std::nullopt, now));
  }
  if (r.status && *r.status != now_is.status) {
    ASSIGN_OR_RETURN(
        now_is, import.customers_.ChangeStatusInTransaction(tx, actor, now_is, *r.status, now));
    changed = true;
  }
  previous_customer = current.public_id;
  ASSIGN_OR_RETURN(bool added, AddAddresses(current.public_id, r, failed));
  return changed || added ? Outcome::kUpdated : Outcome::kUnchanged;
}

Status Import::Pass::Row(int64_t row, const std::vector<std::string>& cells) {
  ++counts.rows;
  const ImportRow r = ReadImportRow(targets, cells);
  if (r.blank) return OkStatus();
  const ImportedAddress* failed = nullptr;
  if (r.continuation) {
    if (previous_customer.empty()) {
      Report(row, std::nullopt, cells,
             previous_outcome == Outcome::kSkipped && row > 2
                 ? "The customer of the row before was not imported, so neither is this address."
                 : "An address without a customer: the rows before it name none.");
      ++counts.skipped;
      return OkStatus();
    }
    Result<bool> added = false;
    Status written = db::InSavepoint(tx, "import_row", true, [&]() -> Status {
      added = AddAddresses(previous_customer, r, &failed);
      return added.ok() ? OkStatus() : Status(added.error());
    });
    if (!written.ok()) {
      if (!IsRowError(written.error())) return written;
      ReportError(row, written.error(), r, failed, cells);
      ++counts.skipped;
    } else if (*added && previous_outcome == Outcome::kUnchanged) {
      --counts.unchanged;
      ++counts.updated;
      previous_outcome = Outcome::kUpdated;
    }
    return OkStatus();
  }

  previous_customer.clear();
  previous_outcome = Outcome::kSkipped;
  const std::string key = MatchKey(targets, cells, by_id);
  if (!key.empty()) {
    auto [first, fresh] = seen.rows.emplace(HashOf(key), row);
    if (!fresh) {
      const size_t column =
          r.columns.count(by_id ? "id" : "email") ? r.columns.at(by_id ? "id" : "email") : 0;
      Report(row, column, cells,
             std::string(by_id ? "The same id" : "The same e-mail address") + " as row " +
                 std::to_string(first->second) + ": only the first is imported.");
      ++counts.skipped;
      return OkStatus();
    }
  }
  if (!r.errors.empty()) {
    for (const CellError& e : r.errors) Report(row, e.column, cells, e.message);
    ++counts.skipped;
    return OkStatus();
  }

  std::optional<customers::Customer> existing;
  std::string preferred_id = r.id.value_or("");
  if (r.id) {
    Result<customers::Customer> found = customers::Service::Find(tx, *r.id);
    if (found.ok()) {
      if (by_id) existing = std::move(*found);
      preferred_id.clear();  // the id is someone's already
    } else if (found.error().code != ErrorCode::kNotFound) {
      return found.error();
    }
  }
  if (!by_id && !key.empty()) {
    for (customers::Kind kind : {customers::Kind::kRegistered, customers::Kind::kGuest}) {
      ASSIGN_OR_RETURN(existing, customers::Service::FindByEmailKey(tx, key, kind));
      if (existing) break;
    }
  }
  if (addresses_only && !existing) {
    Report(row, r.columns.count("email") ? std::optional(r.columns.at("email")) : std::nullopt,
           cells, "No customer has this e-mail address: import the customer file first.");
    ++counts.skipped;
    return OkStatus();
  }

  Result<Outcome> outcome = Outcome::kSkipped;
  Status written = db::InSavepoint(tx, "import_row", true, [&]() -> Status {
    outcome = Write(r, existing, preferred_id, &failed);
    return outcome.ok() ? OkStatus() : Status(outcome.error());
  });
  if (!written.ok()) {
    if (!IsRowError(written.error())) return written;
    ReportError(row, written.error(), r, failed, cells);
    previous_customer.clear();
    ++counts.skipped;
    return OkStatus();
  }
  previous_outcome = *outcome;
  ++counts.of(*outcome);
  return OkStatus();
}

Result<jobs::ChunkOutcome> Import::Rows(db::Connection& tx, const jobs::Job& job, json at) {
  const std::string phase = at["phase"].get<std::string>();
  const int64_t offset = at["offset"].get<int64_t>();
  int64_t row = at["row"].get<int64_t>();
  const bool undo = job.params["dry_run"].get<bool>() || phase == "check";
  ASSIGN_OR_RETURN(std::shared_ptr<Seen> seen, SeenBefore(job, at));
  ASSIGN_OR_RETURN(std::filesystem::path path,
                   uploads_.PathOf(job.params["file_id"].get<std::string>()));
  ASSIGN_OR_RETURN(File file, OpenAt(path, offset));
  formats::CsvReader reader = ReaderOf(file.get(), job.params["separator"].get<std::string>()[0]);

  const std::vector<std::string> headers = Strings(job.params["headers"]);
  const std::vector<std::string> targets = Strings(job.params["mapping"]);
  Pass pass(*this, tx, headers, targets, *seen);
  pass.by_id = job.params["match_by"] == "id";
  pass.addresses_only = job.params["file_format"] == "magento_customer_address";
  pass.now = clock_.NowMicros();
  pass.actor.type = job.actor_type;
  pass.actor.id = job.actor_id;
  pass.counts = Counts::Of(job.result);

  int64_t next_offset = offset;
  bool finished = false;
  int64_t rows_done = 0;
  std::vector<std::string> cells;
  // The chunk's writes stay unless this pass only checks; each row's are undone on its mistake.
  Status chunk = db::InSavepoint(tx, "import_chunk", !undo, [&]() -> Status {
    for (;;) {
      const int64_t before = offset + static_cast<int64_t>(reader.bytes_read());
      if (!reader.Next(cells)) {
        if (reader.error()) return Error::Invalid(Unreadable(*reader.error(), row));
        finished = true;
        next_offset = before;
        return OkStatus();
      }
      // A chunk ends before a customer's row, never between a customer and its address rows.
      if (rows_done >= kRowsPerChunk && !ReadImportRow(targets, cells).continuation) {
        next_offset = before;
        return OkStatus();
      }
      RETURN_IF_ERROR(pass.Row(row, cells));
      ++row;
      ++rows_done;
    }
  });
  RETURN_IF_ERROR(chunk);
  seen->offset = next_offset;

  int64_t errors_bytes = at.value("errors_bytes", int64_t{0});
  std::string text = pass.report.Take();
  if (!text.empty()) {
    if (errors_bytes == 0) {
      formats::CsvWriter head;
      head.Row({"row", "column", "value", "message"});
      text = head.Take() + text;
    }
    ASSIGN_OR_RETURN(errors_bytes, AppendDurably(ErrorsPath(job.public_id), errors_bytes, text));
  }

  const Counts& c = pass.counts;
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
