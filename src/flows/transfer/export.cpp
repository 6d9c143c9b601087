#include "flows/transfer/export.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <set>
#include <system_error>

#include "flows/transfer/columns.hpp"
#include "formats/csv.hpp"
#include "formats/html_table.hpp"
#include "modules/settings/service.hpp"

namespace clientele::flows {
namespace {

using nlohmann::json;

// The list's paging is the export's own; every other list parameter is a filter (the list
// checks them).
const std::set<std::string> kPagingParameters = {"limit", "cursor", "include_total"};

const char* Extension(const std::string& format) { return format == "html" ? ".html" : ".csv"; }
const char* MediaType(const std::string& format) {
  return format == "html" ? "text/html; charset=utf-8" : "text/csv; charset=utf-8";
}

std::vector<const ExportColumn*> ColumnsOf(const json& keys) {
  std::vector<const ExportColumn*> out;
  for (const auto& k : keys) {
    if (const ExportColumn* c = FindExportColumn(k.get<std::string>())) out.push_back(c);
  }
  return out;
}

// "status: active · tag: vip", or "All customers".
std::string DescribeFilter(const json& filter, size_t ids) {
  if (ids > 0) return std::to_string(ids) + (ids == 1 ? " chosen customer" : " chosen customers");
  std::string out;
  for (const auto& [key, value] : filter.items()) {
    if (key == "sort") continue;
    if (!out.empty()) out += " · ";
    out += (key == "q" ? std::string("search") : key) + ": " + value.get<std::string>();
  }
  return out.empty() ? "All customers" : "Filter: " + out;
}

// Appends `text` to the file at `path` cut back to `length` bytes first (what the last committed
// chunk left), then makes it durable before the chunk commits. Returns the new length.
Result<int64_t> AppendDurably(const std::filesystem::path& path, int64_t length,
                              const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Internal("The export file cannot be written.");
  bool ok = ::ftruncate(fd, length) == 0 && ::lseek(fd, length, SEEK_SET) == length;
  size_t written = 0;
  while (ok && written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n <= 0) ok = false;
    written += n > 0 ? static_cast<size_t>(n) : 0;
  }
  ok = ok && ::fdatasync(fd) == 0;
  ::close(fd);
  if (!ok) return Error::Internal("The export file cannot be written (is the disk full?).");
  return length + static_cast<int64_t>(text.size());
}

}  // namespace

Result<jobs::Job> Export::Start(const audit::Actor& actor, const std::string& actor_name,
                                const ExportRequest& request) {
  std::vector<FieldError> errors;
  if (request.format != "csv" && request.format != "html") {
    errors.push_back({"format", "invalid_format", "Choose csv or html."});
  }
  json columns = json::array();
  std::set<std::string> seen;
  for (size_t i = 0; i < request.columns.size(); ++i) {
    const std::string& key = request.columns[i];
    if (!FindExportColumn(key)) {
      errors.push_back({"columns[" + std::to_string(i) + "]", "unknown_column",
                        "There is no column " + key + "."});
    } else if (seen.insert(key).second) {
      columns.push_back(key);
    }
  }
  if (request.columns.empty()) {
    for (const auto& c : ExportColumns()) {
      if (c.by_default) columns.push_back(c.key);
    }
  }
  json filter = json::object();
  customers::ListParams list;
  for (const auto& [key, value] : request.filter) {
    if (kPagingParameters.count(key)) {
      errors.push_back({"filter." + key, "unknown_parameter", "An export has no paging."});
      continue;
    }
    if (value.empty()) continue;
    filter[key] = value;
    list.values[key] = value;
  }
  if (request.ids.size() > kMaxIds) {
    errors.push_back(
        {"ids", "too_many",
         "Choose at most " + std::to_string(kMaxIds) + " customers, or export a filter."});
  }
  if (!errors.empty()) return Error::Invalid("Some export settings are not valid.", errors);

  int64_t total = static_cast<int64_t>(request.ids.size());
  if (request.ids.empty()) {
    Result<int64_t> matching = customers_.CountExact(list);
    if (!matching.ok()) {
      Error e = matching.error();
      for (auto& f : e.fields) f.field = "filter." + f.field;
      return e;
    }
    total = *matching;
  }
  Sweep();
  json params = {
      {"format", request.format}, {"columns", columns}, {"filter", filter}, {"ids", request.ids}};
  return jobs_.Start(actor, actor_name, kJob, params, total);
}

jobs::Kind Export::JobKind() {
  jobs::Kind kind;
  kind.permission = admins::Permission::kExportCustomers;
  kind.exclusive = false;
  kind.run_chunk = [this](db::Connection& tx, const jobs::Job& job) { return Chunk(tx, job); };
  kind.on_ended = [this](const jobs::Job& job) {
    // A failed or cancelled export leaves no half file behind.
    if (job.state != jobs::JobState::kSucceeded) {
      std::error_code ec;
      std::filesystem::remove(PathOf(job), ec);
    }
  };
  return kind;
}

std::filesystem::path Export::PathOf(const jobs::Job& job) const {
  return folder_ / (job.public_id + Extension(job.params.value("format", "csv")));
}

