#include "test_files.h"

#include <stdlib.h>
#include <zlib.h>
#include <zstd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace neardup::io::testing {

namespace fs = std::filesystem;

TempDir::TempDir() {
  const char* base = getenv("TMPDIR");
  std::string pattern =
      std::string(base != nullptr && *base ? base : "/tmp") + "/neardup-io-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  REQUIRE(mkdtemp(buffer.data()) != nullptr);
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::Path(std::string_view relative) const {
  return path_ + "/" + std::string(relative);
}

void WriteFile(const std::string& path, std::string_view bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  REQUIRE(out.good());
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

bool Exists(const std::string& path) { return fs::exists(path); }

std::string GzipCompress(std::string_view bytes) {
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) ==
          Z_OK);
  std::string out(deflateBound(&z, bytes.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(out.size() - z.avail_out);
  deflateEnd(&z);
  return out;
}

std::string ZstdCompress(std::string_view bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  const size_t n =
      ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  REQUIRE(!ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string GzipDecompress(std::string_view bytes) {
  z_stream z;
  std::memset(&z, 0, sizeof(z));
  REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char chunk[4096];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(chunk);
    z.avail_out = sizeof(chunk);
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(chunk, sizeof(chunk) - z.avail_out);
  }
  inflateEnd(&z);
  REQUIRE(rc == Z_STREAM_END);
  return out;
}

std::string ZstdDecompress(std::string_view bytes) {
  const unsigned long long size =
      ZSTD_getFrameContentSize(bytes.data(), bytes.size());
  REQUIRE(size != ZSTD_CONTENTSIZE_ERROR);
  if (size == ZSTD_CONTENTSIZE_UNKNOWN) {
    ZSTD_DCtx* dctx = ZSTD_createDCtx();
    std::string out;
    ZSTD_inBuffer in{bytes.data(), bytes.size(), 0};
    char chunk[4096];
    size_t rc = 1;
    while (in.pos < in.size || rc != 0) {
      ZSTD_outBuffer o{chunk, sizeof(chunk), 0};
      rc = ZSTD_decompressStream(dctx, &o, &in);
      REQUIRE(!ZSTD_isError(rc));
      out.append(chunk, o.pos);
      if (o.pos == 0 && in.pos == in.size) break;
    }
    ZSTD_freeDCtx(dctx);
    return out;
  }
  std::string out(size, '\0');
  const size_t n =
      ZSTD_decompress(out.data(), out.size(), bytes.data(), bytes.size());
  REQUIRE(!ZSTD_isError(n));
  out.resize(n);
  return out;
}

}  // namespace neardup::io::testing
