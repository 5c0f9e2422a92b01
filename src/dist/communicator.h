// The ranks of a distributed run and the messages they exchange.
#ifndef NEARDUP_DIST_COMMUNICATOR_H_
#define NEARDUP_DIST_COMMUNICATOR_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace neardup::dist {

// Communicator: this process is rank() of size() ranks started together by
// an MPI launcher. Send and Receive are blocking, ordered byte messages
// between two ranks (any size); Barrier returns once every rank has called
// it. Abort ends every rank of the run with `exit_code` (the launcher
// reports it); a rank that dies ends the run the same way. The destructor
// shuts the connection down cleanly. Used from one thread.
class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // How many ranks of the run share this host (to divide its cores).
  virtual int ranks_on_this_host() const = 0;
  virtual absl::Status Send(int to, std::string_view bytes) = 0;
  virtual absl::StatusOr<std::string> Receive(int from) = 0;
  virtual absl::Status Barrier() = 0;
  [[noreturn]] virtual void Abort(int exit_code) = 0;
};

}  // namespace neardup::dist

#endif  // NEARDUP_DIST_COMMUNICATOR_H_
