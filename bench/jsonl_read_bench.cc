// JSONL reading throughput (MB/s of input) through OpenRecordReader on a
// generated news-like dump of ~3.5 KB records: plain, gzip and zstd.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "bench/corpus_gen.h"
#include "io/record_reader.h"

namespace {

enum Codec { kPlain = 0, kGzip = 1, kZstd = 2 };

std::string Compress(const std::string& bytes, Codec codec) {
  if (codec == kZstd) {
    std::string out(ZSTD_compressBound(bytes.size()), '\0');
    out.resize(ZSTD_compress(out.data(), out.size(), bytes.data(),
                             bytes.size(), 3));
    return out;
  }
  if (codec == kGzip) {
    z_stream z{};
    deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&z, bytes.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(out.size() - z.avail_out);
    deflateEnd(&z);
    return out;
  }
  return bytes;
}

// The generated dump (about 70 MB uncompressed), made once per process.
const std::string& Dump() {
  static const std::string dump = [] {
    neardup::bench::CorpusSpec spec;
    spec.documents = 20000;
    return neardup::bench::ToJsonl(neardup::bench::GenerateCorpus(spec));
  }();
  return dump;
}

void BM_ReadJsonl(benchmark::State& state) {
  const Codec codec = static_cast<Codec>(state.range(0));
  const char* tmp = std::getenv("TMPDIR");
  const std::string path = std::string(tmp != nullptr ? tmp : "/tmp") +
                           "/neardup-jsonl-bench-" + std::to_string(getpid()) +
                           (codec == kGzip   ? ".jsonl.gz"
                            : codec == kZstd ? ".jsonl.zst"
                                             : ".jsonl");
  {
    const std::string bytes = Compress(Dump(), codec);
    std::ofstream(path, std::ios::binary).write(bytes.data(), bytes.size());
  }
  uint64_t records = 0;
  for (auto _ : state) {
    auto reader = neardup::io::OpenRecordReader({path}, {});
    if (!reader.ok()) {
      state.SkipWithError(std::string(reader.status().message()).c_str());
      break;
    }
    neardup::Record record;
    while (true) {
      auto more = (*reader)->Next(&record);
      if (!more.ok() || !*more) break;
      if (!record.rejection.empty()) state.SkipWithError("rejected record");
      ++records;
    }
    benchmark::DoNotOptimize(record.text.data());
  }
  std::remove(path.c_str());
  // Throughput counts uncompressed JSONL bytes.
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(Dump().size()));
  state.counters["records"] = benchmark::Counter(
      static_cast<double>(records), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadJsonl)
    ->ArgName("codec_plain0_gzip1_zstd2")
    ->Arg(kPlain)
    ->Arg(kGzip)
    ->Arg(kZstd)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
