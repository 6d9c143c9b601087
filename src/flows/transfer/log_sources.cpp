#include "flows/transfer/log_sources.hpp"

#include "modules/audit/query.hpp"
#include "modules/audit/service.hpp"
#include "modules/wallet/service.hpp"

namespace clientele::flows {
namespace {

using Filter = std::map<std::string, std::string>;

// Columns from the log's CSV headers, labelled for tables.
std::vector<LogColumn> Columns(const std::vector<std::string>& keys,
                               const std::map<std::string, LogColumn>& labels) {
  std::vector<LogColumn> out;
  for (const auto& key : keys) {
    auto it = labels.find(key);
    LogColumn c = it == labels.end() ? LogColumn{key, key} : it->second;
    c.key = key;
    out.push_back(std::move(c));
  }
  return out;
}

// Rows of a chunk read `limit` + 1 at a time: the extra one says whether more follow.
template <typename Row>
Result<LogChunk> Hand(std::vector<Row> rows, int limit,
                      const std::function<std::vector<std::string>(const Row&)>& cells,
                      const std::function<int64_t(const Row&)>& id, const CellsSink& each) {
  LogChunk out;
  out.finished = static_cast<int>(rows.size()) <= limit;
  if (!out.finished) rows.resize(limit);
  for (const Row& r : rows) {
    RETURN_IF_ERROR(each(cells(r)));
    out.last_id = id(r);
    ++out.rows;
  }
  return out;
}

LogSource Wallet() {
  LogSource s;
  s.name = "wallet";
  s.title = "Store credit history";
  s.file_stem = "store-credit-history";
  s.columns =
      Columns(wallet::Service::HistoryHeaders(), {{"id", {"", "Entry", false, 1.6}},
                                                  {"created_at", {"", "Date", false, 1.5}},
                                                  {"customer_id", {"", "Customer ID", false, 1.8}},
                                                  {"customer_name", {"", "Customer", false, 1.3}},
                                                  {"email", {"", "E-mail", false, 1.8}},
                                                  {"phone", {"", "Phone", false, 1.1}},
                                                  {"kind", {"", "Kind", false, 0.7}},
                                                  {"amount", {"", "Amount", true, 0.8}},
                                                  {"currency", {"", "Currency", false, 0.6}},
                                                  {"expires_at", {"", "Expires", false, 1.5}},
                                                  {"reason", {"", "Reason", false, 1.6}},
                                                  {"order_ref", {"", "Order", false, 0.9}},
                                                  {"by", {"", "By", false, 1.1}}});
  s.check = [](const Filter& f) -> Status {
    RETURN_IF_ERROR(wallet::Service::ParseHistoryFilter(f));
    return OkStatus();
  };
  s.count = [](db::Connection& c, const Filter& f) -> Result<int64_t> {
    ASSIGN_OR_RETURN(wallet::HistoryFilter filter, wallet::Service::ParseHistoryFilter(f));
    return wallet::Service::HistoryCount(c, filter);
  };
  s.read = [](db::Connection& c, const Filter& f, std::optional<int64_t> before_id, int limit,
              const CellsSink& each) -> Result<LogChunk> {
    ASSIGN_OR_RETURN(wallet::HistoryFilter filter, wallet::Service::ParseHistoryFilter(f));
    filter.before_id = before_id;
    filter.limit = limit;  // the history reads one more
    ASSIGN_OR_RETURN(std::vector<wallet::Entry> rows, wallet::Service::HistoryOn(c, filter));
    return Hand<wallet::Entry>(
        std::move(rows), limit, &wallet::Service::HistoryCells,
        [](const wallet::Entry& e) { return e.id; }, each);
  };
  return s;
}

LogSource Audit() {
  LogSource s;
  s.name = "audit";
  s.title = "Audit log";
  s.file_stem = "audit-log";
  s.columns = Columns(audit::Service::ExportHeaders(),
                      {{"id", {"", "Event", true, 0.7}},
                       {"occurred_at", {"", "When", false, 1.5}},
                       {"actor_type", {"", "Actor type", false, 0.8}},
                       {"actor_id", {"", "Actor ID", false, 1.6}},
                       {"actor_name", {"", "Actor", false, 1.2}},
                       {"action", {"", "Action", false, 1.5}},
                       {"target_type", {"", "Target type", false, 0.8}},
                       {"target_id", {"", "Target", false, 1.6}},
                       {"target_name", {"", "Target name", false, 1.3}},
                       {"changes", {"", "Changes", false, 3}},
                       {"ip", {"", "IP", false, 1}},
                       {"user_agent", {"", "User agent", false, 1.5}},
                       {"assisted_by", {"", "Assisted by (ID)", false, 1.2}},
                       {"assisted_by_name", {"", "Assisted by", false, 1.1}}});
  s.check = [](const Filter& f) -> Status {
    RETURN_IF_ERROR(audit::Service::ParseExportFilter(f));
    return OkStatus();
  };
  s.count = [](db::Connection& c, const Filter& f) -> Result<int64_t> {
    ASSIGN_OR_RETURN(audit::EventFilter filter, audit::Service::ParseExportFilter(f));
    return audit::CountEvents(c, filter);
  };
  s.read = [](db::Connection& c, const Filter& f, std::optional<int64_t> before_id, int limit,
              const CellsSink& each) -> Result<LogChunk> {
    ASSIGN_OR_RETURN(audit::EventFilter filter, audit::Service::ParseExportFilter(f));
    filter.before_id = before_id;
    filter.limit = limit + 1;
    ASSIGN_OR_RETURN(std::vector<audit::EventView> rows, audit::ListEvents(c, filter));
    return Hand<audit::EventView>(
        std::move(rows), limit, &audit::Service::ExportCells,
        [](const audit::EventView& e) { return e.id; }, each);
  };
  return s;
}

}  // namespace

const LogSource* FindLogSource(std::string_view name) {
  static const std::vector<LogSource> sources = {Wallet(), Audit()};
  for (const auto& s : sources) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace clientele::flows
