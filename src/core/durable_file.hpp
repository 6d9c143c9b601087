// Files kept in a folder for a while that grow by parts and must survive a crash: export files
// written chunk by chunk, and uploaded import files received part by part.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace clientele {

// Writes `text` at byte `length` of the file at `path` (created when missing), cutting off what
// lay past `length` first, and makes it durable (fdatasync) before returning the new length.
// So a writer that records the length it reached after each part resumes whole after a crash.
Result<int64_t> AppendDurably(const std::filesystem::path& path, int64_t length,
                              std::string_view text);

// Deletes the regular files in `folder` last written more than `days` days ago. Errors are
// ignored: what cannot be deleted now is tried again at the next sweep.
void RemoveFilesOlderThan(const std::filesystem::path& folder, int days);

}  // namespace clientele
