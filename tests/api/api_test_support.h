// Support for the API and CLI tests: run the real lgbench binary (LGB_BINARY),
// build a temporary store from the bundled real data with `lgbench ingest`,
// start `lgbench serve` on an ephemeral port, and talk HTTP to it with a small
// Beast client. Fixtures are built once per test binary and shared.
// Not thread-safe except where noted (HttpClient: one per thread).
#pragma once

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace lgb::test {
namespace fs = std::filesystem;

inline std::string source_dir() { return LGB_SOURCE_DIR; }
inline std::string data_dir() { return source_dir() + "/data"; }
inline std::string binary() { return LGB_BINARY; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = (fs::temp_directory_path() /
             ("lgbench-api-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++)))
                .string();
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `lgbench args...` to completion, capturing stdout and stderr.
inline RunResult run_lgbench(const std::vector<std::string>& args) {
  TempDir io;
  std::string out_path = io.file("out"), err_path = io.file("err");
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    std::string bin = binary();
    argv.push_back(bin.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

// Runs `lgbench args...`; throws with its output unless it exits 0 (fixtures).
inline void must_run(const std::vector<std::string>& args) {
  auto r = run_lgbench(args);
  if (r.exit_code != 0) throw std::runtime_error("lgbench failed: " + r.out + r.err);
}

// `lgbench serve` on an ephemeral port; stopped with SIGTERM on destruction.
// fd_limit > 0 runs it under that RLIMIT_NOFILE (soft and hard, as `ulimit -n`);
// bin is the lgbench to run (default: the one built with the tests).
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& db, std::vector<std::string> extra = {},
                         rlim_t fd_limit = 0, std::string bin = binary()) {
    int pipefd[2];
    if (pipe(pipefd) != 0) throw std::runtime_error("pipe failed");
    err_path_ = log_dir_.file("serve.err");
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive a crashed test binary
      if (fd_limit > 0) {
        rlimit rl{fd_limit, fd_limit};
        setrlimit(RLIMIT_NOFILE, &rl);
      }
      dup2(pipefd[1], 1);
      int err = open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(err, 2);
      close(pipefd[0]);
      std::vector<std::string> args = {bin, "serve", "--db", db, "--port", "0",
                                       "--threads", "2", "--refresh-ms", "100"};
      args.insert(args.end(), extra.begin(), extra.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(pipefd[1]);
    // The first line names the URL: "... listening on http://127.0.0.1:PORT/ ...".
    std::string line;
    char c;
    while (read(pipefd[0], &c, 1) == 1 && c != '\n') line += c;
    close(pipefd[0]);
    first_line_ = line;
    auto at = line.find("http://127.0.0.1:");
    if (at == std::string::npos)
      throw std::runtime_error("lgbench serve did not start: '" + line + "' " +
                               read_file(err_path_));
    port_ = static_cast<uint16_t>(std::stoi(line.substr(at + 17)));
  }
  ~ServerProcess() { stop(); }

  // SIGTERM and wait; returns the exit code (0 for a graceful stop).
  int stop() {
    if (pid_ <= 0) return exit_code_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }
  uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::string& first_line() const { return first_line_; }
  std::string stderr_text() const { return read_file(err_path_); }

 private:
  TempDir log_dir_;
  std::string err_path_;
  std::string first_line_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  int exit_code_ = -1;
};

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool keep_alive = false;

  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  boost::json::value json() const { return boost::json::parse(body); }
};

// A keep-alive HTTP/1.1 client on one connection. The Beast implementation
// lives in api_test_support.cpp so that only one test translation unit pays
// for the Boost.Beast/Asio headers.
class HttpClient {
 public:
  explicit HttpClient(uint16_t port);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse request(const std::string& method, const std::string& target,
                       const std::vector<std::pair<std::string, std::string>>& headers = {},
                       const std::string& body = {});
  HttpResponse get(const std::string& target,
                   const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return request("GET", target, headers);
  }
  // Sends raw bytes and reads one response (for malformed requests).
  HttpResponse raw(const std::string& bytes);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A plain TCP connection, for what HttpClient will not do: connect from
// another loopback address (each 127.x.y.z stands for another client), keep
// a tiny receive window, send half a request, see whether the server closed
// it. Implemented beside HttpClient (api_test_support.cpp).
class RawConnection {
 public:
  // source: the local address to connect from ("" for any); receive_buffer
  // > 0 sets SO_RCVBUF before connecting.
  explicit RawConnection(uint16_t port, const std::string& source = "", int receive_buffer = 0);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  void send(const std::string& bytes);
  // As send, but false instead of an exception when the server has reset it.
  bool try_send(const std::string& bytes);
  // Everything until the server closes the connection.
  std::string read_to_end();
  // What has arrived so far, without waiting.
  std::string read_available();
  // True once the server has closed it (end of stream or reset); what it
  // had sent is read and dropped.
  bool closed_by_server();
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One request with a JSON body on a fresh connection (POST, DELETE).
inline HttpResponse http_send(uint16_t port, const std::string& method, const std::string& target,
                              const std::string& body = {}) {
  HttpClient c(port);
  return c.request(method, target, {}, body);
}

// One GET on a fresh connection.
inline HttpResponse http_get(uint16_t port, const std::string& target,
                             const std::vector<std::pair<std::string, std::string>>& headers = {}) {
  HttpClient c(port);
  return c.get(target, headers);
}

// Minimal RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. Kept
// independent of the ingest reader on purpose: the fidelity test must not
// share the code it checks. A leading UTF-8 BOM is dropped.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Column index by header name; throws when absent.
inline size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  throw std::runtime_error("no column " + name);
}

// A store built by `lgbench ingest` from the bundled data and a server on it.
struct Fixture {
  virtual ~Fixture() = default;
  TempDir dir;
  std::string db;
  std::unique_ptr<ServerProcess> server;
};

// Writes to `db` a store loaded by `lgbench ingest --manifest manifest_path`.
// ctest runs every test in its own process and ingesting under the sanitizers
// takes seconds, so the first process to need a given manifest (with the
// current lgbench binary) ingests it into a cache beside the binary, under a
// file lock; the others copy the finished file. Defined in api_test_support.cpp.
void copy_cached_store(const std::string& manifest_text, const std::string& manifest_path,
                       const std::string& db);

// Writes a manifest of the given data/sources.csv rows (by path prefix; the
// register and catalogue always first) with absolute paths (of files and
// recipes), ingests it into the SQLite store f.db.
inline void load_fixture_store(Fixture& f, const std::vector<std::string>& only_paths) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(data_dir() + "/sources.csv"));
  std::string line;
  std::string manifest;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (header) {
      manifest += line + "\n";
      header = false;
      continue;
    }
    std::string path = line.substr(0, line.find(','));
    bool keep = only_paths.empty() || path.rfind("register/", 0) == 0 ||
                path.rfind("catalogue/", 0) == 0;
    for (const auto& p : only_paths) keep = keep || path == p;
    if (!keep) continue;
    // The last column, recipe, is a path relative to data/ too.
    size_t last = line.rfind(',');
    std::string recipe = line.substr(last + 1);
    if (!recipe.empty()) line = line.substr(0, last + 1) + data_dir() + "/" + recipe;
    manifest += data_dir() + "/" + line + "\n";
  }
  write_file(f.dir.file("manifest.csv"), manifest);
  copy_cached_store(manifest, f.dir.file("manifest.csv"), f.db);
}

// The server every fixture starts on its store.
inline std::unique_ptr<ServerProcess> start_fixture_server(const std::string& db) {
  return std::make_unique<ServerProcess>(
      db, std::vector<std::string>{"--web-root", source_dir() + "/web", "--data-dir", data_dir(),
                                   "--allow-writes"});
}

// load_fixture_store into a fresh SQLite file, and a server on it.
inline std::unique_ptr<Fixture> make_fixture(const std::vector<std::string>& only_paths) {
  auto f = std::make_unique<Fixture>();
  f->db = f->dir.file("test.db");
  load_fixture_store(*f, only_paths);
  f->server = start_fixture_server(f->db);
  return f;
}

// The register, the catalogue and two ONS Explore Local Statistics files.
inline Fixture& small_fixture() {
  static std::unique_ptr<Fixture> f = make_fixture(
      {"ons-els/claimant-count.csv", "ons-els/housing-affordability-ratio.csv"});
  return *f;
}

// Every file in data/sources.csv.
inline Fixture& full_fixture() {
  static std::unique_ptr<Fixture> f = make_fixture({});
  return *f;
}

}  // namespace lgb::test
