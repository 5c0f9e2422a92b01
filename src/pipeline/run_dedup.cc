// RunDedup and RunDedupOnRanks: scan, analyze, write into a temporary
// folder, update the index, then put the outputs in place.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "dist/communicator.h"
#include "dist/input_share.h"
#include "index/history_index.h"
#include "io/output_dir.h"
#include "neardup/pipeline.h"
#include "pipeline/analysis.h"
#include "pipeline/corpus.h"
#include "pipeline/shipping.h"
#include "report/outputs.h"
#include "text/tokenizer.h"
#include "util/byte_codec.h"
#include "util/parallel.h"

namespace neardup {
namespace {

// Fault injection for the crash-safety tests: when NEARDUP_CRASH_AT names
// this point (and NEARDUP_CRASH_RANK, when set, names this rank), the process
// dies here as if killed (SIGKILL, no clean-up). When NEARDUP_STOP_AT names
// it, the process stops here (SIGSTOP) until it is continued, so a test can
// change the world at a known point of a run.
void CrashPointForTests(const char* point, int rank = 0) {
  const char* stop = std::getenv("NEARDUP_STOP_AT");
  if (stop != nullptr && std::strcmp(stop, point) == 0) std::raise(SIGSTOP);
  const char* wanted = std::getenv("NEARDUP_CRASH_AT");
  if (wanted == nullptr || std::strcmp(wanted, point) != 0) return;
  const char* wanted_rank = std::getenv("NEARDUP_CRASH_RANK");
  if (wanted_rank == nullptr || std::atoi(wanted_rank) == rank) std::raise(SIGKILL);
}

// An input range as a message from rank 0 to the rank that reads it.
std::string EncodeRange(const io::InputRange& range) {
  std::string message;
  util::PutRaw(range, &message);
  return message;
}

absl::StatusOr<io::InputRange> DecodeRange(std::string_view message) {
  io::InputRange range;
  if (!util::GetRaw(&message, &range) || !message.empty()) {
    return absl::InternalError("malformed input share from rank 0");
  }
  return range;
}

// What failing to make the scratch folder `path` (errno set) means.
absl::Status ScratchError(const std::string& path) {
  return absl::UnavailableError(absl::StrCat(path, ": cannot create scratch folder: ",
                                             std::strerror(errno)));
}

index::IndexParams ParamsOf(const Options& options) {
  index::IndexParams params;
  params.word_ngram = options.sketch.word_ngram;
  params.char_ngram = options.sketch.char_ngram;
  params.num_perm = options.sketch.num_perm;
  params.seed = options.sketch.seed;
  params.bands_rows = pipeline::ResolveBandsRows(options.sketch);
  params.normalization_version = text::kNormalizationVersion;
  params.scheme = options.sketch.scheme;
  return params;
}

// The kept, non-empty documents of this run, to be added to the index.
std::vector<index::NewDoc> DocsToIndex(const pipeline::ScannedCorpus& corpus,
                                       const pipeline::Analysis& analysis) {
  std::vector<index::NewDoc> docs;
  for (uint32_t slot = 0; slot < corpus.docs.size(); ++slot) {
    const pipeline::ScannedDoc& doc = corpus.docs[slot];
    if (!pipeline::IsKeptWithWords(corpus, analysis, slot)) continue;
    docs.push_back({doc.id, doc.date, doc.date_days, doc.text_bytes, corpus.Signature(slot)});
  }
  return docs;
}

// Scans this process's share of the inputs into a corpus spilled into
// `scratch`; rank 0 of a distributed run then appends every other rank's
// records, in rank order, so the corpus is the one a single scan would make.
// Ranks that share a host share its cores while they scan (unless --threads
// says otherwise); rank 0 alone runs the later stages, on all of them.
// Timings: "read+sketch" for the own share, then "receive" on rank 0.
absl::StatusOr<std::unique_ptr<pipeline::ScannedCorpus>> ScanShare(
    const Options& options, const std::string& scratch, std::optional<io::InputRange> share,
    dist::Communicator* ranks, RunSummary* summary, pipeline::StageTimings* timings) {
  const bool gathers = ranks != nullptr && ranks->rank() == 0;
  Options scan = options;
  if (ranks != nullptr && scan.threads == 0) {
    scan.threads = std::max(1, util::ResolveThreads(0) / ranks->ranks_on_this_host());
  }
  absl::StatusOr<pipeline::CorpusBuilder> builder =
      pipeline::CorpusBuilder::Create(
          scan, scratch, /*check_ids=*/gathers,
          pipeline::NeedsSignatures(options, /*ships=*/ranks != nullptr && !gathers));
  if (!builder.ok()) return builder.status();
  absl::Time start = absl::Now();
  if (absl::Status s = pipeline::ScanInputs(scan, share, &*builder); !s.ok()) return s;
  timings->emplace_back("read+sketch", absl::ToDoubleSeconds(absl::Now() - start));
  if (gathers) {
    start = absl::Now();
    summary->ranks = ranks->size();
    for (int from = 1; from < ranks->size(); ++from) {
      absl::Status s = pipeline::ReceiveCorpus(from, *ranks, options.sketch, &*builder,
                                               &summary->bytes_from_ranks);
      if (!s.ok()) return s;
    }
    timings->emplace_back("receive", absl::ToDoubleSeconds(absl::Now() - start));
  }
  return builder->Finish();
}

// Rank 0 of a distributed run, or the only process (`ranks` null).
absl::StatusOr<RunSummary> RunFirstRank(const Options& options, dist::Communicator* ranks) {
  const absl::Time start = absl::Now();
  std::unique_ptr<index::HistoryIndex> history;
  if (!options.index_dir.empty()) {
    absl::StatusOr<std::unique_ptr<index::HistoryIndex>> opened =
        index::HistoryIndex::Open(options.index_dir, ParamsOf(options), /*read_only=*/false);
    if (!opened.ok()) return opened.status();
    history = std::move(*opened);
  }
  std::optional<io::InputRange> share;
  if (ranks != nullptr) {
    absl::StatusOr<std::vector<io::InputRange>> shares =
        dist::ShareInputs(options.inputs, ranks->size());
    if (!shares.ok()) return shares.status();
    for (int r = 1; r < ranks->size(); ++r) {
      if (absl::Status s = ranks->Send(r, EncodeRange((*shares)[r])); !s.ok()) return s;
    }
    share = (*shares)[0];
  }
  absl::StatusOr<io::OutputDir> out = io::OutputDir::Create(options.output_dir);
  if (!out.ok()) return out.status();
  const std::string scratch = absl::StrCat(out->temp_path(), "/.scratch");
  if (::mkdir(scratch.c_str(), 0700) != 0) return ScratchError(scratch);

  RunSummary summary;
  {
    pipeline::StageTimings scan_timings;
    absl::StatusOr<std::unique_ptr<pipeline::ScannedCorpus>> corpus =
        ScanShare(options, scratch, share, ranks, &summary, &scan_timings);
    if (!corpus.ok()) return corpus.status();
    CrashPointForTests("after-scan");
    pipeline::Analysis analysis = pipeline::Analyze(**corpus, options, history.get());
    analysis.timings.insert(analysis.timings.begin(), scan_timings.begin(), scan_timings.end());
    absl::StatusOr<RunSummary> written =
        report::WriteOutputs(out->temp_path(), **corpus, analysis, options, start);
    if (!written.ok()) return written.status();
    // Raw lines of plain JSONL inputs were read in place: a changed input
    // means the cleaned corpus may not hold the records decided on.
    if (absl::Status s = (*corpus)->CheckInputsUnchanged(); !s.ok()) return s;
    written->ranks = summary.ranks;
    written->bytes_from_ranks = summary.bytes_from_ranks;
    summary = *written;
    if (history != nullptr) {
      // Outputs are complete but not in place: a crash from here on leaves the
      // old outputs, and a re-run of the night (same fingerprint) ignores what
      // this commit added, so it writes the same outputs again.
      CrashPointForTests("before-index-commit");
      const std::vector<index::NewDoc> docs = DocsToIndex(**corpus, analysis);
      const int64_t now = absl::ToUnixSeconds(absl::Now());
      if (absl::Status s = history->Commit((*corpus)->run_fingerprint, docs, now); !s.ok()) {
        return s;
      }
      summary.indexed = docs.size();
      CrashPointForTests("after-index-commit");
    }
    pipeline::DestroyCorpus(*std::move(corpus), options.threads);  // unlinks its spill files
  }
  ::rmdir(scratch.c_str());
  // Every rank has shipped its records and is alive: none can make the run
  // fail after the outputs are in place.
  if (ranks != nullptr) {
    if (absl::Status s = ranks->Barrier(); !s.ok()) return s;
  }
  if (absl::Status committed = out->Commit(); !committed.ok()) return committed;
  CrashPointForTests("after-outputs-commit");
  summary.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  return summary;
}

// A rank other than 0: scans the share rank 0 names in a scratch folder
// under $TMPDIR (or /tmp), ships the records to rank 0 and waits for it.
absl::StatusOr<RunSummary> RunOtherRank(const Options& options, dist::Communicator& ranks) {
  absl::StatusOr<std::string> message = ranks.Receive(0);
  if (!message.ok()) return message.status();
  absl::StatusOr<io::InputRange> share = DecodeRange(*message);
  if (!share.ok()) return share.status();
  const char* tmp = std::getenv("TMPDIR");
  std::string scratch = absl::StrCat(tmp != nullptr && *tmp ? tmp : "/tmp", "/neardup-rank",
                                     ranks.rank(), "-XXXXXX");
  if (::mkdtemp(scratch.data()) == nullptr) return ScratchError(scratch);
  Options worker = options;
  worker.progress = false;
  RunSummary summary;
  {
    pipeline::StageTimings timings;
    absl::StatusOr<std::unique_ptr<pipeline::ScannedCorpus>> corpus =
        ScanShare(worker, scratch, *share, &ranks, &summary, &timings);
    if (!corpus.ok()) return corpus.status();
    CrashPointForTests("after-scan", ranks.rank());
    uint64_t shipped = 0;
    if (absl::Status s = pipeline::ShipCorpus(**corpus, ranks, &shipped); !s.ok()) return s;
  }
  ::rmdir(scratch.c_str());
  CrashPointForTests("after-ship", ranks.rank());
  if (absl::Status s = ranks.Barrier(); !s.ok()) return s;
  summary.ranks = ranks.size();
  return summary;
}

}  // namespace

absl::StatusOr<RunSummary> RunDedup(const Options& options) {
  return RunFirstRank(options, nullptr);
}

absl::StatusOr<RunSummary> RunDedupOnRanks(const Options& options, dist::Communicator& ranks) {
  return ranks.rank() == 0 ? RunFirstRank(options, &ranks) : RunOtherRank(options, ranks);
}

}  // namespace neardup
