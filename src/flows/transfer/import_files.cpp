#include "flows/transfer/import_files.hpp"

#include <cstdio>
#include <fstream>
#include <memory>

#include "core/durable_file.hpp"
#include "core/ids.hpp"
#include "formats/csv_reader.hpp"

namespace clientele::flows {
namespace {

constexpr const char* kPrefix = "imf";

Error NotFound() {
  return Error::NotFound("import_file_not_found",
                         "There is no such uploaded file (files are kept 7 days).");
}

int64_t SizeOf(const std::filesystem::path& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  return ec ? -1 : static_cast<int64_t>(size);
}

// The bytes of `path` from `offset`, `n` of them (fewer at the end).
std::string ReadAt(const std::filesystem::path& path, int64_t offset, size_t n) {
  std::ifstream in(path, std::ios::binary);
  in.seekg(offset);
  std::string out(n, '\0');
  in.read(out.data(), static_cast<std::streamsize>(n));
  out.resize(static_cast<size_t>(in.gcount()));
  return out;
}

}  // namespace

std::filesystem::path ImportFiles::Partial(const std::string& id) const {
  return folder_ / (id + ".part");
}
std::filesystem::path ImportFiles::Complete(const std::string& id) const {
  return folder_ / (id + ".csv");
}

Result<ImportFile> ImportFiles::Create(std::string_view part, bool final) {
  if (final && part.empty()) {
    return Error::Invalid("The file is empty.",
                          {{"file", "empty_file", "Upload a CSV file with a header row."}});
  }
  if (static_cast<int64_t>(part.size()) > kMaxBytes) {
    return Error::Invalid("The file is too large.", {{"file", "too_large", "At most 4 GiB."}});
  }
  std::error_code ec;
  std::filesystem::create_directories(folder_, ec);
  Sweep();
  const std::string id = NewPublicId(kPrefix);
  std::lock_guard lock(mutex_);
  ASSIGN_OR_RETURN(int64_t size, AppendDurably(Partial(id), 0, part));
  if (final) return Finish(id);
  ImportFile file;
  file.id = id;
  file.size = size;
  return file;
}

Result<ImportFile> ImportFiles::Append(const std::string& id, int64_t offset, std::string_view part,
                                       bool final) {
  if (!IsPublicId(id, kPrefix)) return NotFound();
  std::lock_guard lock(mutex_);
  const int64_t size = SizeOf(Partial(id));
  if (size < 0) {
    if (SizeOf(Complete(id)) >= 0) {
      return Error::Precondition("upload_complete", "The last part of this file came already.");
    }
    return NotFound();
  }
  const int64_t end = offset + static_cast<int64_t>(part.size());
  // A part sent again after its answer was lost: the same bytes are there already.
  const bool repeated = offset >= 0 && offset < size && end == size &&
                        ReadAt(Partial(id), offset, part.size()) == part;
  if (!repeated && offset != size) {
    return Error::Precondition("wrong_offset",
                               "The next part starts at byte " + std::to_string(size) + ".");
  }
  if (end > kMaxBytes) {
    return Error::Invalid("The file is too large.", {{"file", "too_large", "At most 4 GiB."}});
  }
  int64_t now = size;
  if (!repeated) {
    ASSIGN_OR_RETURN(now, AppendDurably(Partial(id), size, part));
  }
  if (final) {
    if (now == 0) {
      return Error::Invalid("The file is empty.",
                            {{"file", "empty_file", "Upload a CSV file with a header row."}});
    }
    return Finish(id);
  }
  ImportFile file;
  file.id = id;
  file.size = now;
  return file;
}

Result<ImportFile> ImportFiles::Finish(const std::string& id) {
  std::error_code ec;
  std::filesystem::rename(Partial(id), Complete(id), ec);
  if (ec) return Error::Internal("The uploaded file cannot be completed: " + ec.message());
  return Describe(id);
}

Result<ImportFile> ImportFiles::Get(const std::string& id) {
  if (!IsPublicId(id, kPrefix)) return NotFound();
  std::lock_guard lock(mutex_);
  if (const int64_t size = SizeOf(Partial(id)); size >= 0) {
    ImportFile file;
    file.id = id;
    file.size = size;
    return file;
  }
  return Describe(id);
}

Result<std::filesystem::path> ImportFiles::PathOf(const std::string& id) {
  if (!IsPublicId(id, kPrefix) || SizeOf(Complete(id)) < 0) return NotFound();
  return Complete(id);
}

Result<ImportFile> ImportFiles::Describe(const std::string& id) {
  const std::filesystem::path path = Complete(id);
  ImportFile file;
  file.id = id;
  file.size = SizeOf(path);
  if (file.size < 0) return NotFound();
  file.complete = true;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!in) return Error::Internal("The uploaded file cannot be read.");
  formats::CsvReader reader(
      [f = in.get()](char* out, size_t max) { return std::fread(out, 1, max, f); });
  std::vector<std::string> fields;
  if (reader.Next(fields)) {
    file.plan = PlanImport(fields);
    file.separator = reader.separator();
    while (file.sample.size() < kSampleRows && reader.Next(fields)) file.sample.push_back(fields);
  }
  if (reader.error()) {
    file.problem =
        *reader.error() + " in the record that starts on line " + std::to_string(reader.line());
  }
  return file;
}

void ImportFiles::Sweep() const { RemoveFilesOlderThan(folder_, kKeepDays); }

}  // namespace clientele::flows