Result<jobs::ChunkOutcome> Export::Chunk(db::Connection& tx, const jobs::Job& job) {
  const std::string format = job.params.value("format", "csv");
  const std::vector<const ExportColumn*> columns = ColumnsOf(job.params["columns"]);
  const json& filter = job.params["filter"];
  const json& ids = job.params["ids"];
  const bool first = job.checkpoint.empty();
  const json at = first ? json::object() : json::parse(job.checkpoint, nullptr, false);
  if (at.is_discarded()) return Error::Internal("The export's checkpoint is damaged.");

  ASSIGN_OR_RETURN(settings::Settings settings, settings::Service::Read(tx));
  const ExportContext context{settings.currency};
  std::string text;
  formats::CsvWriter csv;
  if (first) {
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    std::vector<std::string> headers;
    for (const ExportColumn* c : columns) headers.push_back(format == "csv" ? c->key : c->label);
    if (format == "csv") {
      csv.Row(headers);
    } else {
      const std::string title =
          "Customers" + (settings.store_name.empty() ? "" : " of " + settings.store_name);
      text = formats::HtmlTableHead(
          title,
          {DescribeFilter(filter, ids.size()),
           "Exported " + FormatInstant(clock_.NowMicros()) + " by " + job.actor_name},
          headers);
    }
  }

  // This chunk's customers: a page of the list after the cursor, or the next chosen ones.
  std::vector<customers::Customer> rows;
  std::map<int64_t, addresses::CustomerDefaults> defaults;
  std::string cursor;
  size_t offset = at.value("offset", size_t{0});
  bool finished = false;
  if (!ids.empty()) {
    const size_t end = std::min(ids.size(), offset + customers::Service::kMaxExportPage);
    std::vector<int64_t> keys;
    for (; offset < end; ++offset) {
      Result<customers::Customer> c = customers::Service::Find(tx, ids[offset].get<std::string>());
      if (!c.ok()) {
        if (c.error().code == ErrorCode::kNotFound) continue;  // deleted or merged since
        return c.error();
      }
      keys.push_back(c->id);
      rows.push_back(std::move(*c));
    }
    ASSIGN_OR_RETURN(defaults, addresses::Service::ReadDefaults(tx, keys));
    finished = offset >= ids.size();
  } else {
    customers::ListParams list;
    for (const auto& [key, value] : filter.items()) list.values[key] = value.get<std::string>();
    list.values["limit"] = std::to_string(customers::Service::kMaxExportPage);
    if (at.contains("cursor")) list.values["cursor"] = at["cursor"].get<std::string>();
    ASSIGN_OR_RETURN(customers::Page page, customers_.ExportPage(tx, list));
    rows = std::move(page.items);
    defaults = std::move(page.defaults);
    finished = !page.next_cursor;
    if (page.next_cursor) cursor = *page.next_cursor;
  }

  std::vector<std::string> cells(columns.size());
  for (const auto& c : rows) {
    auto d = defaults.find(c.id);
    const addresses::CustomerDefaults* own = d == defaults.end() ? nullptr : &d->second;
    for (size_t i = 0; i < columns.size(); ++i) cells[i] = columns[i]->cell(c, own, context);
    if (format == "csv") {
      csv.Row(cells);
    } else {
      text += formats::HtmlTableRow(cells);
    }
  }
  if (format == "csv") text = csv.Take();
  if (finished && format == "html") text += formats::HtmlTableFoot();
  ASSIGN_OR_RETURN(int64_t length, AppendDurably(PathOf(job), at.value("bytes", int64_t{0}), text));

  jobs::ChunkOutcome out;
  json next = {{"bytes", length}};
  if (!cursor.empty()) next["cursor"] = cursor;
  if (!ids.empty()) next["offset"] = offset;
  out.checkpoint = next.dump();
  out.done = job.done + static_cast<int64_t>(rows.size());
  out.finished = finished;
  out.total = finished ? out.done : std::max(job.total, out.done);
  const std::string date = LocalDate(job.created_at, settings.time_zone);
  out.result = {{"format", format},
                {"rows", out.done},
                {"bytes", length},
                {"file_name", "customers-" + date + Extension(format)}};
  if (finished) out.result["download"] = "/api/admin/exports/" + job.public_id + "/file";
  return out;
}

Result<ExportFile> Export::FileOf(const std::string& job_id) {
  const Error gone = Error::NotFound("export_not_found",
                                     "There is no such export, it has not finished, or it has "
                                     "expired (exports are kept for 7 days).");
  Result<jobs::Job> job = jobs_.Get(job_id);
  if (!job.ok()) return job.error().code == ErrorCode::kNotFound ? gone : job.error();
  if (job->kind != kJob || job->state != jobs::JobState::kSucceeded) return gone;
  const std::filesystem::path path = PathOf(*job);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return gone;
  const std::string format = job->params.value("format", "csv");
  return ExportFile{path,
                    job->result.value("file_name", "customers" + std::string(Extension(format))),
                    MediaType(format)};
}

void Export::Sweep() const {
  std::error_code ec;
  const auto cutoff =
      std::filesystem::file_time_type::clock::now() - std::chrono::hours(24 * kKeepDays);
  for (auto it = std::filesystem::directory_iterator(folder_, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    std::error_code stat_error;
    if (it->is_regular_file(stat_error) && it->last_write_time(stat_error) < cutoff) {
      std::filesystem::remove(it->path(), stat_error);
    }
  }
}

}  // namespace clientele::flows
