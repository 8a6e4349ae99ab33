#include "exchange/csv.h"

#include <gtest/gtest.h>

#include <sstream>

namespace opkomst {
namespace {

struct Case {
  const char* name;
  std::string input;
  std::vector<std::vector<std::string>> records;  // expected records before an error
  const char* error_rule;                         // nullptr: no error
  int error_line;
};

// Reads records until the end or the first error.
void Check(const Case& c) {
  std::istringstream in(c.input);
  CsvReader reader(&in, "t.csv");
  std::vector<std::vector<std::string>> got;
  std::vector<std::string> fields;
  Finding error;
  CsvReader::Result r;
  while ((r = reader.Next(&fields, &error)) == CsvReader::Result::kRecord) got.push_back(fields);
  EXPECT_EQ(got, c.records) << c.name;
  if (c.error_rule == nullptr) {
    EXPECT_EQ(r, CsvReader::Result::kEnd) << c.name << ": " << error.rule;
  } else {
    ASSERT_EQ(r, CsvReader::Result::kError) << c.name;
    EXPECT_EQ(error.rule, c.error_rule) << c.name;
    EXPECT_EQ(error.line, c.error_line) << c.name;
    EXPECT_EQ(error.file, "t.csv");
  }
}

TEST(CsvReaderTest, Rfc4180Cases) {
  const Case cases[] = {
      {"simple", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}, nullptr, 0},
      {"crlf", "a,b\r\n1,2\r\n", {{"a", "b"}, {"1", "2"}}, nullptr, 0},
      {"no final newline", "a,b\n1,2", {{"a", "b"}, {"1", "2"}}, nullptr, 0},
      {"bom",
       "\xEF\xBB\xBF"
       "a,b\n",
       {{"a", "b"}},
       nullptr,
       0},
      {"empty fields", ",,\n", {{"", "", ""}}, nullptr, 0},
      {"quoted comma", "\"a,b\",c\n", {{"a,b", "c"}}, nullptr, 0},
      {"doubled quote", "\"say \"\"hi\"\"\"\n", {{"say \"hi\""}}, nullptr, 0},
      {"newline in quotes", "\"line1\nline2\",x\ny,z\n", {{"line1\nline2", "x"}, {"y", "z"}}, nullptr, 0},
      {"crlf in quotes", "\"a\r\nb\"\r\n", {{"a\r\nb"}}, nullptr, 0},
      {"utf8", "Crisisopvang/ residentiële opvang\n", {{"Crisisopvang/ residentiële opvang"}}, nullptr, 0},
      {"unterminated quote", "a\n\"open,b\nc\n", {{"a"}}, "csv.quote_unterminated", 2},
      {"stray quote", "a\nab\"c,d\n", {{"a"}}, "csv.quote_stray", 2},
      {"text after quote", "a\n\"ab\"c,d\n", {{"a"}}, "csv.quote_trailing", 2},
      {"latin1", "a\ncaf\xE9\n", {{"a"}}, "csv.encoding", 2},
      {"overlong utf8", "\xC0\xAF\n", {}, "csv.encoding", 1},
      {"nul byte", std::string("a\nb\0c\n", 6), {{"a"}}, "csv.null_byte", 2},
      {"line numbers after multiline", "\"x\ny\"\n\"bad\n", {{"x\ny"}}, "csv.quote_unterminated", 3},
  };
  for (const Case& c : cases) Check(c);
}

TEST(CsvReaderTest, ContinuesAfterARecoverableError) {
  std::istringstream in("a,b\nx\"y,1\nc,d\n");
  CsvReader reader(&in, "t.csv");
  std::vector<std::string> fields;
  Finding error;
  EXPECT_EQ(reader.Next(&fields, &error), CsvReader::Result::kRecord);
  EXPECT_EQ(reader.Next(&fields, &error), CsvReader::Result::kError);
  ASSERT_EQ(reader.Next(&fields, &error), CsvReader::Result::kRecord);
  EXPECT_EQ(fields, (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(reader.record_line(), 3);
}

TEST(CsvWriterTest, QuotesOnlyWhatNeedsIt) {
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  CsvWriter writer(out);
  writer.Row({"plain", "a,b", "say \"hi\"", "two\nlines", " padded", ""});
  std::fclose(out);
  EXPECT_EQ(std::string(buffer, size), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\n");
  std::free(buffer);
}

TEST(CsvWriterTest, WhatIsWrittenReadsBackTheSame) {
  const std::vector<std::vector<std::string>> rows = {
      {"a", "b,c", "\"q\"", "x\r\ny"}, {"", " lead", "trail ", "ë"}, {"\"", ",", "\n", "\r"}};
  char* buffer = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buffer, &size);
  CsvWriter writer(out);
  for (const auto& r : rows) writer.Row(r);
  std::fclose(out);
  std::istringstream in(std::string(buffer, size));
  std::free(buffer);
  CsvReader reader(&in, "t.csv");
  std::vector<std::string> fields;
  Finding error;
  for (const auto& expected : rows) {
    ASSERT_EQ(reader.Next(&fields, &error), CsvReader::Result::kRecord) << error.rule;
    EXPECT_EQ(fields, expected);
  }
  EXPECT_EQ(reader.Next(&fields, &error), CsvReader::Result::kEnd);
}

}  // namespace
}  // namespace opkomst
