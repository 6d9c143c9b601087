#include "flows/transfer/export.hpp"

#include <cstdio>
#include <set>
#include <system_error>

#include "core/durable_file.hpp"
#include "flows/transfer/columns.hpp"
#include "flows/transfer/log_sources.hpp"
#include "formats/csv.hpp"
#include "formats/html_table.hpp"
#include "formats/pdf_table.hpp"
#include "formats/xlsx_table.hpp"
#include "modules/settings/service.hpp"

namespace clientele::flows {
namespace {

using nlohmann::json;

// The list's paging is the export's own; every other list parameter is a filter (the list
// checks them).
const std::set<std::string> kPagingParameters = {"limit", "cursor", "include_total"};

struct FormatInfo {
  const char* name;
  const char* extension;
  const char* media_type;
  // Appended text, resumable from the file's length; else a writer held open by the job.
  bool appends;
  // Customers per chunk: a chunk holds the database's writer (its checkpoint commits with it),
  // so each stays well under a second: text at 10,000, spreadsheets and PDFs at 2,000.
  size_t rows_per_chunk;
};
constexpr FormatInfo kFormats[] = {
    {"csv", ".csv", "text/csv; charset=utf-8", true, 10000},
    {"html", ".html", "text/html; charset=utf-8", true, 10000},
    {"xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false,
     2000},
    {"pdf", ".pdf", "application/pdf", false, 2000},
};
static_assert(customers::Service::kMaxExportPage >= 10000);

const FormatInfo* FindFormat(const std::string& name) {
  for (const auto& f : kFormats) {
    if (name == f.name) return &f;
  }
  return nullptr;
}
const FormatInfo& FormatOf(const jobs::Job& job) {
  const FormatInfo* f = FindFormat(job.params.value("format", "csv"));
  return f ? *f : kFormats[0];
}

std::vector<const ExportColumn*> ColumnsOf(const json& keys) {
  std::vector<const ExportColumn*> out;
  for (const auto& k : keys) {
    if (const ExportColumn* c = FindExportColumn(k.get<std::string>())) out.push_back(c);
  }
  return out;
}

// "status: active · tag: vip", or "All customers" ("Everything" in a log).
std::string DescribeFilter(const json& filter, size_t ids, bool log = false) {
  if (ids > 0) return std::to_string(ids) + (ids == 1 ? " chosen customer" : " chosen customers");
  std::string out;
  for (const auto& [key, value] : filter.items()) {
    if (key == "sort") continue;
    if (!out.empty()) out += " · ";
    out += (key == "q" ? std::string("search") : key) + ": " + value.get<std::string>();
  }
  if (out.empty()) return log ? "Everything" : "All customers";
  return "Filter: " + out;
}

// The columns of a log export: those of the request in its order, else all.
std::vector<const LogColumn*> LogColumnsOf(const LogSource& source, const json& keys) {
  std::vector<const LogColumn*> out;
  for (const auto& c : source.columns) {
    if (keys.empty()) out.push_back(&c);
  }
  for (const auto& k : keys) {
    for (const auto& c : source.columns) {
      if (c.key == k.get<std::string>()) out.push_back(&c);
    }
  }
  return out;
}

}  // namespace

Result<jobs::Job> Export::Start(const audit::Actor& actor, const std::string& actor_name,
                                const ExportRequest& request) {
  std::vector<FieldError> errors;
  const LogSource* log = nullptr;
  if (request.source != "customers") {
    log = FindLogSource(request.source);
    if (!log) {
      errors.push_back({"source", "invalid_source", "Choose customers, wallet or audit."});
      return Error::Invalid("Some export settings are not valid.", errors);
    }
  }
  if (!FindFormat(request.format)) {
    errors.push_back({"format", "invalid_format", "Choose csv, xlsx, pdf or html."});
  }
  json columns = json::array();
  std::set<std::string> seen;
  for (size_t i = 0; i < request.columns.size(); ++i) {
    const std::string& key = request.columns[i];
    bool known = !log && FindExportColumn(key);
    for (size_t j = 0; log && j < log->columns.size(); ++j)
      known = known || log->columns[j].key == key;
    if (!known) {
      errors.push_back({"columns[" + std::to_string(i) + "]", "unknown_column",
                        "There is no column " + key + "."});
    } else if (seen.insert(key).second) {
      columns.push_back(key);
    }
  }
  if (request.columns.empty() && !log) {
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
  if (log && !request.ids.empty()) {
    errors.push_back({"ids", "not_for_source", "Only customers are chosen by id."});
  }
  if (request.ids.size() > kMaxIds) {
    errors.push_back(
        {"ids", "too_many",
         "Choose at most " + std::to_string(kMaxIds) + " customers, or export a filter."});
  }
  if (!errors.empty()) return Error::Invalid("Some export settings are not valid.", errors);

  // The filter's own errors, as "filter.<parameter>".
  auto in_filter = [](Error e) {
    for (auto& f : e.fields) f.field = "filter." + f.field;
    return e;
  };
  int64_t total = static_cast<int64_t>(request.ids.size());
  if (log) {
    if (Status checked = log->check(list.values); !checked.ok()) return in_filter(checked.error());
    Result<int64_t> matching =
        db_.Read([&](db::Connection& c) { return log->count(c, list.values); });
    if (!matching.ok()) return matching.error();
    total = *matching;
  } else if (request.ids.empty()) {
    Result<int64_t> matching = customers_.CountExact(list);
    if (!matching.ok()) return in_filter(matching.error());
    total = *matching;
  }
  Sweep();
  json params = {
      {"format", request.format}, {"columns", columns}, {"filter", filter}, {"ids", request.ids}};
  if (log) params["source"] = log->name;
  return jobs_.Start(actor, actor_name, kJob, params, total);
}

jobs::Kind Export::JobKind() {
  jobs::Kind kind;
  kind.permission = admins::Permission::kExportCustomers;
  kind.exclusive = false;
  kind.run_chunk = [this](db::Connection& tx, const jobs::Job& job) { return Chunk(tx, job); };
  kind.on_ended = [this](const jobs::Job& job) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      writers_.erase(job.public_id);
    }
    // A failed or cancelled export leaves no half file behind.
    if (job.state != jobs::JobState::kSucceeded) {
      std::error_code ec;
      std::filesystem::remove(PathOf(job), ec);
    }
  };
  return kind;
}

