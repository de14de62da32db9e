#include "api/server.h"

#include <array>
#include <atomic>
#include <condition_variable>
#include <ctime>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/compression.h"
#include "api/problem.h"

namespace lgb::api {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

// "Date: Mon, 23 Nov 2026 09:21:16 GMT\r\n", formatted at most once a second
// per thread: RFC 9110 asks origin servers with a clock to send Date.
struct DateLine {
  std::array<char, 48> text{};
  size_t size = 0;
};

const DateLine& current_date_line() {
  thread_local DateLine line;
  thread_local std::time_t last = 0;
  std::time_t now = std::time(nullptr);
  if (now != last) {
    last = now;
    std::tm tm{};
    gmtime_r(&now, &tm);
    line.size = std::strftime(line.text.data(), line.text.size(),
                              "Date: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
  }
  return line;
}

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kConnectionClose = "Connection: close\r\n";
constexpr std::string_view kConnectionKeepAlive = "Connection: keep-alive\r\n";

}  // namespace

class Session;

struct Server::Impl {
  Impl(ApiService& s, ServerOptions o)
      : service(s),
        options(std::move(o)),
        io(std::max(1, options.threads)),
        acceptor(asio::make_strand(io)),
        refresh_timer(asio::make_strand(io)),
        workers(static_cast<size_t>(std::max(2, options.threads * 2))) {}

  void accept();
  // Refreshes every refresh_interval, or at once after wake_refresh().
  void schedule_refresh(std::chrono::milliseconds delay);
  // From any thread: the store says something changed (Store::watch_changes).
  void wake_refresh();
  void add(Session* s) {
    std::lock_guard lock(sessions_mutex);
    sessions.insert(s);
  }
  void remove(Session* s) {
    std::lock_guard lock(sessions_mutex);
    sessions.erase(s);
    if (sessions.empty()) sessions_empty.notify_all();
  }

  ApiService& service;
  ServerOptions options;
  // Declared before io: sessions destroyed with io's pending handlers still
  // unregister themselves here.
  std::mutex sessions_mutex;
  std::condition_variable sessions_empty;
  std::unordered_set<Session*> sessions;
  asio::io_context io;
  tcp::acceptor acceptor;
  asio::steady_timer refresh_timer;
  bool refresh_failing = false;  // the refresh chain's own (one refresh at a time)
  bool refreshing = false;       // on refresh_timer's strand
  std::atomic<bool> wake_requested{false};
  std::unique_ptr<ChangeWatch> change_watch;  // null: polling only
  asio::thread_pool workers;  // handlers for cache misses
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  bool running = false;
  uint16_t port = 0;
};

// One connection: read a request, answer it (from the cache inline, otherwise
// on the worker pool), write, repeat while keep-alive. All of a session's
// handlers run on its strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server)
      : stream_(std::move(socket)), server_(server) {
    server_.add(this);
  }
  ~Session() { server_.remove(this); }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

  // Called from stop(): an idle connection closes now, a busy one after its
  // response is written.
  void shut_down() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->keep_alive_ = false;
      if (self->reading_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.cancel();
      }
    });
  }

 private:
  void read() {
    if (server_.stopping) return close();
    parser_.emplace();
    parser_->body_limit(server_.options.max_body_bytes);
    parser_->header_limit(16 * 1024);
    reading_ = true;
    stream_.expires_after(server_.options.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       self->on_read(ec);
                     });
  }

  void on_read(beast::error_code ec) {
    reading_ = false;
    if (ec == http::error::end_of_stream || ec == asio::error::operation_aborted ||
        ec == beast::error::timeout || ec == asio::error::connection_reset ||
        ec == asio::error::eof) {
      return close();
    }
    if (ec) {
      // Malformed request: answer once, then close (the stream is out of sync).
      keep_alive_ = false;
      int status = ec == http::error::body_limit ? 413 : 400;
      std::string detail = ec == http::error::body_limit ? "request body too large"
                                                         : "malformed HTTP request";
      return write(prepare(problem_response(status, detail, "/")));
    }
    auto& req = parser_->get();
    keep_alive_ = req.keep_alive() && !server_.stopping;
    http_10_ = req.version() == 10;
    head_ = req.method() == http::verb::head;
    if_none_match_.assign(req[http::field::if_none_match]);
    gzip_ = accepts_gzip(req[http::field::accept_encoding]);
    std::string_view method = req.method_string();
    std::string_view target = req.target();

    if (auto cached = server_.service.find_cached(method, target)) return write(std::move(cached));

    // Not cached: run the handler off the I/O threads, then write on our strand.
    asio::post(server_.workers, [self = shared_from_this(), method = std::string(method),
                                 target = std::string(target),
                                 body = std::move(req.body())]() mutable {
      std::shared_ptr<const PreparedResponse> response;
      try {
        response = self->server_.service.handle(method, target, std::move(body));
      } catch (const std::exception& e) {
        std::cerr << "lgbench: " << method << " " << target << ": " << e.what() << "\n";
        response = prepare(problem_response(500, "internal error", "/"));
      }
      asio::dispatch(self->stream_.get_executor(), [self, response = std::move(response)] {
        self->write(response);
      });
    });
  }

  void write(std::shared_ptr<const PreparedResponse> response) {
    if (gzip_)
      if (auto z = response->gzipped()) response = std::move(z);
    response_ = std::move(response);
    const DateLine& date = current_date_line();
    date_ = date;  // copy: the thread-local line may change before the write ends
    bool not_modified = response_->cacheable && !if_none_match_.empty() &&
                        etag_matches(if_none_match_, response_->etag);
    const std::string& head = not_modified ? response_->not_modified_head : response_->head;
    std::string_view connection = !keep_alive_ ? kConnectionClose
                                  : http_10_   ? kConnectionKeepAlive
                                               : std::string_view();
    std::array<asio::const_buffer, 5> buffers{
        asio::buffer(head), asio::buffer(date_.text.data(), date_.size),
        asio::buffer(connection.data(), connection.size()), asio::buffer(kCrlf.data(), 2),
        asio::buffer(response_->body.data(),
                     not_modified || head_ ? 0 : response_->body.size())};
    stream_.expires_after(server_.options.write_timeout);
    asio::async_write(stream_, buffers,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        self->on_write(ec);
                      });
  }

  void on_write(beast::error_code ec) {
    response_.reset();
    if (ec || !keep_alive_) return close();
    read();
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<const PreparedResponse> response_;
  std::string if_none_match_;
  DateLine date_;
  bool keep_alive_ = true;
  bool http_10_ = false;
  bool head_ = false;
  bool gzip_ = false;  // the request's Accept-Encoding takes gzip
  bool reading_ = false;
};

