#include "api/server.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <array>
#include <cctype>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_set>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "api/admission.h"
#include "api/compression.h"
#include "api/fair_queue.h"
#include "api/problem.h"

namespace lgb::api {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// "Date: Mon, 23 Nov 2026 09:21:16 GMT\r\n", formatted at most once a second
// per thread: RFC 9110 asks origin servers with a clock to send Date.
struct DateLine {
  std::array<char, 48> text{};
  size_t size = 0;
  std::string_view view() const { return {text.data(), size}; }
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

// Responses are written in slices, each with its own deadline, so a client
// that reads slowly but steadily is served and one that stops is noticed.
constexpr size_t kSlice = 64 << 10;
constexpr size_t kHeaderLimit = 16 << 10;

// Whose limits a connection counts against: an IPv4 address, or the /64 of
// an IPv6 one (what one subscriber is usually given).
std::string client_key(const asio::ip::address& a) {
  if (a.is_v6()) {
    asio::ip::address_v6 v6 = a.to_v6();
    if (v6.is_v4_mapped()) return asio::ip::make_address_v4(asio::ip::v4_mapped, v6).to_string();
    asio::ip::address_v6::bytes_type bytes = v6.to_bytes();
    std::fill(bytes.begin() + 8, bytes.end(), 0);
    return asio::ip::address_v6(bytes).to_string() + "/64";
  }
  return a.to_string();
}

std::string mib(size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  return buf;
}

void log_line(const std::string& line) { std::cerr << "lgbench: " << line << std::endl; }

// True at most once per `every`: for messages about a condition that can
// recur thousands of times a second (out of descriptors, budget full).
class Once {
 public:
  explicit Once(std::chrono::seconds every) : every_(every) {}
  bool due() {
    int64_t now = Clock::now().time_since_epoch().count();
    int64_t last = last_.load();
    int64_t every = std::chrono::duration_cast<Clock::duration>(every_).count();
    return (last == 0 || now - last >= every) && last_.compare_exchange_strong(last, now);
  }

 private:
  std::chrono::seconds every_;
  std::atomic<int64_t> last_{0};
};

// A 503 for a connection the server will not keep, written straight to the
// socket without a session. Built once at start: when it is needed the
// process may have no descriptor to spare for anything else.
struct Refusal {
  explicit Refusal(std::string_view detail) {
    Response r = problem_response(503, detail, "/");
    r.headers.emplace_back("Retry-After", "1");
    auto p = prepare(r);
    head = p->head;
    tail = std::string(kConnectionClose) + std::string(kCrlf) + p->body;
  }
  std::string head, tail;  // the Date line goes between
};

// Best effort, never blocks: the client gets a reason rather than a reset.
void refuse_socket(int fd, const Refusal& refusal) {
  std::string bytes = refusal.head;
  bytes += current_date_line().view();
  bytes += refusal.tail;
  (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(fd, SHUT_WR);
  char drain[1024];  // unread request bytes would turn the close into a reset
  while (::recv(fd, drain, sizeof drain, MSG_DONTWAIT) > 0) {
  }
}

// Raises the soft descriptor limit to the hard one, and keeps the connection
// cap under it with reserved_fds spare for the database, files and the log.
ServerOptions fit_to_descriptors(ServerOptions o) {
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return o;
  if (rl.rlim_cur < rl.rlim_max) {
    rlimit raised = rl;
    raised.rlim_cur = std::min<rlim_t>(rl.rlim_max, rlim_t{1} << 20);
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0) rl = raised;
  }
  size_t limit = static_cast<size_t>(rl.rlim_cur);
  size_t reserve = std::min(o.reserved_fds, limit / 2);
  if (o.max_connections > limit - reserve) {
    log_line("at most " + std::to_string(limit - reserve) + " connections (descriptor limit " +
             std::to_string(limit) + ", " + std::to_string(reserve) +
             " kept for files); raise `ulimit -n` for more");
    o.max_connections = limit - reserve;
  }
  return o;
}

}  // namespace

class Session;

struct Server::Impl {
  Impl(ApiService& s, ServerOptions o)
      : service(s),
        options(std::move(o)),
        admission(AdmissionLimits{options.max_connections, options.max_connections_per_client,
                                  options.max_inflight_bytes,
                                  options.max_inflight_bytes_per_client, options.stall_grace}),
        io(std::max(1, options.threads)),
        acceptor(asio::make_strand(io)),
        accept_timer(acceptor.get_executor()),
        refresh_timer(asio::make_strand(io)),
        workers(FairQueue::Options{
            static_cast<size_t>(std::max(2, options.threads * 2)),
            // A fair share: one client never holds more than half the workers.
            static_cast<size_t>(std::max(1, options.threads)), options.queue_timeout,
            [this](const std::string& client) { return gate(client); },
            [this] { shed_stalled(); }}) {}

