// Server: an asynchronous HTTP/1.1 server (Boost.Beast) in front of an
// ApiService. One io_context run by N threads (default: one per core); each
// connection is a strand, so many keep-alive connections share the threads
// and a slow client never holds one. Cache misses run on a fair worker pool
// (fair_queue.h) so a slow query cannot stall cached responses and one
// client's backlog cannot stall the others. Connections and response bytes
// in flight are capped per client address and in total (admission.h);
// docs/operations.md states the memory bound this gives.
// Thread-safety: start() and stop() from one controlling thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "api/api_service.h"
#include "core/result.h"

namespace lgb::api {

class Session;

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: an ephemeral port, see Server::port()
  int threads = 0;       // I/O threads; 0: one per core
  // A request (headers and body) must arrive within this time once it has
  // begun (else 408), and an idle keep-alive connection is closed after it.
  std::chrono::milliseconds read_timeout{std::chrono::seconds(30)};
  // Each slice (64 KiB) of a response must be taken by the client within
  // this time, else the connection is closed.
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
  // How often to look for releases loaded by another process. A store that
  // notifies changes (PostgreSQL) wakes the refresh at once as well; the
  // polling then only catches what a notification missed.
  std::chrono::milliseconds refresh_interval{std::chrono::seconds(1)};
  size_t max_body_bytes = 64 << 10;
  // The kernel's send buffer per connection (0: the kernel's autotuning, which
  // grows it to 4 MiB for a client that does not read). Fixed, it bounds
  // what the kernel holds for stalled clients; the rest waits in the
  // bytes-in-flight budget below, where the server can see and shed it.
  size_t send_buffer_bytes = 256 << 10;
  // Connections: in total (also kept under the descriptor limit less
  // reserved_fds) and from one client address (an IPv4 address or an IPv6
  // /64). Past the total the oldest idle keep-alive connection is closed to
  // make room; when none is idle, or past a client's cap, the newcomer gets
  // a 503 and is closed.
  size_t max_connections = 4096;
  size_t max_connections_per_client = 256;
  // Descriptors kept free for the database, static files and the log.
  size_t reserved_fds = 64;
  // Rendered responses not yet written, in total and per client address.
  size_t max_inflight_bytes = size_t{256} << 20;
  size_t max_inflight_bytes_per_client = size_t{64} << 20;
  // When the total is reached, a write that made no progress for this long
  // may be closed to make room for someone waiting.
  std::chrono::milliseconds stall_grace{std::chrono::seconds(1)};
  // A request waiting for a worker longer than this gets a 503.
  std::chrono::milliseconds queue_timeout{std::chrono::seconds(10)};
};

class Server {
 public:
  Server(ApiService& service, ServerOptions options);
  ~Server();  // stops if running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds, listens and starts the threads. Returns the port actually bound.
  Result<uint16_t> start();
  // Stops accepting, lets responses in flight finish (up to `grace`), closes
  // idle connections and joins the threads. Idempotent.
  void stop(std::chrono::milliseconds grace = std::chrono::seconds(5));

  uint16_t port() const;

 private:
  friend class Session;  // server.cpp: one connection
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lgb::api
