// JsonWriter: a small streaming JSON writer for the benchmarking responses,
// so numbers read 3.2 rather than boost::json's 3.2E0 and no tree is built.
// Commas are inserted automatically. One writer per response; not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/json_encoder.h"

namespace lgb::api {

class JsonWriter {
 public:
  JsonWriter& begin_object() { return open('{'); }
  JsonWriter& end_object() { return close('}'); }
  JsonWriter& begin_array() { return open('['); }
  JsonWriter& end_array() { return close(']'); }

  JsonWriter& key(std::string_view k) {
    separate();
    append_json_string(out_, k);
    out_ += ':';
    after_key_ = true;
    return *this;
  }
  JsonWriter& str(std::string_view s) {
    separate();
    append_json_string(out_, s);
    return *this;
  }
  // An empty text is written as null (absent marker, previous period, ...).
  JsonWriter& str_or_null(std::string_view s) { return s.empty() ? null() : str(s); }
  JsonWriter& num(double n) {
    separate();
    append_json_number(out_, n);
    return *this;
  }
  JsonWriter& num(const std::optional<double>& n) { return n ? num(*n) : null(); }
  JsonWriter& integer(int64_t n) {
    separate();
    out_ += std::to_string(n);
    return *this;
  }
  JsonWriter& boolean(bool b) {
    separate();
    out_ += b ? "true" : "false";
    return *this;
  }
  JsonWriter& null() {
    separate();
    out_ += "null";
    return *this;
  }
  // Already-encoded JSON, e.g. from encode().
  JsonWriter& raw(std::string_view json) {
    separate();
    out_ += json;
    return *this;
  }

  // key + value shorthands.
  JsonWriter& field(std::string_view k, std::string_view v) { return key(k).str(v); }
  JsonWriter& field(std::string_view k, const char* v) { return key(k).str(v); }
  JsonWriter& field(std::string_view k, const std::string& v) { return key(k).str(v); }
  JsonWriter& field(std::string_view k, double v) { return key(k).num(v); }
  JsonWriter& field(std::string_view k, const std::optional<double>& v) { return key(k).num(v); }
  JsonWriter& field(std::string_view k, int v) { return key(k).integer(v); }
  JsonWriter& field(std::string_view k, int64_t v) { return key(k).integer(v); }
  JsonWriter& field(std::string_view k, bool v) { return key(k).boolean(v); }
  JsonWriter& field_or_null(std::string_view k, std::string_view v) { return key(k).str_or_null(v); }

  std::string take() { return std::move(out_); }

 private:
  JsonWriter& open(char c) {
    separate();
    out_ += c;
    first_.push_back(true);
    return *this;
  }
  JsonWriter& close(char c) {
    out_ += c;
    first_.pop_back();
    return *this;
  }
  void separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_.empty()) {
      if (!first_.back()) out_ += ',';
      first_.back() = false;
    }
  }

  std::string out_;
  std::vector<bool> first_;  // per open container: nothing written yet
  bool after_key_ = false;
};

}  // namespace lgb::api
