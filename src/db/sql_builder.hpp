// SQL whose clauses depend on input (filters, id lists), with numbered parameters ($1..$n) that
// both engines accept. For store files only.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "db/database.hpp"

namespace clientele::db {

struct SqlBuilder {
  std::string text;
  Params params;

  // Adds a parameter; returns its placeholder ("$3").
  std::string Param(Value v) {
    params.push_back(std::move(v));
    return '$' + std::to_string(params.size());
  }
  // Adds one parameter per value (ids or texts); returns their placeholders ("$3, $4, $5") for
  // an IN list.
  template <typename T>
  std::string List(const std::vector<T>& values) {
    std::string out;
    for (const T& v : values) {
      // Built in place: g++ 12 wrongly warns about the string alternative when converting.
      params.emplace_back(std::in_place_type<T>, v);
      out += (out.empty() ? "$" : ", $") + std::to_string(params.size());
    }
    return out;
  }
};

// `s` for a LIKE pattern with ESCAPE '\\': its own % _ and \\ match themselves.
inline std::string LikeEscape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace clientele::db
