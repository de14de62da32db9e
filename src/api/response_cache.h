// ResponseCache: rendered GET responses keyed by the normalised request (see
// parse_target in http.h), so a repeat request costs one hash lookup and a
// write. Cleared whenever the store's
// generation changes. Bounded: when full it is cleared, which keeps the code
// simple and the worst case (a scan of distinct URLs) cheap.
// Thread-safety: all methods may be called concurrently (shared_mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "api/http.h"

namespace lgb::api {

class ResponseCache {
 public:
  explicit ResponseCache(size_t max_bytes = 64u << 20) : max_bytes_(max_bytes) {}

  std::shared_ptr<const PreparedResponse> find(std::string_view key) const;
  // Ignored when the cache was cleared since `epoch` was read: the response
  // may have been rendered from the data that the clear retired.
  void insert(std::string key, std::shared_ptr<const PreparedResponse> response,
              uint64_t epoch);
  void clear();
  uint64_t epoch() const;
  size_t size() const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const PreparedResponse>, Hash, std::equal_to<>>
      entries_;
  size_t bytes_ = 0;
  uint64_t epoch_ = 0;
  size_t max_bytes_;
};

}  // namespace lgb::api
