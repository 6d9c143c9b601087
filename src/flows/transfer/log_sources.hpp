// The logs that export like the customer list: the store credit history and the audit log.
// Their rows are events, newest first, read in chunks after the last id written; each row is
// the cells under the log's fixed columns (the CSV headers of the log's own CSV download).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "db/database.hpp"

namespace clientele::flows {

struct LogColumn {
  std::string key, label;
  bool numeric = false;  // a number spreadsheets add up
  double width = 1;      // its share of a PDF page's width
};

using CellsSink = std::function<Status(const std::vector<std::string>& cells)>;

struct LogChunk {
  int64_t rows = 0;
  std::optional<int64_t> last_id;  // of the last row read; none when there were none
  bool finished = false;
};

struct LogSource {
  std::string name;       // "wallet" | "audit": the export request's `source`
  std::string title;      // "Store credit history"
  std::string file_stem;  // "store-credit-history": its files' names, with the date
  std::vector<LogColumn> columns;
  // Checks the filter (the log list's own parameters; errors name the parameter).
  std::function<Status(const std::map<std::string, std::string>& filter)> check;
  std::function<Result<int64_t>(db::Connection&, const std::map<std::string, std::string>&)> count;
  // Hands the rows older than `before_id` (all when none), at most `limit`, to `each`.
  std::function<Result<LogChunk>(db::Connection&, const std::map<std::string, std::string>&,
                                 std::optional<int64_t> before_id, int limit,
                                 const CellsSink& each)>
      read;
};

// nullptr when `name` names none.
const LogSource* FindLogSource(std::string_view name);

}  // namespace clientele::flows
