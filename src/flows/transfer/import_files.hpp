// Uploaded import files. A file arrives in parts of at most a request's body each, so a file of
// any size passes the server's body limit and a broken upload goes on from where it stopped:
// each part names the offset it starts at, which must be what was received so far (a part sent
// twice is recognised and taken once). Every part is on disk before it is acknowledged. The last
// part completes the file, which is then read for its plan: the separator, the header row, the
// platform that wrote it, each column's target and the first rows. Files live in the imports
// folder (shared by the nodes of a store) and are deleted after kKeepDays. Thread-safe.
#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "flows/transfer/import_plan.hpp"

namespace clientele::flows {

struct ImportFile {
  std::string id;  // "imf_…"
  int64_t size = 0;
  bool complete = false;
  // When complete:
  char separator = ',';
  ImportPlan plan;
  std::vector<std::vector<std::string>> sample;  // the first rows after the header
  // Why the start of the file cannot be read ("unterminated_quote" on line 7), if it cannot.
  std::optional<std::string> problem;
};

class ImportFiles {
 public:
  static constexpr int kKeepDays = 7;
  static constexpr int64_t kMaxBytes = int64_t{4} << 30;  // 4 GiB
  static constexpr size_t kSampleRows = 5;

  // REQUIRES: before any upload. Created when missing.
  void SetFolder(std::filesystem::path folder) { folder_ = std::move(folder); }

  // A new file from its first part; `final`: it is the whole file.
  // Errors: kInvalidArgument "empty_file" (a final file without a byte).
  Result<ImportFile> Create(std::string_view part, bool final);
  // The next part of file `id`, starting at byte `offset`.
  // Errors: kNotFound "import_file_not_found"; kFailedPrecondition "upload_complete" (the last
  // part came already), "wrong_offset" (the message names the size received so far);
  // kInvalidArgument "too_large".
  Result<ImportFile> Append(const std::string& id, int64_t offset, std::string_view part,
                            bool final);
  // Errors: kNotFound "import_file_not_found".
  Result<ImportFile> Get(const std::string& id);
  // The complete file's path. Errors: kNotFound "import_file_not_found" (or not complete).
  Result<std::filesystem::path> PathOf(const std::string& id);

 private:
  std::filesystem::path Partial(const std::string& id) const;
  std::filesystem::path Complete(const std::string& id) const;
  // Completes the file at its size and reads its plan.
  Result<ImportFile> Finish(const std::string& id);
  Result<ImportFile> Describe(const std::string& id);
  void Sweep() const;

  std::filesystem::path folder_ = "./data/imports";
  std::mutex mutex_;  // parts of one file arrive one at a time
};

}  // namespace clientele::flows