  void accept();
  // Refreshes every refresh_interval, or at once after wake_refresh().
  void schedule_refresh(std::chrono::milliseconds delay);
  // From any thread: the store says something changed (Store::watch_changes).
  void wake_refresh();
  void on_accept_error(const beast::error_code& ec);
  void refuse_pending();
  FairQueue::Gate gate(const std::string& client);
  void shed_stalled();

  void add(Session* s) {
    std::lock_guard lock(sessions_mutex);
    sessions.insert(s);
  }
  void remove(Session* s) {
    std::lock_guard lock(sessions_mutex);
    sessions.erase(s);
    if (sessions.empty()) sessions_empty.notify_all();
  }
  void idle_add(Session& s);
  void idle_remove(Session& s);
  // Asks the oldest idle keep-alive connection to close; false when none.
  bool close_oldest_idle();

  ApiService& service;
  ServerOptions options;
  // Declared before io: sessions destroyed with io's pending handlers still
  // unregister themselves here.
  Admission admission;
  std::mutex sessions_mutex;
  std::condition_variable sessions_empty;
  std::unordered_set<Session*> sessions;
  std::list<std::weak_ptr<Session>> idle;  // waiting for a request, oldest first
  asio::io_context io;
  tcp::acceptor acceptor;
  asio::steady_timer accept_timer;  // back-off when out of descriptors
  asio::steady_timer refresh_timer;
  bool refresh_failing = false;  // the refresh chain's own (one refresh at a time)
  bool refreshing = false;       // on refresh_timer's strand
  std::atomic<bool> wake_requested{false};
  std::unique_ptr<ChangeWatch> change_watch;  // null: polling only
  FairQueue workers;  // renders cache misses; stopped before io goes
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  bool running = false;
  uint16_t port = 0;

  const Refusal client_full{"too many connections from your address"};
  const Refusal server_full{"the server has too many connections; try again shortly"};
  // Out of descriptors (acceptor strand only): descriptors held in reserve,
  // let go while the shortage is handled, so that pending connections can
  // still be accepted and told 503 and the log (or a sanitizer) can work.
  std::array<int, 2> spare_fds{-1, -1};
  void hold_spares();
  void release_spares();
  std::chrono::milliseconds backoff{0};
  bool out_of_fds = false;
  Clock::time_point fd_episode_start;
  size_t fd_accept_errors = 0;
  Once fd_log{std::chrono::seconds(60)};

  std::atomic<size_t> refused{0};      // connections told 503 at accept
  std::atomic<size_t> shed{0};         // stalled writes closed for room
  std::atomic<size_t> idle_closed{0};  // idle connections closed for room
  Once budget_log{std::chrono::seconds(60)};
};

// One connection: wait for a request (idle), read it, answer it (from the
// cache inline, otherwise through the fair worker queue), write it in
// slices, repeat while keep-alive. All of a session's handlers run on its
// strand.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server, std::string client)
      : stream_(std::move(socket)),
        timer_(stream_.get_executor()),
        server_(server),
        client_(std::move(client)) {
    server_.add(this);
  }
  ~Session() {
    server_.admission.close(client_);
    server_.remove(this);
  }

