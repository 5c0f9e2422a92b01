// neardup: the command line. Parses flags into neardup::Options and calls the
// library; besides that it only sets how the process allocates memory
// (cli/allocator.h).
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <unistd.h>

#include <memory>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "index/history_index.h"
#include "boost/program_options.hpp"
#include "cli/allocator.h"
#include "dist/launch.h"
#include "neardup/options.h"
#include "neardup/pipeline.h"
#include "sketch/lsh_params.h"

namespace po = boost::program_options;

namespace {

// Exit codes a scheduler can act on (docs/CLI.md).
constexpr int kExitOk = 0;
constexpr int kExitUsage = 1;
constexpr int kExitIo = 2;            // unreadable input, unwritable output, disk full
constexpr int kExitIndexBusy = 3;     // another run holds the index: try again later
constexpr int kExitIndexMismatch = 4; // the index was built with other parameters
constexpr int kExitIndexDamaged = 5;  // index verify found problems, or unreadable index

int ExitCodeFor(const absl::Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kAborted: return kExitIndexBusy;
    case absl::StatusCode::kFailedPrecondition: return kExitIndexMismatch;
    case absl::StatusCode::kDataLoss: return kExitIndexDamaged;
    default: return kExitIo;
  }
}

constexpr char kUsage[] =
    "usage: neardup dedup DUMP... -o OUT [options]   find near-duplicates, write OUT/\n"
    "       neardup params [--threshold T] [--num-perm N]  show the LSH banding for T\n"
    "       neardup index stats|list|verify|compact|forget --older-than 90d  --index DIR\n"
    "       neardup help [COMMAND]\n"
    "       neardup --version\n";

po::options_description SketchFlags(neardup::Options* o) {
  po::options_description flags("Near-duplicates");
  flags.add_options()
      ("threshold", po::value(&o->sketch.threshold)->default_value(o->sketch.threshold),
       "Jaccard similarity of shingle sets at or above which two documents are near-duplicates")
      ("ngram", po::value(&o->sketch.word_ngram)->default_value(o->sketch.word_ngram),
       "words per shingle")
      ("char-ngram", po::value(&o->sketch.char_ngram)->default_value(o->sketch.char_ngram),
       "characters per shingle in scripts written without spaces (Chinese, Japanese, Thai)")
      ("num-perm", po::value(&o->sketch.num_perm)->default_value(o->sketch.num_perm),
       "MinHash signature length")
      ("bands", po::value(&o->sketch.bands)->default_value(0), "LSH bands (0: chosen from --threshold)")
      ("rows", po::value(&o->sketch.rows)->default_value(0), "LSH rows per band (0: chosen)")
      ("seed", po::value(&o->sketch.seed)->default_value(o->sketch.seed), "hash seed");
  return flags;
}

int RunParams(const std::vector<std::string>& args) {
  neardup::Options options;
  po::options_description flags = SketchFlags(&options);
  flags.add_options()("help,h", "show this help");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(flags).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << "usage: neardup params [options]\n" << flags;
    return kExitOk;
  }
  const neardup::SketchOptions& s = options.sketch;
  const neardup::sketch::BandsRows br =
      s.bands > 0 && s.rows > 0 ? neardup::sketch::BandsRows{s.bands, s.rows}
                                : neardup::sketch::ChooseBandsRows(s.threshold, s.num_perm);
  std::cout << absl::StrFormat("threshold %.2f, %d permutations: %d bands x %d rows\n",
                               s.threshold, s.num_perm, br.bands, br.rows);
  std::cout << "Jaccard  P(candidate)\n";
  for (int step = 0; step <= 9; ++step) {
    const double j = 0.5 + 0.05 * step;
    std::cout << absl::StrFormat("%7.2f  %.4f\n", j, neardup::sketch::CandidateProbability(j, br));
  }
  return kExitOk;
}

