#include "db/database.hpp"

#include <charconv>
#include <cstdio>

namespace clientele::db {

int64_t Row::Int(size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<int64_t>(*d);
  if (const auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::string Row::Text(size_t i) const {
  const Value& v = cells_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return buf;
  }
  return {};
}

namespace {

// A materialised row read as a RowView; numbers asked for as text are formatted into `scratch`.
class MaterialisedRowView final : public RowView {
 public:
  explicit MaterialisedRowView(const Row& row) : row_(row), scratch_(row.size()) {}
  bool IsNull(size_t i) const override { return row_.IsNull(i); }
  int64_t Int(size_t i) const override { return row_.Int(i); }
  std::string_view Text(size_t i) const override {
    if (const std::string* s = row_.TextCell(i)) return *s;
    scratch_.at(i) = row_.Text(i);
    return scratch_[i];
  }

 private:
  const Row& row_;
  mutable std::vector<std::string> scratch_;
};

}  // namespace

Status Connection::QueryEach(std::string_view sql, const Params& params,
                             const std::function<Status(const RowView&)>& each) {
  ASSIGN_OR_RETURN(Rows rows, Query(sql, params));
  for (const Row& row : rows) RETURN_IF_ERROR(each(MaterialisedRowView(row)));
  return OkStatus();
}

Status Connection::ExecuteMany(std::string_view sql, const std::vector<Params>& rows) {
  for (const auto& params : rows) {
    auto r = Execute(sql, params);
    if (!r.ok()) return std::move(r).error();
  }
  return OkStatus();
}

}  // namespace clientele::db
