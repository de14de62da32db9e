#include "ingest/file_bytes.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace lgb {

Result<std::string> read_file_bytes(const std::string& path) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return io_error("cannot open " + path + ": " + std::strerror(errno));
  std::string out;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) out.append(buf, n);
  if (std::ferror(f.get())) return io_error("cannot read " + path + ": " + std::strerror(errno));
  return out;
}

std::string without_gz(const std::string& path) {
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".gz") == 0)
    return path.substr(0, path.size() - 3);
  return path;
}

Result<std::string> read_published_bytes(const std::string& path) {
  auto mapped = MappedFile::open(path);
  if (!mapped) return mapped.error();
  return std::string(mapped->bytes());
}

namespace {

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr);
  }
  void update(std::string_view bytes) { EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()); }
  std::string hex();

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx_;
};

// An open descriptor, closed on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Inflates path into an unlinked temporary file; returns its descriptor.
Result<int> inflate_to_temp(const std::string& path) {
  std::unique_ptr<gzFile_s, int (*)(gzFile)> in(gzopen(path.c_str(), "rb"), &gzclose);
  if (!in) return io_error("cannot open " + path + ": " + std::strerror(errno));
  std::unique_ptr<FILE, int (*)(FILE*)> tmp(std::tmpfile(), &std::fclose);
  if (!tmp) return io_error("cannot create a temporary file to inflate " + path);
  char buf[1 << 16];
  for (;;) {
    int n = gzread(in.get(), buf, sizeof buf);
    // A stream cut short reads as a clean end; gzerror then says
    // Z_BUF_ERROR ("unexpected end of file").
    int code = Z_OK;
    const char* why = gzerror(in.get(), &code);
    if (n < 0 || (code != Z_OK && code != Z_STREAM_END))
      return invalid(path + ": corrupt gzip stream: " + (why && *why ? why : "unknown error"));
    if (n == 0) break;
    if (std::fwrite(buf, 1, static_cast<size_t>(n), tmp.get()) != static_cast<size_t>(n))
      return io_error("cannot write the inflated copy of " + path + ": " + std::strerror(errno));
  }
  if (std::fflush(tmp.get()) != 0) return io_error("cannot write the inflated copy of " + path);
  int fd = ::dup(fileno(tmp.get()));
  if (fd < 0) return io_error("cannot keep the inflated copy of " + path);
  return fd;
}

}  // namespace

Result<MappedFile> MappedFile::open(const std::string& path) {
  Fd f;
  if (without_gz(path) != path) {
    auto fd = inflate_to_temp(path);
    if (!fd) return fd.error();
    f.fd = *fd;
  } else {
    f.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (f.fd < 0) return io_error("cannot open " + path + ": " + std::strerror(errno));
  }
  struct stat st;
  if (::fstat(f.fd, &st) != 0) return io_error("cannot read " + path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return io_error("cannot read " + path + ": not a regular file");
  size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) return MappedFile(nullptr, 0);
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, f.fd, 0);
  if (p == MAP_FAILED) return io_error("cannot map " + path + ": " + std::strerror(errno));
  ::madvise(p, size, MADV_SEQUENTIAL);
  return MappedFile(static_cast<const char*>(p), size);
}

MappedFile::MappedFile(MappedFile&& o) noexcept
    : data_(o.data_), size_(o.size_), released_(o.released_) {
  o.data_ = nullptr;
  o.size_ = 0;
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

void MappedFile::release_before(size_t offset) {
  static const size_t kPage = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
  offset = std::min(offset, size_) / kPage * kPage;
  if (!data_ || offset <= released_) return;
  ::madvise(const_cast<char*>(data_) + released_, offset - released_, MADV_DONTNEED);
  released_ = offset;
}

std::string MappedFile::sha256() {
  constexpr size_t kChunk = size_t{8} << 20;
  Sha256 h;
  for (size_t at = 0; at < size_; at += kChunk) {
    h.update(bytes().substr(at, kChunk));
    release_before(at + kChunk);
  }
  released_ = 0;  // the reader starts again from the top
  return h.hex();
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.hex();
}

std::string Sha256::hex() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx_.get(), md, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 15];
  }
  return out;
}

}  // namespace lgb