// neardup index ACTION --index DIR: look after a persistent index.
int RunIndexCommand(const std::vector<std::string>& args) {
  std::string action, folder, older_than;
  po::options_description flags("Index");
  flags.add_options()
      ("help,h", "show this help")
      ("index", po::value(&folder)->required(), "the index folder")
      ("older-than", po::value(&older_than),
       "with forget: documents dated (or, undated, added) more than this long ago, e.g. 90d");
  po::options_description hidden;
  hidden.add_options()("action", po::value(&action));
  po::positional_options_description positional;
  positional.add("action", 1);
  po::options_description all;
  all.add(flags).add(hidden);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  if (vm.count("help")) {
    std::cout << "usage: neardup index stats|list|verify|compact|forget --index DIR [--older-than 90d]\n"
              << flags;
    return kExitOk;
  }
  po::notify(vm);
  static const std::set<std::string> kReadOnly = {"stats", "list", "verify"};
  static const std::set<std::string> kWriting = {"compact", "forget"};
  if (!kReadOnly.count(action) && !kWriting.count(action)) {
    throw po::error("index action must be stats, list, verify, compact or forget, not '" + action + "'");
  }
  int64_t older_than_days = 0;
  if (action == "forget") {
    if (older_than.size() < 2 || older_than.back() != 'd' ||
        !absl::SimpleAtoi(older_than.substr(0, older_than.size() - 1), &older_than_days) ||
        older_than_days < 0) {
      throw po::error("forget needs --older-than Nd, e.g. --older-than 90d");
    }
  }
  absl::StatusOr<std::unique_ptr<neardup::index::HistoryIndex>> index =
      neardup::index::HistoryIndex::Open(folder, std::nullopt, kReadOnly.count(action) > 0);
  if (!index.ok()) {
    std::cerr << "neardup: " << index.status().message() << "\n";
    return ExitCodeFor(index.status());
  }
  absl::Status status;
  if (action == "stats") {
    absl::StatusOr<neardup::index::IndexStats> stats = (*index)->Stats();
    status = stats.status();
    if (stats.ok()) {
      std::cout << absl::StrFormat(
          "documents %d\nruns %d\nbucket entries %d\ndisk bytes %d\nparameters %s\n",
          stats->documents, stats->runs, stats->band_entries, stats->disk_bytes,
          (*index)->params().Describe());
    }
  } else if (action == "list") {
    absl::StatusOr<std::vector<neardup::index::IndexedDoc>> docs = (*index)->List();
    status = docs.status();
    if (docs.ok()) {
      for (const auto& doc : *docs) {
        std::cout << doc.id << "\t" << doc.date << "\t" << doc.text_bytes << "\n";
      }
    }
  } else if (action == "verify") {
    absl::StatusOr<std::vector<std::string>> problems = (*index)->Verify();
    status = problems.status();
    if (problems.ok()) {
      for (const std::string& problem : *problems) std::cout << "problem: " << problem << "\n";
      if (!problems->empty()) {
        std::cerr << "neardup: index " << folder << " has " << problems->size()
                  << " problems; rebuild it from the outputs of earlier runs\n";
        return kExitIndexDamaged;
      }
      std::cout << "index " << folder << " is consistent\n";
    }
  } else if (action == "compact") {
    status = (*index)->Compact();
  } else {
    const int64_t today = absl::ToUnixSeconds(absl::Now()) / 86400;
    absl::StatusOr<uint64_t> forgotten = (*index)->ForgetBefore(today - older_than_days);
    status = forgotten.status();
    if (forgotten.ok()) std::cout << "forgot " << *forgotten << " documents\n";
  }
  if (!status.ok()) {
    std::cerr << "neardup: " << status.message() << "\n";
    return ExitCodeFor(status);
  }
  return kExitOk;
}

// Sets *value to the one of `values` whose name_of() is `name`; false if none is.
template <typename Enum, size_t N>
bool ParseNamed(const std::string& name, const Enum (&values)[N], const char* (*name_of)(Enum),
                Enum* value) {
  for (Enum candidate : values) {
    if (name == name_of(candidate)) {
      *value = candidate;
      return true;
    }
  }
  return false;
}

