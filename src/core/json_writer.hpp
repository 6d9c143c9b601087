// A small streaming JSON writer for hot responses (customer lists): appends compact JSON to a
// string without building a document tree first. Commas are placed automatically. Strings are
// escaped per RFC 8259; input is expected to be UTF-8 (validated where it entered the system).
// Not thread-safe; one writer per response.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clientele {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // REQUIRES: inside an object; the next call writes the value.
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Writes pre-formatted JSON (a number or a nested document) as one value.
  JsonWriter& Raw(std::string_view json);

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void BeforeValue();

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};

// Appends `value` to `out` as a quoted, escaped JSON string.
void AppendJsonString(std::string& out, std::string_view value);

}  // namespace clientele