  void start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
  }

  // Called from stop(): a connection waiting for or reading a request closes
  // now, one being answered after its response is written.
  void shut_down() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      self->keep_alive_ = false;
      if (self->idle_ || self->reading_) {
        beast::error_code ec;
        self->stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
        self->stream_.socket().cancel(ec);
      }
    });
  }

  // Called at the connection cap: close if still waiting for a request.
  void close_if_idle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->idle_) return;
      beast::error_code ec;
      self->stream_.socket().cancel(ec);  // on_readable closes
    });
  }

 private:
  friend struct Server::Impl;

  // Idle: wait until the client sends something (or the idle timeout).
  void read() {
    if (server_.stopping) return close();
    parser_.reset();  // an idle connection keeps no request
    if (buffer_.size() > 0) return read_request();  // pipelined
    if (buffer_.capacity() > 4096) buffer_.shrink_to_fit();
    idle_ = true;
    server_.idle_add(*this);
    arm_timer(server_.options.read_timeout);
    stream_.socket().async_wait(tcp::socket::wait_read,
                                [self = shared_from_this()](beast::error_code ec) {
                                  self->on_readable(ec);
                                });
  }

  void on_readable(beast::error_code ec) {
    idle_ = false;
    server_.idle_remove(*this);
    timer_.cancel();
    if (ec || server_.stopping) return close();  // idle timeout, room made, or stopping
    read_request();
  }

  // A request has begun: it must be complete within read_timeout.
  void read_request() {
    parser_.emplace();
    parser_->body_limit(server_.options.max_body_bytes);
    parser_->header_limit(kHeaderLimit);
    reading_ = true;
    timed_out_ = false;
    stream_.expires_never();
    arm_timer(server_.options.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       self->on_read(ec);
                     });
  }

  // Our own timer rather than the stream's: the stream's closes the socket
  // when it fires, and a request cut short deserves a 408.
  void arm_timer(std::chrono::milliseconds after) {
    timer_.expires_after(after);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      // A handler already queued when the timer was re-armed finds a later
      // expiry and does nothing.
      if (ec || self->timer_.expiry() > Clock::now()) return;
      self->timed_out_ = true;
      self->stream_.socket().cancel(ec);
    });
  }

  void on_read(beast::error_code ec) {
    reading_ = false;
    timer_.cancel();
    if (ec == asio::error::operation_aborted && timed_out_ && !server_.stopping &&
        (parser_->got_some() || buffer_.size() > 0)) {
      // Headers unfinished, or a body shorter than its Content-Length.
      keep_alive_ = false;
      return write(prepare(problem_response(408, "the request did not arrive in time", "/")));
    }
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

    const bool credentials = carries_credentials(req[http::field::authorization],
                                                 req[http::field::cookie], target);
    if (!credentials)
      if (auto cached = server_.service.find_cached(method, target)) return write(std::move(cached));

    // The headers the application reads (http.h, Request::headers).
    std::vector<std::pair<std::string, std::string>> headers;
    for (auto field : {http::field::authorization, http::field::cookie, http::field::host,
                       http::field::origin, http::field::content_type}) {
      auto it = req.find(field);
      if (it != req.end())
        headers.emplace_back(std::string(http::to_string(field)), std::string(it->value()));
    }
    if (auto it = req.find("x-forwarded-proto"); it != req.end())
      headers.emplace_back("x-forwarded-proto", std::string(it->value()));
    for (auto& [name, value] : headers)
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!client_.empty()) headers.emplace_back("x-lgb-peer", client_);

    // Not cached: render on a worker when this client's turn comes.
    auto self = shared_from_this();
    FairQueue::Job job;
    job.run = [self, method = std::string(method), target = std::string(target),
               headers = std::move(headers), body = std::move(req.body())]() mutable {
      if (self->closed_) return;  // gone while it waited
      std::shared_ptr<const PreparedResponse> response;
      try {
        response = self->server_.service.handle(method, target, std::move(body),
                                                std::move(headers));
      } catch (const std::exception& e) {
        std::cerr << "lgbench: " << method << " " << target << ": " << e.what() << "\n";
        response = prepare(problem_response(500, "internal error", "/"));
      }
      // Compressed here, on the worker, when the client takes gzip; and
      // counted from now, not from when the strand gets to it: otherwise
      // the next render could start on a budget that is already spent.
      response = self->encoded(std::move(response));
      Admission::WriterId held = self->hold(*response);
      asio::dispatch(self->stream_.get_executor(), [self, response = std::move(response), held] {
        self->write(response, held);
      });
    };
    job.refuse = [self] {
      asio::dispatch(self->stream_.get_executor(), [self] {
        self->keep_alive_ = false;
        Response r = problem_response(503, "the server is busy; try again shortly", "/");
        r.headers.emplace_back("Retry-After", "1");
        self->write(prepare(r));
      });
    };
    server_.workers.post(client_, std::move(job));
  }

  // Counts a response against the budgets until its last byte is taken (or
  // the connection closes); any thread. The shed callback closes this
  // connection if it is still writing this response.
  Admission::WriterId hold(const PreparedResponse& r) {
    uint64_t seq = ++write_seq_;
    // The callback holds only a weak pointer: Admission outlives io (and
    // with it every strand), so it must not keep an executor.
    return server_.admission.start_write(client_, &r, r.body.size(), [weak = weak_from_this(), seq] {
      if (auto self = weak.lock())
        asio::post(self->stream_.get_executor(), [weak, seq] {
          if (auto alive = weak.lock()) alive->shed(seq);
        });
    });
  }

  // The response as this client takes it: gzip-compressed when it asked
  // for gzip and the body compresses (see PreparedResponse::gzipped).
  std::shared_ptr<const PreparedResponse> encoded(std::shared_ptr<const PreparedResponse> r) const {
    if (gzip_)
      if (auto z = r->gzipped()) return z;
    return r;
  }

  // `held`: the response was already counted by hold() (and encoded).
  void write(std::shared_ptr<const PreparedResponse> response, Admission::WriterId held = 0) {
    if (closed_) {
      if (held) release(held);
      return;
    }
    if (!held) response = encoded(std::move(response));
    writer_ = held ? held : hold(*response);
    response_ = std::move(response);
    date_ = current_date_line();  // a copy: the thread's line may change mid-write
    bool not_modified = response_->cacheable && !if_none_match_.empty() &&
                        etag_matches(if_none_match_, response_->etag);
    head_text_ = not_modified ? &response_->not_modified_head : &response_->head;
    connection_ = !keep_alive_ ? kConnectionClose
                  : http_10_   ? kConnectionKeepAlive
                               : std::string_view();
    body_size_ = not_modified || head_ ? 0 : response_->body.size();
    written_ = 0;
    write_slice(true);
  }

  void write_slice(bool first) {
    size_t n = std::min(kSlice, body_size_ - written_);
    asio::const_buffer body(response_->body.data() + written_, n);
    stream_.expires_after(server_.options.write_timeout);
    auto done = [self = shared_from_this(), n](beast::error_code ec, size_t) {
      self->on_write(ec, n);
    };
    if (first) {
      std::array<asio::const_buffer, 5> buffers{
          asio::buffer(*head_text_), asio::buffer(date_.text.data(), date_.size),
          asio::buffer(connection_.data(), connection_.size()), asio::buffer(kCrlf.data(), 2),
          body};
      asio::async_write(stream_, buffers, std::move(done));
    } else {
      asio::async_write(stream_, body, std::move(done));
    }
  }

  void on_write(beast::error_code ec, size_t body_bytes) {
    if (!ec) {
      written_ += body_bytes;
      server_.admission.progress(writer_);
      if (written_ < body_size_) return write_slice(false);
    }
    response_.reset();
    release(writer_);
    if (ec || !keep_alive_) return close();
    read();
  }

  void release(Admission::WriterId writer) {
    server_.admission.end_write(writer);
    server_.workers.notify();  // bytes freed: a waiting render may start
  }

  // Closes a connection whose write stalled, to free its bytes for others.
  // An abortive close (RST) also drops what the kernel still holds for it.
  void shed(uint64_t seq) {
    if (seq != write_seq_ || !response_ || closed_) return;
    ++server_.shed;
    beast::error_code ec;
    stream_.socket().set_option(asio::socket_base::linger(true, 0), ec);
    closed_ = true;
    stream_.close();  // the pending write ends with an error: on_write
  }

  void close() {
    if (closed_.exchange(true)) return;
    beast::error_code ec;
    timer_.cancel();
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  asio::steady_timer timer_;  // idle and request deadlines
  Server::Impl& server_;
  const std::string client_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<const PreparedResponse> response_;
  const std::string* head_text_ = nullptr;
  std::string_view connection_;
  size_t body_size_ = 0;
  size_t written_ = 0;
  Admission::WriterId writer_ = 0;
  std::atomic<uint64_t> write_seq_{0};
  std::string if_none_match_;
  DateLine date_;
  bool keep_alive_ = true;
  bool http_10_ = false;
  bool head_ = false;
  bool gzip_ = false;  // the request's Accept-Encoding takes gzip
  bool idle_ = false;
  bool reading_ = false;
  bool timed_out_ = false;
  std::atomic<bool> closed_{false};
  // Place in Server::Impl::idle, guarded by its sessions_mutex.
  std::list<std::weak_ptr<Session>>::iterator idle_pos_;
  bool in_idle_list_ = false;
};

