// Whole-file reads and the SHA-256 that identifies a loaded file.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace lgb {

// The file's bytes, unchanged; kIo when it cannot be read.
Result<std::string> read_file_bytes(const std::string& path);
// The bytes as the publisher released them: a file ending in ".gz" (a copy
// kept compressed to keep the repository lean) is inflated; any other file
// is read unchanged. kIo when unreadable, kInvalidArgument when the gzip
// stream is corrupt. Whole files in memory: for small files and tests; the
// pipeline maps files instead (MappedFile).
Result<std::string> read_published_bytes(const std::string& path);
// The path without a trailing ".gz".
std::string without_gz(const std::string& path);

// A publisher file mapped read-only into memory, so a reader can walk a file
// of any size while only the pages near its cursor stay resident: the
// reader reports how far it has got (release_before) and the pages behind
// are dropped (they are read again from the file if ever touched again). A
// ".gz" copy is first inflated into an unlinked temporary file.
// Not thread-safe; one reader at a time.
class MappedFile {
 public:
  static Result<MappedFile> open(const std::string& path);
  MappedFile(MappedFile&& o) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  MappedFile(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {data_, size_}; }
  // Drops the resident pages wholly before offset.
  void release_before(size_t offset);
  // SHA-256 of the bytes, read a chunk at a time and released behind.
  std::string sha256();

 private:
  MappedFile(const char* data, size_t size) : data_(data), size_(size) {}
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t released_ = 0;
};
// Lower-case hex SHA-256 (OpenSSL EVP).
std::string sha256_hex(std::string_view bytes);

}  // namespace lgb
