// Reading JSON request bodies strictly: a malformed body is a 400, a wrong type or an unknown
// field is a field error (422). Routes use JsonFields to pull typed optional values out of an
// object while recording every problem, then call Finish() once.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"

namespace clientele::http {

// Parses `body` as a JSON object. Errors: kInvalidArgument "malformed_json" (HTTP 400).
Result<nlohmann::json> ParseJsonObject(const std::string& body);
// Parses the request's body as a JSON object. The body must be sent as JSON
// (Content-Type: application/json or a +json type), which an HTML form cannot do: a page of
// another site cannot post a JSON body with a browser's cookies without a CORS preflight.
// Errors: kInvalidArgument "unsupported_media_type" (HTTP 415), "malformed_json" (HTTP 400).
Result<nlohmann::json> ParseJsonObject(const Request& request);

Response JsonResponse(int status, const nlohmann::json& body);

// A field that is absent, explicitly null, or has a value.
template <typename T>
struct Field {
  bool present = false;
  bool is_null = false;
  T value{};
};

class JsonFields {
 public:
  explicit JsonFields(const nlohmann::json& object) : object_(object) {}

  // Each getter marks the field as known; a type mismatch records a field error.
  Field<std::string> String(const std::string& name);
  Field<bool> Bool(const std::string& name);
  Field<int64_t> Int(const std::string& name);
  Field<double> Number(const std::string& name);
  Field<std::vector<std::string>> StringList(const std::string& name);
  Field<std::map<std::string, std::string>> StringMap(const std::string& name);
  // An object field; its own fields are read with a nested JsonFields.
  Field<nlohmann::json> Object(const std::string& name);

  // Fields of a partial update: `out` is set only when the field is present. A null text
  // clears it (""); a null flag is refused ("invalid_type").
  void OptionalText(const std::string& name, std::optional<std::string>& out);
  void OptionalFlag(const std::string& name, std::optional<bool>& out);

  // Marks a field as known without reading it.
  void Ignore(const std::string& name) { known_.insert(name); }
  void AddError(std::string field, std::string code, std::string message);
  // Records "unknown_field" for every field not read, then returns all errors as one
  // kInvalidArgument error, or ok.
  Status Finish(const std::string& prefix = "");
  std::vector<FieldError> TakeErrors() { return std::move(errors_); }

 private:
  const nlohmann::json* Find(const std::string& name);
  void TypeError(const std::string& name, const char* expected);
  // A scalar field: absent, null, or a value for which `is_type` holds (else a type error
  // naming `expected`).
  template <typename T, typename IsType>
  Field<T> Scalar(const std::string& name, IsType is_type, const char* expected);

  const nlohmann::json& object_;
  std::set<std::string> known_;
  std::vector<FieldError> errors_;
};

}  // namespace clientele::http
