// Helpers for the hostile-input tests: run neardup in process on files
// written into a temporary folder and read back decisions.jsonl.
#ifndef NEARDUP_TESTS_HOSTILE_SUPPORT_H_
#define NEARDUP_TESTS_HOSTILE_SUPPORT_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "../e2e/e2e_support.h"
#include "absl/status/status.h"
#include "neardup/options.h"
#include "neardup/pipeline.h"

namespace neardup::testing {

// One line of decisions.jsonl.
struct Decision {
  std::string id;
  std::string decision;  // kept | duplicate | rejected
  std::string reason;    // rejected only
  uint64_t line = 0;     // JSONL records only
  uint64_t words = 0;
  uint64_t invalid_utf8_replaced = 0;
  bool empty = false;
};

// What one in-process run produced. `decisions` is empty when the run failed.
struct HostileRun {
  absl::Status status;
  RunSummary summary;
  std::vector<Decision> decisions;
  fs::path output;

  // The decision of the record with this id; fails the test when absent.
  const Decision& Of(const std::string& id) const;
};

// Runs RunDedup on `inputs` with passages and events on (so hostile
// documents reach every stage), 2 threads, output into dir/out. `tune` may
// change any option before the run.
HostileRun RunOn(const TempDir& dir, const std::vector<std::string>& inputs,
                 const std::function<void(Options&)>& tune = nullptr);

// The same English sentence padded to `words` words, so records built from it
// are clearly text and comparable.
std::string Prose(int words = 30);

// True when the process can read files whatever their mode (root).
bool IgnoresFileModes();

}  // namespace neardup::testing

#endif  // NEARDUP_TESTS_HOSTILE_SUPPORT_H_
