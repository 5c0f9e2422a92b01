// Which inputs each rank of a distributed run reads.
#ifndef NEARDUP_DIST_INPUT_SHARE_H_
#define NEARDUP_DIST_INPUT_SHARE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/record_reader.h"

namespace neardup::dist {

// Splits `inputs` into `ranks` contiguous ranges, in order, so that each
// holds about the same number of bytes (a folder counts the size of the .txt
// files below it): rank r reads ranges[r], and reading the ranges one after
// the other reads the inputs in command-line order. A range may be empty;
// an input is never split. Standard input ("-") cannot be shared out when
// there is more than one rank (an error says so).
absl::StatusOr<std::vector<io::InputRange>> ShareInputs(const std::vector<std::string>& inputs,
                                                        int ranks);

}  // namespace neardup::dist

#endif  // NEARDUP_DIST_INPUT_SHARE_H_
