// Admission: the server's limits on connections and on response bytes in
// flight, and the choice of whom to shed when a limit is reached. Bookkeeping
// only, no sockets: server.cpp asks before it keeps a connection or renders a
// response, reports each response it writes and each slice written, and
// closes the connections this class picks. "Client" is a key for one remote
// party (see client_key in server.cpp: an IPv4 address or an IPv6 /64).
// Thread-safety: every method may be called from any thread (one mutex).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace lgb::api {

struct AdmissionLimits {
  size_t max_connections = 4096;
  size_t max_connections_per_client = 256;
  // Rendered responses not yet written: the whole server, and one client.
  size_t max_inflight_bytes = size_t{256} << 20;
  size_t max_inflight_bytes_per_client = size_t{64} << 20;
  // A write that made no progress for this long may be shed when the
  // server's budget is full and another client is waiting.
  std::chrono::milliseconds stall_grace{1000};
};

class Admission {
 public:
  using Clock = std::chrono::steady_clock;
  using WriterId = uint64_t;

  explicit Admission(AdmissionLimits limits) : limits_(limits) {}

  enum class Connection { kAdmit, kServerFull, kClientFull };
  // Counts the connection when admitted. `force` skips the server-wide cap
  // (not the client's): the caller has just closed an idle connection to
  // make room, which is counted off when it is gone.
  Connection open(const std::string& client, bool force = false);
  void close(const std::string& client);

  // A response starts being written to one of the client's connections.
  // `response` identifies it: a response written to many connections at once
  // (a cached one) counts once against the server, and once against each
  // client writing it. `shed` closes the connection; it is called at most
  // once, by whoever pick_stalled() hands it to.
  WriterId start_write(const std::string& client, const void* response, size_t bytes,
                       std::function<void()> shed);
  // A slice of the response was taken by the kernel.
  void progress(WriterId id);
  // The write ended (done, failed or shed).
  void end_write(WriterId id);

  enum class Render { kGo, kClientBudget, kServerBudget };
  // May a new response be rendered for this client now? Rendering may
  // overshoot a budget by one response: its size is known only afterwards.
  Render may_render(const std::string& client) const;

  // When the server's budget is full: the shed callback of the writer stalled
  // longest (no progress for stall_grace) among the client holding the most
  // bytes, or an empty function when no writer is stalled. Each writer is
  // handed out once.
  std::function<void()> pick_stalled(Clock::time_point now = Clock::now());

  struct Counts {
    size_t connections = 0;
    size_t inflight_bytes = 0;
    size_t peak_inflight_bytes = 0;
    size_t writers = 0;
  };
  Counts counts() const;
  const AdmissionLimits& limits() const { return limits_; }

 private:
  struct Writer {
    std::string client;
    const void* response;
    size_t bytes;
    Clock::time_point last_progress;
    std::function<void()> shed;  // empty once handed out
  };
  struct ClientState {
    size_t connections = 0;
    size_t bytes = 0;
    // Responses this client is writing, with how many of its connections.
    std::unordered_map<const void*, size_t> responses;
  };
  void forget_if_idle(const std::string& client);

  const AdmissionLimits limits_;
  mutable std::mutex mutex_;
  size_t connections_ = 0;
  size_t bytes_ = 0;
  size_t peak_bytes_ = 0;
  std::unordered_map<std::string, ClientState> clients_;
  // Distinct responses being written, with how many connections write each.
  std::unordered_map<const void*, size_t> responses_;
  std::unordered_map<WriterId, Writer> writers_;
  WriterId next_id_ = 1;
};

}  // namespace lgb::api