void Server::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<Session>(std::move(socket), *this)->start();
    }
    accept();
  });
}

void Server::Impl::wake_refresh() {
  wake_requested = true;
  asio::post(refresh_timer.get_executor(), [this] {
    if (!refreshing) refresh_timer.cancel();  // else: the refresh after it starts at once
  });
}

void Server::Impl::schedule_refresh(std::chrono::milliseconds delay) {
  refresh_timer.expires_after(delay);
  // Cancelled by stop() (stopping is then set) or by wake_refresh(): either
  // way the wait is over, so ec is not looked at.
  refresh_timer.async_wait([this](beast::error_code) {
    if (stopping) return;
    refreshing = true;
    // A notification means something changed, perhaps only a group or a
    // ratio (which the polled release generation does not show): rebuild.
    const bool force = wake_requested.exchange(false);
    // Reloading the catalog reads the store: keep it off the I/O threads.
    asio::post(workers, [this, force] {
      auto changed = service.refresh(force);
      // Said once when refreshes start failing and once when they recover,
      // not at every interval of an outage.
      if (!changed && !refresh_failing)
        std::cerr << "lgbench: refresh failed, serving the last snapshot (degraded) until the "
                     "store can be read: "
                  << changed.error().message << std::endl;
      else if (changed && refresh_failing)
        std::cerr << "lgbench: refresh succeeded again; no longer degraded" << std::endl;
      refresh_failing = !changed;
      asio::post(refresh_timer.get_executor(), [this] {
        refreshing = false;
        schedule_refresh(wake_requested ? std::chrono::milliseconds(0) : options.refresh_interval);
      });
    });
  });
}

Server::Server(ApiService& service, ServerOptions options) {
  if (options.threads <= 0)
    options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  impl_ = std::make_unique<Impl>(service, std::move(options));
}

Server::~Server() { stop(); }

Result<uint16_t> Server::start() {
  Impl& s = *impl_;
  beast::error_code ec;
  auto address = asio::ip::make_address(s.options.host, ec);
  if (ec) return invalid("bad host address '" + s.options.host + "': " + ec.message());
  tcp::endpoint endpoint(address, s.options.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return io_error("cannot listen on " + s.options.host + ":" + std::to_string(s.options.port) +
                    ": " + ec.message());
  s.port = s.acceptor.local_endpoint().port();
  s.accept();
  s.schedule_refresh(s.options.refresh_interval);
  s.change_watch = s.service.watch_store([&s] { s.wake_refresh(); });
  for (int i = 0; i < s.options.threads; ++i) s.threads.emplace_back([&s] { s.io.run(); });
  s.running = true;
  return s.port;
}

void Server::stop(std::chrono::milliseconds grace) {
  Impl& s = *impl_;
  if (!s.running) return;
  s.running = false;
  s.stopping = true;
  s.change_watch.reset();  // joins the listener: no wake_refresh() after this
  asio::post(s.acceptor.get_executor(), [&s] {
    beast::error_code ec;
    s.acceptor.close(ec);
  });
  asio::post(s.refresh_timer.get_executor(), [&s] { s.refresh_timer.cancel(); });
  // Collect owners under the lock but drop them outside it: the last owner
  // of a session runs ~Session, which takes sessions_mutex itself.
  std::vector<std::shared_ptr<Session>> open;
  {
    std::lock_guard lock(s.sessions_mutex);
    for (Session* session : s.sessions)
      if (auto alive = session->weak_from_this().lock()) open.push_back(std::move(alive));
  }
  for (auto& session : open) session->shut_down();
  open.clear();
  {
    std::unique_lock lock(s.sessions_mutex);
    s.sessions_empty.wait_for(lock, grace, [&s] { return s.sessions.empty(); });
  }
  s.workers.join();
  s.io.stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
}

uint16_t Server::port() const { return impl_->port; }

}  // namespace lgb::api
