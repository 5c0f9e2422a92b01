// gen_corpus: writes a deterministic news-like JSONL corpus with planted
// near-duplicates (see corpus_gen.h) for the end-to-end benchmark.
//
//   gen_corpus --docs N [--seed S] [--words W] --out FILE.jsonl [--truth FILE.tsv]
//
// N counts originals; about a fifth of them get one near-copy whose id is the
// original's id plus "-copy". The truth file lists one planted pair a line:
// "copy_id<TAB>original_id<TAB>target_jaccard". Documents are generated and
// written in chunks so memory stays small for millions of documents; a chunk's
// seed is derived from S and the chunk number, so the output depends only on
// N, S and W. Exit status: 0 on success, 2 on bad arguments, 1 on I/O errors.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/corpus_gen.h"

namespace {

// Each chunk has its own vocabulary; large chunks keep most documents on one.
constexpr size_t kChunkDocuments = 50000;

struct Args {
  size_t docs = 0;
  uint64_t seed = 42;
  size_t words = 550;
  std::string out;
  std::string truth;
};

bool ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) return false;
    const char* value = argv[++i];
    if (flag == "--docs") {
      args->docs = std::strtoull(value, nullptr, 10);
    } else if (flag == "--seed") {
      args->seed = std::strtoull(value, nullptr, 10);
    } else if (flag == "--words") {
      args->words = std::strtoull(value, nullptr, 10);
    } else if (flag == "--out") {
      args->out = value;
    } else if (flag == "--truth") {
      args->truth = value;
    } else {
      return false;
    }
  }
  return args->docs > 0 && args->words > 0 && !args->out.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr,
                 "usage: gen_corpus --docs N [--seed S] [--words W] --out FILE.jsonl "
                 "[--truth FILE.tsv]\n");
    return 2;
  }
  FILE* out = std::fopen(args.out.c_str(), "wb");
  FILE* truth = args.truth.empty() ? nullptr : std::fopen(args.truth.c_str(), "wb");
  if (out == nullptr || (!args.truth.empty() && truth == nullptr)) {
    std::fprintf(stderr, "gen_corpus: cannot open output: %s\n", std::strerror(errno));
    return 1;
  }
  for (size_t chunk = 0, done = 0; done < args.docs; ++chunk) {
    neardup::bench::CorpusSpec spec;
    spec.seed = args.seed * 1000003u + chunk;
    spec.documents = std::min(kChunkDocuments, args.docs - done);
    spec.words_per_document = args.words;
    std::vector<neardup::bench::GeneratedDoc> docs = neardup::bench::GenerateCorpus(spec);
    // Ids are unique across chunks: the chunk number goes in front.
    const std::string prefix = "c" + std::to_string(chunk) + "-";
    for (auto& doc : docs) doc.id = prefix + doc.id;
    const std::string jsonl = neardup::bench::ToJsonl(docs);
    if (std::fwrite(jsonl.data(), 1, jsonl.size(), out) != jsonl.size()) {
      std::fprintf(stderr, "gen_corpus: write failed: %s\n", std::strerror(errno));
      return 1;
    }
    if (truth != nullptr) {
      for (const auto& doc : docs) {
        if (doc.original < 0) continue;
        const std::string original = doc.id.substr(0, doc.id.size() - std::strlen("-copy"));
        std::fprintf(truth, "%s\t%s\t%.4f\n", doc.id.c_str(), original.c_str(),
                     doc.target_jaccard);
      }
    }
    done += spec.documents;
  }
  if (std::fclose(out) != 0 || (truth != nullptr && std::fclose(truth) != 0)) {
    std::fprintf(stderr, "gen_corpus: close failed: %s\n", std::strerror(errno));
    return 1;
  }
  return 0;
}
