#include "modules/audit/service.hpp"

#include "core/cursor.hpp"
#include "core/time.hpp"
#include "formats/csv.hpp"

namespace clientele::audit {

Result<EventFilter> Service::Parse(const std::map<std::string, std::string>& params,
                                   bool allow_filters) {
  EventFilter f;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    const bool filter =
        name == "actor" || name == "action" || name == "customer" || name == "from" || name == "to";
    if (filter && !allow_filters) {
      errors.push_back({name, "unknown_parameter", "This parameter is not known here."});
    } else if (name == "actor") {
      f.actor_id = value;
    } else if (name == "action") {
      f.action = value;
    } else if (name == "customer") {
      f.target_type = "customer";
      f.target_id = value;
    } else if (name == "from" || name == "to") {
      auto t = ParseInstant(value, name);
      if (!t.ok())
        errors.push_back(t.error().fields.at(0));
      else
        (name == "from" ? f.from : f.to) = *t;
    } else if (name == "limit") {
      if (auto limit = ReadPageSize(value, kMaxPageSize, errors)) f.limit = *limit;
    } else if (name == "cursor") {
      if (auto c = ReadCursor(value, "audit", errors)) f.before_id = c->id;
    } else {
      errors.push_back({name, "unknown_parameter", "This parameter is not known."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some parameters are not valid.", errors);
  return f;
}

Result<EventPage> Service::Run(const EventFilter& filter) {
  EventFilter f = filter;
  f.limit = filter.limit + 1;
  ASSIGN_OR_RETURN(std::vector<EventView> rows,
                   db_.Read([&](db::Connection& c) { return ListEvents(c, f); }));
  EventPage page;
  if (static_cast<int>(rows.size()) > filter.limit) {
    rows.resize(filter.limit);
    page.next_cursor = EncodeCursor({"audit", rows.back().id, rows.back().id});
  }
  page.items = std::move(rows);
  return page;
}

Result<EventPage> Service::List(const std::map<std::string, std::string>& params) {
  ASSIGN_OR_RETURN(EventFilter f, Parse(params, true));
  return Run(f);
}

Result<EventPage> Service::History(const std::string& target_type, const std::string& target_id,
                                   const std::map<std::string, std::string>& params) {
  ASSIGN_OR_RETURN(EventFilter f, Parse(params, false));
  f.target_type = target_type;
  f.target_id = target_id;
  f.include_views = false;  // a timeline of changes; reads are in the audit log
  return Run(f);
}

Result<EventFilter> Service::ParseExportFilter(const std::map<std::string, std::string>& params) {
  auto filters = params;
  filters.erase("limit");
  filters.erase("cursor");
  return Parse(filters, true);
}

const std::vector<std::string>& Service::ExportHeaders() {
  static const std::vector<std::string> headers = {
      "id",     "occurred_at", "actor_type",  "actor_id",        "actor_name",
      "action", "target_type", "target_id",   "target_name",     "changes",
      "ip",     "user_agent",  "assisted_by", "assisted_by_name"};
  return headers;
}

std::vector<std::string> Service::ExportCells(const EventView& e) {
  return {std::to_string(e.id),
          FormatInstant(e.occurred_at),
          e.actor_type,
          e.actor_id,
          e.actor_name,
          e.action,
          e.target_type,
          e.target_id,
          e.target_name,
          e.changes,
          e.ip,
          e.user_agent,
          e.assisted_by,
          e.assisted_by_name};
}

Result<std::string> Service::ExportCsv(const std::map<std::string, std::string>& params) {
  ASSIGN_OR_RETURN(EventFilter f, ParseExportFilter(params));
  f.limit = kMaxExportRows;
  ASSIGN_OR_RETURN(std::vector<EventView> rows,
                   db_.Read([&](db::Connection& c) { return ListEvents(c, f); }));
  formats::CsvWriter csv;
  csv.Row(ExportHeaders());
  for (const auto& e : rows) csv.Row(ExportCells(e));
  return csv.Take();
}

}  // namespace clientele::audit
