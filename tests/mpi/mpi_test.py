"""neardup under mpirun: the outputs of 1, 2 and 4 ranks equal a single
process's byte for byte; a rank that dies or fails ends the whole run with
nothing put in place; the plain binary never needs MPI."""
import fcntl
import os
import shutil
import subprocess
import sys
import unittest

from mpi_support import (NEARDUP, SAMPLES, SKIP, Workspace, mpirun_command, outputs, run,
                         write_planted_corpus)


class DistributedRunTest(unittest.TestCase):

    def assert_same_as_single(self, inputs, tmp, name, extra=()):
        single = os.path.join(tmp, name + "-single")
        code, log = run([NEARDUP, "dedup", *inputs, "-o", single, *extra])
        self.assertEqual(code, 0, log)
        expected = outputs(single)
        self.assertGreaterEqual(len(expected), 6)
        for ranks in (1, 2, 4):
            out = os.path.join(tmp, "%s-np%d" % (name, ranks))
            code, log = run(mpirun_command(ranks) + [NEARDUP, "dedup", *inputs, "-o", out, *extra])
            self.assertEqual(code, 0, log)
            self.assertIn("%d ranks" % ranks, log)
            got = outputs(out)
            self.assertEqual(sorted(got), sorted(expected))
            for path in expected:
                self.assertEqual(got[path], expected[path], "%s differs with %d ranks" % (path, ranks))
        return expected

    def test_planted_corpus_outputs_equal_single_process(self):
        with Workspace() as tmp:
            inputs = write_planted_corpus(tmp) + [SAMPLES]
            expected = self.assert_same_as_single(inputs, tmp, "planted")
            decisions = expected["decisions.jsonl"].decode().splitlines()
            self.assertEqual(len(decisions), 5 * 400 + 2 + 5)
            self.assertTrue(any('"duplicate"' in line for line in decisions))
            self.assertTrue(any("duplicate id (first seen at" in line and "part0.jsonl:2" in line
                                for line in decisions),
                            "an id repeated across ranks must be rejected as in one process")

    def test_samples_outputs_equal_single_process(self):
        with Workspace() as tmp:
            self.assert_same_as_single([SAMPLES], tmp, "samples", ["--threshold", "0.5"])

    def test_nights_against_an_index_equal_single_process_nights(self):
        with Workspace() as tmp:
            inputs = write_planted_corpus(tmp, files=4, docs_per_file=200)
            nights = [inputs[:2], inputs[2:]]
            results = {}
            for mode in ("single", "np2"):
                index = os.path.join(tmp, mode + "-index")
                launcher = [] if mode == "single" else mpirun_command(2)
                for night, files in enumerate(nights):
                    out = os.path.join(tmp, "%s-night%d" % (mode, night))
                    code, log = run(launcher + [NEARDUP, "dedup", *files, "--index", index, "-o", out])
                    self.assertEqual(code, 0, log)
                    results[mode, night] = outputs(out)
            for night in range(2):
                self.assertEqual(results["np2", night], results["single", night])
            self.assertIn(b'"history_duplicates":', results["single", 1]["stats.json"])
            self.assertNotIn(b'"history_duplicates":0,', results["single", 1]["stats.json"],
                             "the second night must find copies of the first")

    def test_a_busy_index_ends_the_run_with_exit_code_3(self):
        with Workspace() as tmp:
            index = os.path.join(tmp, "index")
            code, log = run([NEARDUP, "dedup", SAMPLES, "--index", index, "-o", os.path.join(tmp, "a")])
            self.assertEqual(code, 0, log)
            with open(os.path.join(index, "LOCK"), "r+") as lock:
                fcntl.lockf(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running neardup holds it
                out = os.path.join(tmp, "b")
                code, log = run(mpirun_command(2) + [NEARDUP, "dedup", SAMPLES, "--index", index, "-o", out])
                self.assertEqual(code, 3, log)
                self.assertIn("in use by another neardup run", log)
                self.assertFalse(os.path.exists(out))

    def test_a_rank_that_dies_fails_the_run_and_leaves_old_outputs(self):
        with Workspace() as tmp:
            inputs = write_planted_corpus(tmp, files=4, docs_per_file=200)
            out = os.path.join(tmp, "out")
            code, log = run([NEARDUP, "dedup", SAMPLES, "-o", out])
            self.assertEqual(code, 0, log)
            before = outputs(out)
            for point in ("after-scan", "after-ship"):
                code, log = run(mpirun_command(2) + [NEARDUP, "dedup", *inputs, "-o", out],
                                env={"NEARDUP_CRASH_AT": point, "NEARDUP_CRASH_RANK": "1",
                                     "TMPDIR": tmp})  # the killed rank's scratch goes with tmp
                self.assertNotEqual(code, 0, log)
                self.assertIn("rank 1", log, log)
                self.assertEqual(outputs(out), before, "outputs changed after rank 1 died at " + point)

    def test_a_failing_rank_stops_every_rank_with_its_message(self):
        with Workspace() as tmp:
            good = write_planted_corpus(tmp, files=2, docs_per_file=100)
            broken = os.path.join(tmp, "broken.jsonl.gz")
            with open(broken, "wb") as handle:
                handle.write(b"\x1f\x8b\x08\x00 not really gzip")
            out = os.path.join(tmp, "out")
            code, log = run(mpirun_command(2) + [NEARDUP, "dedup", *good, broken, "-o", out],
                            env={"TMPDIR": tmp})
            self.assertEqual(code, 2, log)  # what one process gives for a damaged input
            self.assertIn("broken.jsonl.gz", log)
            self.assertIn("stopping every rank", log)
            self.assertFalse(os.path.exists(out))

    def test_standard_input_cannot_be_shared_out(self):
        with Workspace() as tmp:
            out = os.path.join(tmp, "out")
            code, log = run(mpirun_command(2) + [NEARDUP, "dedup", "-", "-o", out])
            self.assertNotEqual(code, 0, log)
            self.assertIn("standard input cannot be shared out", log)
            self.assertFalse(os.path.exists(out))

    def test_the_binary_does_not_link_mpi(self):
        needed = subprocess.run(["ldd", NEARDUP], stdout=subprocess.PIPE).stdout.decode()
        self.assertNotIn("libmpi", needed)

    def test_a_missing_mpi_module_is_a_clear_error(self):
        with Workspace() as tmp:
            code, log = run([NEARDUP, "dedup", SAMPLES, "-o", os.path.join(tmp, "out")],
                            env={"OMPI_COMM_WORLD_SIZE": "1",
                                 "NEARDUP_MPI_MODULE": os.path.join(tmp, "absent.so")})
            self.assertEqual(code, 1, log)
            self.assertIn("rebuild neardup", log)


if __name__ == "__main__":
    if shutil.which("mpirun") is None:
        print("mpirun not found: skipped")
        sys.exit(SKIP)
    unittest.main(verbosity=2)
