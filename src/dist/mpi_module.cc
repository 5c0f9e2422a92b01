// The MPI implementation of Communicator, built as a loadable module
// (neardup_mpi.so) so that the neardup binary itself never links MPI: it
// loads this module only when an MPI launcher started it (dist/launch.h).
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "dist/communicator.h"

namespace neardup::dist {
namespace {

absl::Status MpiError(const char* call, int code) {
  char text[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(code, text, &length);
  return absl::UnavailableError(absl::StrCat(call, " failed: ", absl::string_view(text, static_cast<size_t>(length))));
}

// Waits for `request` without spinning a core: MPI's blocking calls poll
// busily, which would take the CPU from a rank on the same host that is still
// working. Polls with sleeps growing from 50 us to 2 ms.
int WaitIdly(MPI_Request* request) {
  auto pause = std::chrono::microseconds(50);
  while (true) {
    int done = 0;
    if (int code = MPI_Test(request, &done, MPI_STATUS_IGNORE); code != MPI_SUCCESS) return code;
    if (done) return MPI_SUCCESS;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(2000));
  }
}

// MpiCommunicator: MPI_COMM_WORLD with errors returned, not fatal, so each
// failure reaches the caller as a Status. Waiting ranks sleep between polls
// (WaitIdly). Messages longer than INT_MAX bytes are not supported (callers
// send bounded chunks).
class MpiCommunicator : public Communicator {
 public:
  MpiCommunicator() {
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
    MPI_Comm host;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank_, MPI_INFO_NULL, &host);
    MPI_Comm_size(host, &on_host_);
    MPI_Comm_free(&host);
  }
  ~MpiCommunicator() override { MPI_Finalize(); }

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  int ranks_on_this_host() const override { return on_host_; }

  absl::Status Send(int to, std::string_view bytes) override {
    if (bytes.size() > INT_MAX) return absl::InvalidArgumentError("message over 2 GiB");
    MPI_Request request;
    int code = MPI_Isend(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, to, kTag,
                         MPI_COMM_WORLD, &request);
    if (code == MPI_SUCCESS) code = WaitIdly(&request);
    return code == MPI_SUCCESS ? absl::OkStatus() : MpiError("MPI_Send", code);
  }

  absl::StatusOr<std::string> Receive(int from) override {
    MPI_Status status;
    auto pause = std::chrono::microseconds(50);
    for (int arrived = 0; !arrived;) {
      if (int code = MPI_Iprobe(from, kTag, MPI_COMM_WORLD, &arrived, &status);
          code != MPI_SUCCESS) {
        return MpiError("MPI_Iprobe", code);
      }
      if (!arrived) {
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::microseconds(2000));
      }
    }
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    std::string bytes(static_cast<size_t>(count), '\0');
    const int code = MPI_Recv(bytes.data(), count, MPI_BYTE, from, kTag, MPI_COMM_WORLD,
                              MPI_STATUS_IGNORE);
    if (code != MPI_SUCCESS) return MpiError("MPI_Recv", code);
    return bytes;
  }

  absl::Status Barrier() override {
    MPI_Request request;
    int code = MPI_Ibarrier(MPI_COMM_WORLD, &request);
    if (code == MPI_SUCCESS) code = WaitIdly(&request);
    return code == MPI_SUCCESS ? absl::OkStatus() : MpiError("MPI_Barrier", code);
  }

  [[noreturn]] void Abort(int exit_code) override {
    MPI_Abort(MPI_COMM_WORLD, exit_code);
    std::_Exit(exit_code);  // MPI_Abort does not return; this satisfies [[noreturn]]
  }

 private:
  static constexpr int kTag = 1;
  int rank_ = 0;
  int size_ = 1;
  int on_host_ = 1;
};

}  // namespace
}  // namespace neardup::dist

// Initializes MPI and returns the communicator, or null when MPI cannot start.
extern "C" neardup::dist::Communicator* neardup_mpi_connect(int* argc, char*** argv) {
  if (MPI_Init(argc, argv) != MPI_SUCCESS) return nullptr;
  return new neardup::dist::MpiCommunicator();
}
