// Server: an asynchronous HTTP/1.1 server (Boost.Beast) in front of an
// ApiService. One io_context run by N threads (default: one per core); each
// connection is a strand, so many keep-alive connections share the threads
// and a slow client never holds one. Cache misses run on a separate worker
// pool so a slow query cannot stall cached responses. Reads time out.
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
  // A request (headers and body) must arrive within this time, and an idle
  // keep-alive connection is closed after it.
  std::chrono::milliseconds read_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};
  // How often to look for releases loaded by another process. A store that
  // notifies changes (PostgreSQL) wakes the refresh at once as well; the
  // polling then only catches what a notification missed.
  std::chrono::milliseconds refresh_interval{std::chrono::seconds(1)};
  size_t max_body_bytes = 1 << 20;
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
