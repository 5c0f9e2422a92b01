// Starting a distributed run: is this process one rank of many, and the
// connection to the others.
#ifndef NEARDUP_DIST_LAUNCH_H_
#define NEARDUP_DIST_LAUNCH_H_

#include <memory>

#include "absl/status/statusor.h"
#include "dist/communicator.h"

namespace neardup::dist {

// True when an MPI launcher (mpirun, mpiexec, srun) started this process:
// it sets OMPI_COMM_WORLD_SIZE (Open MPI), PMI_SIZE (PMI-1/2) or PMIX_RANK.
bool StartedByMpiLauncher();

// Loads the MPI module (neardup_mpi.so: $NEARDUP_MPI_MODULE, else beside the
// executable, else ../lib/neardup/ from it) and joins the run. Fails with a
// message saying how to get MPI support when the module is not there.
absl::StatusOr<std::unique_ptr<Communicator>> JoinRun(int* argc, char*** argv);

}  // namespace neardup::dist

#endif  // NEARDUP_DIST_LAUNCH_H_
