#include "api/admission.h"

#include <algorithm>

namespace lgb::api {

Admission::Connection Admission::open(const std::string& client, bool force) {
  std::lock_guard lock(mutex_);
  if (!force && connections_ >= limits_.max_connections) return Connection::kServerFull;
  ClientState& c = clients_[client];
  if (c.connections >= limits_.max_connections_per_client) {
    forget_if_idle(client);
    return Connection::kClientFull;
  }
  ++c.connections;
  ++connections_;
  return Connection::kAdmit;
}

void Admission::close(const std::string& client) {
  std::lock_guard lock(mutex_);
  auto it = clients_.find(client);
  if (it == clients_.end() || it->second.connections == 0) return;
  --it->second.connections;
  --connections_;
  forget_if_idle(client);
}

void Admission::forget_if_idle(const std::string& client) {
  auto it = clients_.find(client);
  if (it != clients_.end() && it->second.connections == 0 && it->second.responses.empty())
    clients_.erase(it);
}

Admission::WriterId Admission::start_write(const std::string& client, const void* response,
                                           size_t bytes, std::function<void()> shed) {
  std::lock_guard lock(mutex_);
  if (responses_[response]++ == 0) {
    bytes_ += bytes;
    peak_bytes_ = std::max(peak_bytes_, bytes_);
  }
  ClientState& c = clients_[client];
  if (c.responses[response]++ == 0) c.bytes += bytes;
  WriterId id = next_id_++;
  writers_.emplace(id, Writer{client, response, bytes, Clock::now(), std::move(shed)});
  return id;
}

void Admission::progress(WriterId id) {
  std::lock_guard lock(mutex_);
  auto it = writers_.find(id);
  if (it != writers_.end()) it->second.last_progress = Clock::now();
}

void Admission::end_write(WriterId id) {
  std::function<void()> dropped;  // destroyed outside the lock
  std::lock_guard lock(mutex_);
  auto it = writers_.find(id);
  if (it == writers_.end()) return;
  Writer& w = it->second;
  dropped = std::move(w.shed);
  if (--responses_[w.response] == 0) {
    responses_.erase(w.response);
    bytes_ -= w.bytes;
  }
  ClientState& c = clients_[w.client];
  if (--c.responses[w.response] == 0) {
    c.responses.erase(w.response);
    c.bytes -= w.bytes;
  }
  std::string client = std::move(w.client);
  writers_.erase(it);
  forget_if_idle(client);
}

Admission::Render Admission::may_render(const std::string& client) const {
  std::lock_guard lock(mutex_);
  auto it = clients_.find(client);
  if (it != clients_.end() && it->second.bytes >= limits_.max_inflight_bytes_per_client)
    return Render::kClientBudget;
  if (bytes_ >= limits_.max_inflight_bytes) return Render::kServerBudget;
  return Render::kGo;
}

std::function<void()> Admission::pick_stalled(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Writer* victim = nullptr;
  size_t victim_client_bytes = 0;
  for (auto& [id, w] : writers_) {
    if (!w.shed || now - w.last_progress < limits_.stall_grace) continue;
    size_t client_bytes = clients_[w.client].bytes;
    if (!victim || client_bytes > victim_client_bytes ||
        (client_bytes == victim_client_bytes && w.last_progress < victim->last_progress)) {
      victim = &w;
      victim_client_bytes = client_bytes;
    }
  }
  if (!victim) return {};
  std::function<void()> shed = std::move(victim->shed);
  victim->shed = nullptr;
  return shed;
}

Admission::Counts Admission::counts() const {
  std::lock_guard lock(mutex_);
  return {connections_, bytes_, peak_bytes_, writers_.size()};
}

}  // namespace lgb::api