void Server::Impl::idle_add(Session& s) {
  std::lock_guard lock(sessions_mutex);
  if (s.in_idle_list_) return;
  s.idle_pos_ = idle.insert(idle.end(), s.weak_from_this());
  s.in_idle_list_ = true;
}

void Server::Impl::idle_remove(Session& s) {
  std::lock_guard lock(sessions_mutex);
  if (!s.in_idle_list_) return;
  idle.erase(s.idle_pos_);
  s.in_idle_list_ = false;
}

bool Server::Impl::close_oldest_idle() {
  std::shared_ptr<Session> victim;
  {
    std::lock_guard lock(sessions_mutex);
    while (!victim && !idle.empty()) {
      victim = idle.front().lock();
      if (victim) victim->in_idle_list_ = false;
      idle.pop_front();
    }
  }
  if (!victim) return false;
  ++idle_closed;
  victim->close_if_idle();
  return true;
}

void Server::Impl::accept() {
  acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (ec) return on_accept_error(ec);
    if (out_of_fds) {
      out_of_fds = false;
      double seconds = std::chrono::duration<double>(Clock::now() - fd_episode_start).count();
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.1f s", seconds);
      log_line("accepting connections again after " + std::string(buf) +
               " out of descriptors (" + std::to_string(fd_accept_errors) + " failed accepts)");
    }
    backoff = std::chrono::milliseconds(0);
    beast::error_code peer_ec;
    tcp::endpoint peer = socket.remote_endpoint(peer_ec);
    if (!peer_ec) {
      std::string client = client_key(peer.address());
      Admission::Connection verdict = admission.open(client);
      if (verdict == Admission::Connection::kServerFull && close_oldest_idle())
        verdict = admission.open(client, true);
      if (verdict == Admission::Connection::kAdmit) {
        socket.set_option(tcp::no_delay(true), ec);
        if (options.send_buffer_bytes > 0)
          socket.set_option(asio::socket_base::send_buffer_size(
                                static_cast<int>(options.send_buffer_bytes)),
                            ec);
        std::make_shared<Session>(std::move(socket), *this, std::move(client))->start();
      } else {
        ++refused;
        refuse_socket(socket.native_handle(),
                      verdict == Admission::Connection::kClientFull ? client_full : server_full);
      }
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

void Server::Impl::on_accept_error(const beast::error_code& ec) {
  // Let the reserve go first: everything below, even comparing error codes
  // (a virtual call, which UBSan checks through a pipe), may need a
  // descriptor, and there may be none.
  release_spares();
  if (ec == asio::error::operation_aborted) return;  // the acceptor closed
  bool out_of_resources = ec == asio::error::no_descriptors || ec.value() == ENFILE ||
                          ec == asio::error::no_buffer_space || ec == asio::error::no_memory;
  if (!out_of_resources) {  // e.g. the client gave up (ECONNABORTED)
    hold_spares();
    return accept();
  }
  // Retrying at once would spin: the pending connection is still there and
  // so is the shortage. Make room, then wait a little longer each time.
  if (!out_of_fds) {
    out_of_fds = true;
    fd_episode_start = Clock::now();
    fd_accept_errors = 0;
    if (fd_log.due())
      log_line("cannot accept: " + ec.message() + " (" + std::to_string(admission.counts().connections) +
               " connections open); closing idle connections and answering new ones 503 "
               "until descriptors free up (logged once a minute at most)");
  }
  ++fd_accept_errors;
  if (!close_oldest_idle()) refuse_pending();
  hold_spares();
  backoff = std::min(std::max(backoff * 2, std::chrono::milliseconds(10)),
                     std::chrono::milliseconds(1000));
  accept_timer.expires_after(backoff);
  accept_timer.async_wait([this](beast::error_code wait_ec) {
    if (!wait_ec && !stopping) accept();
  });
}

void Server::Impl::hold_spares() {
  for (int& fd : spare_fds)
    if (fd < 0) fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
}

void Server::Impl::release_spares() {
  for (int& fd : spare_fds) {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
}

// Out of descriptors with no idle connection to close: with the spare
// descriptors let go, accept what is waiting and tell it 503, rather than
// leave clients hanging in the backlog until they time out.
void Server::Impl::refuse_pending() {
  for (int i = 0; i < 64; ++i) {
    int fd = ::accept4(acceptor.native_handle(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) break;
    refuse_socket(fd, server_full);
    ::close(fd);
    ++refused;
  }
}

FairQueue::Gate Server::Impl::gate(const std::string& client) {
  if (client.empty()) return FairQueue::Gate::kGo;  // the server's own work (refresh)
  switch (admission.may_render(client)) {
    case Admission::Render::kGo: return FairQueue::Gate::kGo;
    case Admission::Render::kClientBudget: return FairQueue::Gate::kWait;
    case Admission::Render::kServerBudget: return FairQueue::Gate::kWaitShed;
  }
  return FairQueue::Gate::kWait;
}

void Server::Impl::shed_stalled() {
  std::function<void()> close_it = admission.pick_stalled();
  if (!close_it) return;
  if (budget_log.due())
    log_line(mib(options.max_inflight_bytes) +
             " of responses in flight (the limit): closing connections that stopped reading, "
             "largest holders first (logged once a minute at most)");
  close_it();
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
    auto again = [this] {
      asio::post(refresh_timer.get_executor(), [this] {
        refreshing = false;
        schedule_refresh(wake_requested ? std::chrono::milliseconds(0) : options.refresh_interval);
      });
    };
    // Reloading the catalog reads the store: keep it off the I/O threads.
    workers.post("", FairQueue::Job{[this, force, again] {
                                      auto changed = service.refresh(force);
                                      // Said once when refreshes start failing and once when
                                      // they recover, not at every interval of an outage.
                                      if (!changed && !refresh_failing)
                                        log_line("refresh failed, serving the last snapshot "
                                                 "(degraded) until the store can be read: " +
                                                 changed.error().message);
                                      else if (changed && refresh_failing)
                                        log_line("refresh succeeded again; no longer degraded");
                                      refresh_failing = !changed;
                                      again();
                                    },
                                    again});
  });
}

Server::Server(ApiService& service, ServerOptions options) {
  if (options.threads <= 0)
    options.threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  impl_ = std::make_unique<Impl>(service, fit_to_descriptors(std::move(options)));
}

Server::~Server() { stop(); }

Result<uint16_t> Server::start() {
  Impl& s = *impl_;
#ifdef __GLIBC__
  // Responses are large, short-lived strings. With a fixed threshold they are
  // mapped and unmapped, so their memory goes back to the system when they
  // are written; glibc's sliding threshold would otherwise keep it.
  mallopt(M_MMAP_THRESHOLD, 256 << 10);
#endif
  beast::error_code ec;
  auto address = asio::ip::make_address(s.options.host, ec);
  if (ec) return invalid("bad host address '" + s.options.host + "': " + ec.message());
  tcp::endpoint endpoint(address, s.options.port);
  s.acceptor.open(endpoint.protocol(), ec);
  if (!ec) s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor.bind(endpoint, ec);
  if (!ec) s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) s.acceptor.non_blocking(true, ec);
  if (ec)
    return io_error("cannot listen on " + s.options.host + ":" + std::to_string(s.options.port) +
                    ": " + ec.message());
  s.port = s.acceptor.local_endpoint().port();
  s.hold_spares();
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
    s.accept_timer.cancel();
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
  s.workers.stop();
  s.io.stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  s.release_spares();
  Admission::Counts c = s.admission.counts();
  log_line("stopped; peak responses in flight " + mib(c.peak_inflight_bytes) + " (limit " +
           mib(s.options.max_inflight_bytes) + "), " + std::to_string(s.refused) +
           " connections refused, " + std::to_string(s.idle_closed) + " idle closed for room, " +
           std::to_string(s.shed) + " stalled writes closed");
}

uint16_t Server::port() const { return impl_->port; }

}  // namespace lgb::api
