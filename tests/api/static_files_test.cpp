#include "api/static_files.h"

#include <gtest/gtest.h>

#include "api_test_support.h"

namespace lgb::api {
namespace {

TEST(StaticFiles, ContentTypes) {
  EXPECT_EQ(content_type_for("/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("/style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("/x.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("/blob"), "application/octet-stream");
}

TEST(StaticFiles, ServesIndexAndFilesUnderTheRoot) {
  test::TempDir root;
  test::write_file(root.file("index.html"), "<h1>hi</h1>");
  test::write_file(root.file("app.js"), "let x;");
  Response index = serve_static(root.path(), "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<h1>hi</h1>");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(serve_static(root.path(), "/app.js").body, "let x;");
}

TEST(StaticFiles, RefusesToLeaveTheRoot) {
  test::TempDir outer;
  std::filesystem::create_directories(outer.file("root"));
  test::write_file(outer.file("secret.txt"), "secret");
  test::write_file(outer.file("root/index.html"), "ok");
  std::string root = outer.file("root");
  EXPECT_EQ(serve_static(root, "/../secret.txt").status, 404);
  EXPECT_EQ(serve_static(root, "/./../secret.txt").status, 404);
  std::filesystem::create_symlink(outer.file("secret.txt"), outer.file("root/link.txt"));
  EXPECT_EQ(serve_static(root, "/link.txt").status, 404);
  EXPECT_EQ(serve_static(root, "/missing.html").status, 404);
  EXPECT_EQ(serve_static("", "/index.html").status, 404);
}

}  // namespace
}  // namespace lgb::api
