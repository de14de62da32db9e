// Admission: the connection caps, the bytes-in-flight accounting and the
// choice of whom to shed.
#include "api/admission.h"

#include <gtest/gtest.h>

namespace lgb::api {
namespace {

AdmissionLimits small_limits() {
  AdmissionLimits l;
  l.max_connections = 3;
  l.max_connections_per_client = 2;
  l.max_inflight_bytes = 100;
  l.max_inflight_bytes_per_client = 60;
  l.stall_grace = std::chrono::milliseconds(1000);
  return l;
}

TEST(Admission, CapsConnectionsPerClientAndInTotal) {
  Admission a(small_limits());
  EXPECT_EQ(a.open("A"), Admission::Connection::kAdmit);
  EXPECT_EQ(a.open("A"), Admission::Connection::kAdmit);
  EXPECT_EQ(a.open("A"), Admission::Connection::kClientFull);
  EXPECT_EQ(a.open("B"), Admission::Connection::kAdmit);
  EXPECT_EQ(a.open("C"), Admission::Connection::kServerFull);
  // Forced (an idle connection is being closed for it): past the total, not
  // past the client's own cap.
  EXPECT_EQ(a.open("C", true), Admission::Connection::kAdmit);
  EXPECT_EQ(a.open("A", true), Admission::Connection::kClientFull);
  EXPECT_EQ(a.counts().connections, 4u);
  a.close("A");
  a.close("C");
  EXPECT_EQ(a.open("A"), Admission::Connection::kAdmit);
  EXPECT_EQ(a.counts().connections, 3u);
}

TEST(Admission, CountsAResponseWrittenToManyConnectionsOnce) {
  Admission a(small_limits());
  int cached = 0, other = 0;  // stand-ins for two PreparedResponses
  auto w1 = a.start_write("A", &cached, 40, [] {});
  auto w2 = a.start_write("B", &cached, 40, [] {});
  auto w3 = a.start_write("A", &cached, 40, [] {});
  EXPECT_EQ(a.counts().inflight_bytes, 40u);
  auto w4 = a.start_write("B", &other, 30, [] {});
  EXPECT_EQ(a.counts().inflight_bytes, 70u);
  EXPECT_EQ(a.counts().writers, 4u);
  a.end_write(w1);
  a.end_write(w2);
  EXPECT_EQ(a.counts().inflight_bytes, 70u);  // w3 still writes it
  a.end_write(w3);
  a.end_write(w4);
  EXPECT_EQ(a.counts().inflight_bytes, 0u);
  EXPECT_EQ(a.counts().peak_inflight_bytes, 70u);
  a.end_write(w4);  // twice is harmless
  EXPECT_EQ(a.counts().inflight_bytes, 0u);
}

TEST(Admission, RenderingWaitsForTheClientsAndTheServersBudget) {
  Admission a(small_limits());
  int r1 = 0, r2 = 0;
  EXPECT_EQ(a.may_render("A"), Admission::Render::kGo);
  auto w1 = a.start_write("A", &r1, 60, [] {});
  EXPECT_EQ(a.may_render("A"), Admission::Render::kClientBudget);
  EXPECT_EQ(a.may_render("B"), Admission::Render::kGo);
  auto w2 = a.start_write("B", &r2, 45, [] {});
  EXPECT_EQ(a.may_render("C"), Admission::Render::kServerBudget);
  a.end_write(w1);
  EXPECT_EQ(a.may_render("A"), Admission::Render::kGo);
  EXPECT_EQ(a.may_render("C"), Admission::Render::kGo);
  a.end_write(w2);
}

TEST(Admission, ShedsTheLongestStalledWriterOfTheBiggestHolder) {
  Admission a(small_limits());
  using Clock = Admission::Clock;
  Clock::time_point t0 = Clock::now();
  int r1 = 0, r2 = 0, r3 = 0;
  std::vector<std::string> shed;
  a.start_write("small", &r1, 10, [&] { shed.push_back("small"); });
  auto big1 = a.start_write("big", &r2, 30, [&] { shed.push_back("big-1"); });
  a.start_write("big", &r3, 30, [&] { shed.push_back("big-2"); });
  // Nobody has stalled for the grace period yet.
  EXPECT_FALSE(a.pick_stalled(t0));
  // A writer that makes progress is not stalled.
  a.progress(big1);
  auto later = Clock::now() + std::chrono::seconds(2);
  auto first = a.pick_stalled(later);
  ASSERT_TRUE(first);
  first();
  auto second = a.pick_stalled(later);
  ASSERT_TRUE(second);
  second();
  auto third = a.pick_stalled(later);
  ASSERT_TRUE(third);
  third();
  EXPECT_FALSE(a.pick_stalled(later));  // each is handed out once
  ASSERT_EQ(shed.size(), 3u);
  // "big" holds 60 bytes, so its writers go before "small"'s; of the two,
  // the one stalled longest (big-2: big-1 made progress) first.
  EXPECT_EQ(shed[0], "big-2");
  EXPECT_EQ(shed[1], "big-1");
  EXPECT_EQ(shed[2], "small");
}

}  // namespace
}  // namespace lgb::api
