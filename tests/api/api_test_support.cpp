// The Beast side of the API test support: one translation unit, so the other
// test files compile without Boost.Beast/Asio.
#include "api_test_support.h"

#include <sys/file.h>

#include <cctype>
#include <functional>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace lgb::test {
namespace asio = boost::asio;
namespace http = boost::beast::http;

struct RawConnection::Impl {
  asio::io_context io;
  asio::ip::tcp::socket socket{io};
};

RawConnection::RawConnection(uint16_t port, const std::string& source, int receive_buffer)
    : impl_(std::make_unique<Impl>()) {
  auto& s = impl_->socket;
  s.open(asio::ip::tcp::v4());
  if (receive_buffer > 0) s.set_option(asio::socket_base::receive_buffer_size(receive_buffer));
  if (!source.empty()) s.bind({asio::ip::make_address(source), 0});
  s.connect({asio::ip::make_address("127.0.0.1"), port});
}

RawConnection::~RawConnection() = default;

void RawConnection::send(const std::string& bytes) {
  asio::write(impl_->socket, asio::buffer(bytes));
}

bool RawConnection::try_send(const std::string& bytes) {
  boost::system::error_code ec;
  asio::write(impl_->socket, asio::buffer(bytes), ec);
  return !ec;
}

// Reads until an error: the end of the stream, a reset, or (non-blocking)
// nothing more for now. Returns what was read and that error.
static std::pair<std::string, boost::system::error_code> read_until_error(
    asio::ip::tcp::socket& socket, bool blocking) {
  socket.non_blocking(!blocking);
  std::string out;
  char buf[65536];
  for (;;) {
    boost::system::error_code ec;
    size_t n = socket.read_some(asio::buffer(buf), ec);
    out.append(buf, n);
    if (ec) return {std::move(out), ec};
  }
}

std::string RawConnection::read_to_end() { return read_until_error(impl_->socket, true).first; }

std::string RawConnection::read_available() {
  return read_until_error(impl_->socket, false).first;
}

bool RawConnection::closed_by_server() {
  return read_until_error(impl_->socket, false).second != asio::error::would_block;
}

void RawConnection::close() {
  boost::system::error_code ec;
  impl_->socket.close(ec);
}

struct HttpClient::Impl {
  asio::io_context io;
  asio::ip::tcp::socket socket{io};
  boost::beast::flat_buffer buffer;
};

HttpClient::HttpClient(uint16_t port) : impl_(std::make_unique<Impl>()) {
  impl_->socket.connect({asio::ip::make_address("127.0.0.1"), port});
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::request(const std::string& method, const std::string& target,
                                 const std::vector<std::pair<std::string, std::string>>& headers,
                                 const std::string& body) {
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!body.empty() || method == "POST") {
    if (req.find(http::field::content_type) == req.end())
      req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
  }
  http::write(impl_->socket, req);
  http::response_parser<http::string_body> parser;
  parser.body_limit(512u << 20);
  if (method == "HEAD") parser.skip(true);
  http::read(impl_->socket, impl_->buffer, parser);
  auto& res = parser.get();
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  for (const auto& f : res) {
    std::string name(f.name_string());
    for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    out.headers[name] = std::string(f.value());
  }
  out.body = res.body();
  out.keep_alive = res.keep_alive();
  return out;
}

HttpResponse HttpClient::raw(const std::string& bytes) {
  asio::write(impl_->socket, asio::buffer(bytes));
  http::response<http::string_body> res;
  http::read(impl_->socket, impl_->buffer, res);
  HttpResponse out;
  out.status = static_cast<int>(res.result_int());
  out.body = res.body();
  out.keep_alive = res.keep_alive();
  return out;
}

void copy_cached_store(const std::string& manifest_text, const std::string& manifest_path,
                       const std::string& db) {
  fs::path dir = fs::path(binary()).parent_path() / "test-store-cache";
  fs::create_directories(dir);
  auto built = fs::last_write_time(binary()).time_since_epoch().count();
  std::string key = std::to_string(std::hash<std::string>{}(manifest_text + "\n" +
                                                            std::to_string(built)));
  fs::path cached = dir / (key + ".db");
  int lock = open((dir / (key + ".lock")).c_str(), O_RDWR | O_CREAT, 0644);
  if (lock < 0 || flock(lock, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + key);
  if (!fs::exists(cached)) {
    fs::path partial = dir / (key + ".partial");
    fs::remove(partial);
    RunResult r = run_lgbench({"ingest", "--db", partial.string(), "--manifest", manifest_path});
    if (r.exit_code != 0) {
      close(lock);
      throw std::runtime_error("ingest failed: " + r.out + r.err);
    }
    // The ingest process closed the store, which checkpoints and removes its WAL.
    fs::path wal = partial.string() + "-wal";
    if (fs::exists(wal) && fs::file_size(wal) > 0) {
      close(lock);
      throw std::runtime_error("ingest left a write-ahead log: " + wal.string());
    }
    fs::rename(partial, cached);
  }
  close(lock);
  fs::copy_file(cached, db, fs::copy_options::overwrite_existing);
}

}  // namespace lgb::test
