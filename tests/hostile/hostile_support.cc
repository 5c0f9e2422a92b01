#include "hostile_support.h"

#include <unistd.h>

#include "catch2/catch.hpp"

namespace neardup::testing {
namespace {

uint64_t UintOr0(simdjson::dom::element e, const char* key) {
  uint64_t value = 0;
  return e[key].get(value) == simdjson::SUCCESS ? value : 0;
}

}  // namespace

const Decision& HostileRun::Of(const std::string& id) const {
  for (const Decision& d : decisions) {
    if (d.id == id) return d;
  }
  FAIL("no decision for id '" << id << "'");
  return decisions.front();  // not reached
}

HostileRun RunOn(const TempDir& dir, const std::vector<std::string>& inputs,
                 const std::function<void(Options&)>& tune) {
  Options options;
  options.inputs = inputs;
  options.output_dir = (dir / "out").string();
  options.threads = 2;
  options.quiet = true;
  if (tune) tune(options);
  HostileRun run;
  run.output = options.output_dir;
  absl::StatusOr<RunSummary> summary = RunDedup(options);
  run.status = summary.status();
  if (!summary.ok()) return run;
  run.summary = *summary;
  const JsonLines lines(run.output / "decisions.jsonl");
  for (simdjson::dom::element e : lines.all()) {
    Decision d;
    d.id = Str(e, "id");
    d.decision = Str(e, "decision");
    d.reason = Str(e, "reason");
    d.line = UintOr0(e, "line");
    d.words = UintOr0(e, "words");
    d.invalid_utf8_replaced = UintOr0(e, "invalid_utf8_replaced");
    bool empty = false;
    d.empty = e["empty"].get(empty) == simdjson::SUCCESS && empty;
    run.decisions.push_back(std::move(d));
  }
  return run;
}

std::string Prose(int words) {
  static const char* const kWords[] = {
      "the", "minister", "met", "reporters", "in", "the", "capital", "on",
      "tuesday", "to", "discuss", "trade", "tariffs", "and", "the", "harbour"};
  std::string out;
  for (int i = 0; i < words; ++i) {
    if (i > 0) out += ' ';
    out += kWords[i % 16];
  }
  return out;
}

bool IgnoresFileModes() { return geteuid() == 0; }

}  // namespace neardup::testing
