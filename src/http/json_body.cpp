#include "http/json_body.hpp"

#include <string_view>

namespace clientele::http {

Result<nlohmann::json> ParseJsonObject(const std::string& body) {
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    return Error{
        ErrorCode::kInvalidArgument, "malformed_json", "The request body is not valid JSON.", {}};
  }
  if (!parsed.is_object()) {
    return Error{ErrorCode::kInvalidArgument,
                 "malformed_json",
                 "The request body must be a JSON object.",
                 {}};
  }
  return parsed;
}

namespace {

// "application/json; charset=utf-8" → true; "text/plain" → false.
bool IsJsonMediaType(std::string_view content_type) {
  const std::string type = AsciiLower(TrimOws(content_type.substr(0, content_type.find(';'))));
  if (type == "application/json") return true;
  return type.rfind("application/", 0) == 0 && type.size() > 17 &&
         type.compare(type.size() - 5, 5, "+json") == 0;
}

}  // namespace

Result<nlohmann::json> ParseJsonObject(const Request& request) {
  if (!IsJsonMediaType(request.headers.Get("content-type").value_or(""))) {
    return Error{ErrorCode::kInvalidArgument,
                 "unsupported_media_type",
                 "Send the request body as JSON, with Content-Type: application/json.",
                 {}};
  }
  return ParseJsonObject(request.body);
}

Response JsonResponse(int status, const nlohmann::json& body) {
  return Response::Json(status,
                        body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

const nlohmann::json* JsonFields::Find(const std::string& name) {
  known_.insert(name);
  auto it = object_.find(name);
  return it == object_.end() ? nullptr : &*it;
}

void JsonFields::TypeError(const std::string& name, const char* expected) {
  AddError(name, "invalid_type", std::string("Must be ") + expected + ".");
}

void JsonFields::AddError(std::string field, std::string code, std::string message) {
  errors_.push_back({std::move(field), std::move(code), std::move(message)});
}

template <typename T, typename IsType>
Field<T> JsonFields::Scalar(const std::string& name, IsType is_type, const char* expected) {
  Field<T> f;
  const auto* v = Find(name);
  if (!v) return f;
  f.present = true;
  if (v->is_null()) {
    f.is_null = true;
  } else if (is_type(*v)) {
    f.value = v->get<T>();
  } else {
    f.present = false;
    TypeError(name, expected);
  }
  return f;
}

Field<std::string> JsonFields::String(const std::string& name) {
  return Scalar<std::string>(
      name, [](const nlohmann::json& v) { return v.is_string(); }, "a string");
}

Field<bool> JsonFields::Bool(const std::string& name) {
  return Scalar<bool>(
      name, [](const nlohmann::json& v) { return v.is_boolean(); }, "true or false");
}

Field<int64_t> JsonFields::Int(const std::string& name) {
  return Scalar<int64_t>(
      name, [](const nlohmann::json& v) { return v.is_number_integer(); }, "an integer");
}

Field<double> JsonFields::Number(const std::string& name) {
  return Scalar<double>(
      name, [](const nlohmann::json& v) { return v.is_number(); }, "a number");
}

Field<std::vector<std::string>> JsonFields::StringList(const std::string& name) {
  Field<std::vector<std::string>> f;
  const auto* v = Find(name);
  if (!v) return f;
  f.present = true;
  if (v->is_null()) {
    f.is_null = true;
    return f;
  }
  if (!v->is_array()) {
    f.present = false;
    TypeError(name, "a list of strings");
    return f;
  }
  for (const auto& item : *v) {
    if (!item.is_string()) {
      f.present = false;
      TypeError(name, "a list of strings");
      return f;
    }
    f.value.push_back(item.get<std::string>());
  }
  return f;
}

Field<std::map<std::string, std::string>> JsonFields::StringMap(const std::string& name) {
  Field<std::map<std::string, std::string>> f;
  const auto* v = Find(name);
  if (!v) return f;
  f.present = true;
  if (v->is_null()) {
    f.is_null = true;
    return f;
  }
  if (!v->is_object()) {
    f.present = false;
    TypeError(name, "an object of string values");
    return f;
  }
  for (const auto& [key, item] : v->items()) {
    if (!item.is_string()) {
      f.present = false;
      TypeError(name + "." + key, "a string");
      return f;
    }
    f.value.emplace(key, item.get<std::string>());
  }
  return f;
}

Field<nlohmann::json> JsonFields::Object(const std::string& name) {
  Field<nlohmann::json> f;
  const auto* v = Find(name);
  if (!v) return f;
  f.present = true;
  if (v->is_null())
    f.is_null = true;
  else if (v->is_object())
    f.value = *v;
  else {
    f.present = false;
    TypeError(name, "an object");
  }
  return f;
}

Status JsonFields::Finish(const std::string& prefix) {
  for (const auto& [key, value] : object_.items()) {
    if (!known_.count(key)) AddError(prefix + key, "unknown_field", "This field is not known.");
  }
  if (errors_.empty()) return OkStatus();
  if (!prefix.empty()) {
    for (auto& e : errors_) {
      if (e.field.rfind(prefix, 0) != 0) e.field = prefix + e.field;
    }
  }
  return Error::Invalid("Some fields are not valid.", std::move(errors_));
}

void JsonFields::OptionalText(const std::string& name, std::optional<std::string>& out) {
  auto f = String(name);
  if (f.present) out = f.is_null ? std::string() : f.value;
}

void JsonFields::OptionalFlag(const std::string& name, std::optional<bool>& out) {
  auto f = Bool(name);
  if (f.present && !f.is_null) out = f.value;
  if (f.present && f.is_null) AddError(name, "invalid_type", "Must be true or false.");
}

}  // namespace clientele::http
