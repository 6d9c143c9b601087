// Use cases over the audit trail: the store-wide log with filters, one customer's activity
// timeline, and the CSV export. Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/audit/query.hpp"

namespace clientele::audit {

struct EventPage {
  std::vector<EventView> items;
  std::optional<std::string> next_cursor;
};

class Service {
 public:
  static constexpr int kMaxPageSize = 200;
  static constexpr int kMaxExportRows = 100000;

  explicit Service(db::Database& db) : db_(db) {}

  // Parameters: actor, action, customer, from, to (ISO 8601), limit, cursor.
  // Errors: kInvalidArgument with a field error per bad parameter.
  Result<EventPage> List(const std::map<std::string, std::string>& params);

  // One record's history (e.g. target_type "customer"), newest first.
  Result<EventPage> History(const std::string& target_type, const std::string& target_id,
                            const std::map<std::string, std::string>& params);

  // The filtered log as CSV (at most kMaxExportRows events, newest first).
  Result<std::string> ExportCsv(const std::map<std::string, std::string>& params);

  // For exports of the whole filtered log (jobs): List's filters without paging (errors as
  // List's), and each event as the cells under ExportHeaders.
  static Result<EventFilter> ParseExportFilter(const std::map<std::string, std::string>& params);
  static const std::vector<std::string>& ExportHeaders();
  static std::vector<std::string> ExportCells(const EventView& e);

 private:
  static Result<EventFilter> Parse(const std::map<std::string, std::string>& params,
                                   bool allow_filters);
  Result<EventPage> Run(const EventFilter& filter);

  db::Database& db_;
};

}  // namespace clientele::audit