int RunDedupCommand(const std::vector<std::string>& args) {
  neardup::Options options;
  std::string keep = "longest";
  std::string verify = "exact";
  std::string sketch = neardup::SketchSchemeName(options.sketch.scheme);
  po::options_description general("General");
  general.add_options()
      ("help,h", "show this help")
      ("output,o", po::value(&options.output_dir)->required(),
       "output folder; replaced atomically when the run succeeds")
      ("threads,t", po::value(&options.threads)->default_value(0), "worker threads (0: all cores)")
      ("keep", po::value(&keep)->default_value(keep),
       "survivor of a cluster: longest|first|newest|oldest (ties: first in input)")
      ("verify", po::value(&verify)->default_value(verify),
       "exact: true Jaccard of shingle sets; signature: MinHash estimate")
      ("sketch", po::value(&sketch)->default_value(sketch),
       "signature scheme: fast (each shingle hashed once per round, usually 1-2 rounds) or "
       "classic (once per slot; indexes built before --sketch existed hold classic signatures)")
      ("quiet,q", po::bool_switch(&options.quiet), "no summary line on stderr")
      ("index", po::value(&options.index_dir),
       "persistent index folder: match against documents kept by earlier runs, add this run's");
  po::options_description input("Input");
  input.add_options()
      ("id-field", po::value(&options.input.id_field)->default_value(options.input.id_field), "JSONL id field")
      ("text-field", po::value(&options.input.text_field)->default_value(options.input.text_field), "JSONL text field")
      ("date-field", po::value(&options.input.date_field)->default_value(options.input.date_field), "JSONL date field")
      ("source-field", po::value(&options.input.source_field)->default_value(options.input.source_field), "JSONL source field")
      ("url-field", po::value(&options.input.url_field)->default_value(options.input.url_field), "JSONL url field")
      ("max-record-bytes", po::value(&options.input.max_record_bytes)->default_value(options.input.max_record_bytes),
       "a record larger than this is rejected")
      ("max-json-depth", po::value(&options.input.max_json_depth)->default_value(options.input.max_json_depth),
       "a JSONL record nested deeper than this is rejected")
      ("no-mojibake-repair", "do not detect and repair wrong-code-page text")
      ("write-repaired", po::bool_switch(&options.write_repaired),
       "write mojibake-repaired text to the cleaned corpus (default: the original)");
  po::options_description passages("Passages and events");
  passages.add_options()
      ("no-passages", "do not look for repeated passages")
      ("passage-min-words", po::value(&options.passages.min_words)->default_value(options.passages.min_words),
       "shortest repeated passage reported, in words")
      ("boilerplate-min-docs", po::value(&options.passages.boilerplate_min_docs)->default_value(options.passages.boilerplate_min_docs),
       "a passage in this many documents is boilerplate")
      ("keep-boilerplate", "keep the first copy of boilerplate in the cleaned corpus (default: cut boilerplate from every document)")
      ("no-events", "do not group articles by event")
      ("event-window-days", po::value(&options.events.date_window_days)->default_value(options.events.date_window_days),
       "articles whose dates, or the dates their headlines name, lie further apart than this are never one event");
  po::options_description hidden;
  hidden.add_options()("inputs", po::value(&options.inputs));
  po::positional_options_description positional;
  positional.add("inputs", -1);

  po::options_description visible;
  visible.add(general).add(input).add(SketchFlags(&options)).add(passages);
  po::options_description all;
  all.add(visible).add(hidden);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  if (vm.count("help")) {
    std::cout << "usage: neardup dedup DUMP... -o OUT [options]\n"
                 "DUMP: a folder of .txt files, a .jsonl / .jsonl.gz / .jsonl.zst file, or - for JSONL on stdin\n"
              << visible;
    return kExitOk;
  }
  po::notify(vm);
  if (options.inputs.empty()) throw po::error("no DUMP given: name a folder, a .jsonl file or -");
  options.repair_mojibake = !vm.count("no-mojibake-repair");
  options.passages.enabled = !vm.count("no-passages");
  options.passages.cut_boilerplate = !vm.count("keep-boilerplate");
  options.events.enabled = !vm.count("no-events");
  if (!ParseNamed(keep, neardup::kKeepPolicies, neardup::KeepPolicyName, &options.keep)) {
    throw po::error("--keep must be longest, first, newest or oldest, not '" + keep + "'");
  }
  if (!ParseNamed(sketch, neardup::kSketchSchemes, neardup::SketchSchemeName,
                  &options.sketch.scheme)) {
    throw po::error("--sketch must be fast or classic, not '" + sketch + "'");
  }
  if (verify != "exact" && verify != "signature") {
    throw po::error("--verify must be exact or signature, not '" + verify + "'");
  }
  options.verify = verify == "exact" ? neardup::VerifyMode::kExact : neardup::VerifyMode::kSignature;
  if (!(options.sketch.threshold > 0.0 && options.sketch.threshold <= 1.0)) {
    throw po::error("--threshold must be in (0, 1]");
  }
  if (options.sketch.num_perm < 1 || options.sketch.word_ngram < 1 || options.sketch.char_ngram < 1) {
    throw po::error("--num-perm, --ngram and --char-ngram must be at least 1");
  }
  if ((options.sketch.bands > 0) != (options.sketch.rows > 0) ||
      options.sketch.bands * options.sketch.rows > options.sketch.num_perm) {
    throw po::error("give --bands and --rows together, with bands x rows <= --num-perm");
  }

  options.progress = !options.quiet && ::isatty(STDERR_FILENO);
  std::unique_ptr<neardup::dist::Communicator> ranks;
  if (neardup::dist::StartedByMpiLauncher()) {
    absl::StatusOr<std::unique_ptr<neardup::dist::Communicator>> joined =
        neardup::dist::JoinRun(nullptr, nullptr);
    if (!joined.ok()) {
      std::cerr << "neardup: " << joined.status().message() << "\n";
      return kExitUsage;
    }
    ranks = std::move(*joined);
  }
  absl::StatusOr<neardup::RunSummary> summary =
      ranks ? neardup::RunDedupOnRanks(options, *ranks) : neardup::RunDedup(options);
  if (!summary.ok()) {
    const int code = ExitCodeFor(summary.status());
    if (ranks) {
      std::cerr << absl::StrFormat("neardup (rank %d of %d): %s; stopping every rank\n",
                                   ranks->rank(), ranks->size(), summary.status().message());
      if (ranks->size() > 1) ranks->Abort(code);
    } else {
      std::cerr << "neardup: " << summary.status().message() << "\n";
    }
    return code;
  }
  if (ranks && ranks->rank() != 0) return kExitOk;
  if (!options.quiet) {
    std::cerr << absl::StrFormat(
        "neardup: %d records: %d kept, %d duplicates in %d clusters, %d rejected; "
        "%d passages, %d events; %.1f MB in %.2f s -> %s%s\n",
        summary->records, summary->kept, summary->duplicates, summary->clusters,
        summary->rejected, summary->passages, summary->events, summary->input_bytes / 1e6,
        summary->seconds, options.output_dir,
        options.index_dir.empty()
            ? ""
            : absl::StrFormat(" (index: %d duplicates of earlier runs, %d added)",
                              summary->history_duplicates, summary->indexed));
    if (ranks) {
      std::cerr << absl::StrFormat("neardup: %d ranks; rank 0 received %d bytes from the others "
                                   "(%.0f per record)\n",
                                   summary->ranks, summary->bytes_from_ranks,
                                   summary->records ? 1.0 * summary->bytes_from_ranks / summary->records : 0.0);
    }
  }
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  neardup::cli::ConfigureAllocator();
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitUsage;
  }
  const std::string command = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "dedup") return RunDedupCommand(args);
    if (command == "params") return RunParams(args);
    if (command == "index") return RunIndexCommand(args);
    if (command == "--version" || command == "version") {
      std::cout << "neardup " << NEARDUP_VERSION << "\nallocator: "
                << neardup::cli::AllocatorDescription() << "\n";
      return kExitOk;
    }
    if (command == "help" || command == "--help" || command == "-h") {
      if (!args.empty()) return args[0] == "params" ? RunParams({"--help"}) : RunDedupCommand({"--help"});
      std::cout << kUsage;
      return kExitOk;
    }
    std::cerr << "neardup: unknown command '" << command << "'\n" << kUsage;
    return kExitUsage;
  } catch (const po::error& e) {
    std::cerr << "neardup " << command << ": " << e.what() << "\nrun 'neardup help " << command
              << "' for the options\n";
    return kExitUsage;
  }
}