std::filesystem::path Export::PathOf(const jobs::Job& job) const {
  return folder_ / (job.public_id + FormatOf(job).extension);
}

namespace {

// What the chosen columns need read besides the profile: default addresses (a third of the
// read), tags, balances.
customers::store::ExportReads ReadsFor(const std::vector<const ExportColumn*>& columns) {
  customers::store::ExportReads reads;
  for (const ExportColumn* c : columns) {
    if (c->key.rfind("billing_", 0) == 0 || c->key.rfind("shipping_", 0) == 0) {
      reads.addresses = true;
    }
    if (c->key == "tags") reads.tags = true;
    if (c->key == "balance") reads.balances = true;
  }
  return reads;
}

// Hands the customers of one chunk to `each`: the next chosen ones, or the list after the
// checkpoint's cursor, streamed. Returns the checkpoint after them (without the file's length)
// and whether the export is done.
struct ChunkEnd {
  json next = json::object();
  int64_t rows = 0;
  bool finished = false;
};

Result<ChunkEnd> ReadChunk(db::Connection& tx, customers::Service& customers, const jobs::Job& job,
                           const json& at, size_t rows_per_chunk,
                           const customers::store::ExportReads& reads,
                           const customers::store::ExportSink& each) {
  ChunkEnd out;
  const json& ids = job.params["ids"];
  if (!ids.empty()) {
    size_t offset = at.value("offset", size_t{0});
    const size_t end = std::min(ids.size(), offset + rows_per_chunk);
    std::vector<customers::Customer> rows;
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
    std::map<int64_t, addresses::CustomerDefaults> defaults;
    if (reads.addresses) {
      ASSIGN_OR_RETURN(defaults, addresses::Service::ReadDefaults(tx, keys));
    }
    for (const auto& c : rows) {
      auto d = defaults.find(c.id);
      RETURN_IF_ERROR(each(c, d == defaults.end() ? nullptr : &d->second));
    }
    out.rows = static_cast<int64_t>(rows.size());
    out.next["offset"] = offset;
    out.finished = offset >= ids.size();
    return out;
  }
  customers::ListParams list;
  for (const auto& [key, value] : job.params["filter"].items()) {
    list.values[key] = value.get<std::string>();
  }
  list.values["limit"] = std::to_string(rows_per_chunk);
  if (at.contains("cursor")) list.values["cursor"] = at["cursor"].get<std::string>();
  const customers::store::ExportSink counted = [&](const customers::Customer& c,
                                                   const addresses::CustomerDefaults* d) {
    ++out.rows;
    return each(c, d);
  };
  ASSIGN_OR_RETURN(std::optional<std::string> next, customers.ExportEach(tx, list, reads, counted));
  out.finished = !next;
  if (next) out.next["cursor"] = *next;
  return out;
}

// Hands the log's next rows to `write` (the chosen columns of each), newest first, after the
// checkpoint's last id.
Result<ChunkEnd> ReadLogChunk(db::Connection& tx, const LogSource& log, const jobs::Job& job,
                              const json& at, size_t rows_per_chunk,
                              const std::vector<const LogColumn*>& columns,
                              const CellsSink& write) {
  std::map<std::string, std::string> filter;
  for (const auto& [key, value] : job.params["filter"].items()) {
    filter[key] = value.get<std::string>();
  }
  std::vector<size_t> picked;
  for (const LogColumn* c : columns) picked.push_back(static_cast<size_t>(c - &log.columns[0]));
  std::vector<std::string> cells(picked.size());
  const CellsSink chosen = [&](const std::vector<std::string>& all) {
    for (size_t i = 0; i < picked.size(); ++i) cells[i] = all.at(picked[i]);
    return write(cells);
  };
  std::optional<int64_t> before;
  if (at.contains("before_id")) before = at["before_id"].get<int64_t>();
  ASSIGN_OR_RETURN(LogChunk chunk,
                   log.read(tx, filter, before, static_cast<int>(rows_per_chunk), chosen));
  ChunkEnd out;
  out.rows = chunk.rows;
  out.finished = chunk.finished;
  if (chunk.last_id) out.next["before_id"] = *chunk.last_id;
  return out;
}

}  // namespace

