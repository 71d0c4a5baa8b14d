#include "core/file_reader.h"

#include <unistd.h>

#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "testing/shared_data.h"

namespace ward {
namespace {

TEST(FileReader, InflatesGzippedSyntheaBundle) {
  auto path = testing::shared_data("synthea/Antonia30_Ruelas156_fe07e69a-4d6d-4e11-a675-de69f62de5f3.json.gz");
  auto data = read_input_file(path);
  ASSERT_TRUE(data) << data.error().describe();
  EXPECT_NE(data->view().find("\"resourceType\""), std::string::npos);
  auto padded = read_input_file(path, 64);
  ASSERT_TRUE(padded) << padded.error().describe();
  EXPECT_EQ(padded->view(), data->view());
  EXPECT_EQ(std::string_view(padded->view().data() + padded->size(), 64), std::string(64, '\0'));
}

TEST(FileReader, TruncatedGzipIsAClearError) {
  auto path = testing::shared_data("synthea/Antonia30_Ruelas156_fe07e69a-4d6d-4e11-a675-de69f62de5f3.json.gz");
  std::string bytes = testing::read_file(path);
  auto r = gunzip(std::string_view(bytes).substr(0, bytes.size() / 2), "cut.json.gz");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().source, "cut.json.gz");
  EXPECT_NE(r.error().message.find("truncated"), std::string::npos);
}

TEST(FileReader, MapsPlainFilesAndReadsEmptyOnes) {
  testing::TempDir dir;
  std::string text = "MSH|^~\\&|A\r";
  testing::write_file(dir.path() / "a.hl7", text);
  std::fclose(std::fopen((dir.path() / "empty").c_str(), "wb"));
  auto a = read_input_file(dir.path() / "a.hl7");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->view(), text);
  InputBytes moved(std::move(*a));
  EXPECT_EQ(moved.view(), text);
  auto empty = read_input_file(dir.path() / "empty");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->size(), 0u);
  auto folder = read_input_file(dir.path());
  ASSERT_FALSE(folder);
  EXPECT_NE(folder.error().message.find("not a regular file"), std::string::npos);
}

// A file that fills its last page exactly has no zero tail of its own: the padding must come
// from the pages mapped after it.
TEST(FileReader, PaddingFollowsTheBytesOfAWholePageFile) {
  testing::TempDir dir;
  const std::string text(4096, 'x');
  testing::write_file(dir.path() / "page.jsonl", text);
  for (std::size_t padding : {std::size_t{0}, std::size_t{64}, std::size_t{5000}}) {
    auto a = read_input_file(dir.path() / "page.jsonl", padding);
    ASSERT_TRUE(a) << a.error().describe();
    EXPECT_EQ(a->view(), text);
    InputBytes moved(std::move(*a));
    EXPECT_EQ(moved.view(), text);
    EXPECT_EQ(std::string_view(moved.view().data() + text.size(), padding), std::string(padding, '\0'));
  }
  std::fclose(std::fopen((dir.path() / "empty").c_str(), "wb"));
  auto empty = read_input_file(dir.path() / "empty", 64);
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->size(), 0u);
  EXPECT_EQ(std::string_view(empty->view().data(), 64), std::string(64, '\0'));
}

// Resident pages of this process (/proc/self/statm, second field).
long resident_pages() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  long size = 0, resident = 0;
  if (f != nullptr) {
    if (std::fscanf(f, "%ld %ld", &size, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident;
}

TEST(FileReader, ReleasedBytesLeaveMemoryAndReadTheSame) {
  testing::TempDir dir;
  std::string text;
  for (int i = 0; text.size() < 32u << 20; ++i) text += "{\"resourceType\":\"AuditEvent\",\"id\":\"" + std::to_string(i) + "\"}\n";
  testing::write_file(dir.path() / "big.ndjson", text);
  auto data = read_input_file(dir.path() / "big.ndjson");
  ASSERT_TRUE(data);
  ASSERT_EQ(data->view(), text);  // every page touched
  const long before = resident_pages();
  data->release(data->view());
  const long after = resident_pages();
  const long page = ::sysconf(_SC_PAGESIZE);
  EXPECT_LT(after, before - static_cast<long>((24u << 20) / page)) << "the released pages are still resident";
  EXPECT_EQ(data->view(), text);  // read again from the file
  // An owned buffer (an inflated .gz) is kept as it is.
  InputBytes owned(std::string("abc"));
  owned.release(owned.view());
  EXPECT_EQ(owned.view(), "abc");
}

TEST(FileReader, PartsReadIntoTheBufferWithPaddingAndLeaveTheMapAlone) {
  testing::TempDir dir;
  std::string text;
  for (int i = 0; text.size() < 3u << 20; ++i) text += "{\"id\":" + std::to_string(i) + "}\n";
  testing::write_file(dir.path() / "parts.jsonl", text);
  auto data = read_input_file(dir.path() / "parts.jsonl", 64, InputUse::parts);
  ASSERT_TRUE(data) << data.error().describe();
  const long before = resident_pages();
  std::string buffer;
  for (std::size_t begin : {std::size_t{0}, std::size_t{1} << 20, text.size() - 100}) {
    auto part = data->read(begin, 1 << 20, buffer);
    ASSERT_TRUE(part) << part.error().describe();
    EXPECT_EQ(*part, std::string_view(text).substr(begin, 1 << 20));
    EXPECT_EQ(part->data(), buffer.data()) << "copied into the caller's buffer";
    EXPECT_GE(buffer.size(), part->size() + 64) << "followed by the padding";
  }
  const long page = ::sysconf(_SC_PAGESIZE);
  EXPECT_LT(resident_pages() - before, static_cast<long>((1u << 20) / page) + 64) << "the map was read too";
  EXPECT_EQ(data->view(), text);
  // A file read whole gives views into itself.
  auto whole = read_input_file(dir.path() / "parts.jsonl", 64);
  ASSERT_TRUE(whole);
  auto part = whole->read(10, 20, buffer);
  ASSERT_TRUE(part);
  EXPECT_EQ(part->data(), whole->view().data() + 10);
  EXPECT_EQ(*part, std::string_view(text).substr(10, 20));
}

TEST(FileReader, MissingFileNamesIt) {
  auto r = read_input_file("/nonexistent/ward/input.ndjson");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().source, "/nonexistent/ward/input.ndjson");
}

}  // namespace
}  // namespace ward