// The writer of an XLSX or PDF export, open while its job runs on this node. `checkpoint` is the
// job's after the last chunk it wrote: a job whose checkpoint differs (resumed after a restart,
// or a chunk that did not commit) starts its file again.
struct Export::OpenWriter {
  std::string checkpoint;
  std::unique_ptr<formats::XlsxTable> xlsx;
  std::unique_ptr<formats::PdfTable> pdf;
};

Result<jobs::ChunkOutcome> Export::Chunk(db::Connection& tx, const jobs::Job& job) {
  const FormatInfo& format = FormatOf(job);
  const std::string name = format.name;
  const LogSource* log = FindLogSource(job.params.value("source", "customers"));
  std::vector<const ExportColumn*> columns;
  std::vector<const LogColumn*> log_columns;
  // The table's columns: keys head CSV files, labels the other formats.
  std::vector<std::string> headers;
  std::vector<bool> numeric;
  std::vector<double> widths;
  if (log) {
    log_columns = LogColumnsOf(*log, job.params["columns"]);
    for (const LogColumn* c : log_columns) {
      headers.push_back(name == "csv" ? c->key : c->label);
      numeric.push_back(c->numeric);
      widths.push_back(c->width);
    }
  } else {
    columns = ColumnsOf(job.params["columns"]);
    for (const ExportColumn* c : columns) {
      headers.push_back(name == "csv" ? c->key : c->label);
      numeric.push_back(c->numeric);
      widths.push_back(c->width);
    }
  }
  json at = job.checkpoint.empty() ? json::object() : json::parse(job.checkpoint, nullptr, false);
  if (at.is_discarded()) return Error::Internal("The export's checkpoint is damaged.");
  ASSIGN_OR_RETURN(settings::Settings settings, settings::Service::Read(tx));
  const ExportContext context{settings.currency};
  const std::string what = log ? log->title : "Customers";
  const std::string title =
      what + (settings.store_name.empty() ? "" : " of " + settings.store_name);
  const std::vector<std::string> lines = {
      DescribeFilter(job.params["filter"], job.params["ids"].size(), log != nullptr),
      "Exported " + FormatInstant(job.created_at - job.created_at % 1000000) + " by " +
          job.actor_name};

  std::shared_ptr<OpenWriter> writer;
  int64_t done = job.done;
  if (!format.appends) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = writers_.find(job.public_id);
    if (it != writers_.end() && it->second->checkpoint == job.checkpoint) writer = it->second;
  }
  if (!format.appends && !writer) {
    // Its first chunk, or a resumed job whose writer this node does not hold: from the start.
    at = json::object();
    done = 0;
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    writer = std::make_shared<OpenWriter>();
    if (name == "xlsx") {
      ASSIGN_OR_RETURN(writer->xlsx, formats::XlsxTable::Create(PathOf(job), what.substr(0, 31),
                                                                headers, numeric, folder_));
    } else {
      ASSIGN_OR_RETURN(writer->pdf,
                       formats::PdfTable::Create(PathOf(job), title, lines, headers, widths));
    }
    std::lock_guard<std::mutex> lock(mutex_);
    writers_[job.public_id] = writer;
  }

  std::string text;
  formats::CsvWriter csv;
  if (format.appends && job.checkpoint.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(folder_, ec);
    if (name == "csv") {
      csv.Row(headers);
    } else {
      text = formats::HtmlTableHead(title, lines, headers);
    }
  }
  const CellsSink write = [&](const std::vector<std::string>& cells) -> Status {
    if (name == "csv") {
      csv.Row(cells);
    } else if (name == "html") {
      text += formats::HtmlTableRow(cells);
    } else if (writer->xlsx) {
      RETURN_IF_ERROR(writer->xlsx->Row(cells));
    } else {
      RETURN_IF_ERROR(writer->pdf->Row(cells));
    }
    return OkStatus();
  };
  ChunkEnd page;
  if (log) {
    ASSIGN_OR_RETURN(page,
                     ReadLogChunk(tx, *log, job, at, format.rows_per_chunk, log_columns, write));
  } else {
    std::vector<std::string> cells(columns.size());
    const customers::store::ExportSink customer = [&](const customers::Customer& c,
                                                      const addresses::CustomerDefaults* own) {
      for (size_t i = 0; i < columns.size(); ++i) cells[i] = columns[i]->cell(c, own, context);
      return write(cells);
    };
    ASSIGN_OR_RETURN(page, ReadChunk(tx, customers_, job, at, format.rows_per_chunk,
                                     ReadsFor(columns), customer));
  }

  json next = page.next;
  if (format.appends) {
    if (name == "csv") text = csv.Take();
    if (page.finished && name == "html") text += formats::HtmlTableFoot();
    ASSIGN_OR_RETURN(int64_t length,
                     AppendDurably(PathOf(job), at.value("bytes", int64_t{0}), text));
    next["bytes"] = length;
  } else if (page.finished) {
    RETURN_IF_ERROR(writer->xlsx ? writer->xlsx->Close() : writer->pdf->Close());
  }

  jobs::ChunkOutcome out;
  out.checkpoint = next.dump();
  if (writer) writer->checkpoint = out.checkpoint;
  out.done = done + page.rows;
  out.finished = page.finished;
  out.total = page.finished ? out.done : std::max(job.total, out.done);
  out.result = {
      {"format", name},
      {"rows", out.done},
      {"file_name", (log ? log->file_stem : std::string("customers")) + "-" +
                        LocalDate(job.created_at, settings.time_zone) + format.extension}};
  if (page.finished) {
    std::error_code ec;
    out.result["bytes"] = static_cast<int64_t>(std::filesystem::file_size(PathOf(job), ec));
    out.result["download"] = "/api/admin/exports/" + job.public_id + "/file";
  }
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
  const FormatInfo& format = FormatOf(*job);
  return ExportFile{path,
                    job->result.value("file_name", std::string("customers") + format.extension),
                    format.media_type};
}

void Export::Sweep() const { RemoveFilesOlderThan(folder_, kKeepDays); }

}  // namespace clientele::flows
