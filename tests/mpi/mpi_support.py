"""Helpers for the MPI tests: a planted corpus, running neardup, comparing outputs."""
import gzip
import os
import random
import shutil
import subprocess
import tempfile

NEARDUP = os.environ["NEARDUP_BIN"]
SOURCE_ROOT = os.environ["NEARDUP_SOURCE_ROOT"]
SAMPLES = os.path.join(SOURCE_ROOT, "samples", "news")
SKIP = 77  # meson's exit code for a skipped test


def mpirun_command(ranks):
    """mpirun for `ranks` processes on this host, as root where needed."""
    command = ["mpirun", "--oversubscribe", "-np", str(ranks)]
    if os.geteuid() == 0:
        command.append("--allow-run-as-root")
    return command


def write_planted_corpus(folder, files=5, docs_per_file=400, seed=7):
    """JSONL files of news-like documents, a quarter of them near-copies (a few
    words changed) of earlier ones, some in another file; plus a malformed
    line and an id repeated in a later file. One file is gzip-compressed.
    Returns the input paths in order."""
    rng = random.Random(seed)
    vocabulary = ["w%d" % i for i in range(5000)]
    originals = []
    paths = []
    for f in range(files):
        lines = []
        for d in range(docs_per_file):
            if originals and rng.random() < 0.25:
                words = list(rng.choice(originals))
                for _ in range(max(1, len(words) // 30)):
                    words[rng.randrange(len(words))] = rng.choice(vocabulary)
            else:
                words = [rng.choice(vocabulary) for _ in range(rng.randint(80, 400))]
                originals.append(words)
            record = '{"id":"f%d-d%d","text":"%s","date":"2024-04-%02d","source":"s%d"}' % (
                f, d, " ".join(words), 1 + d % 28, d % 7)
            lines.append(record)
        if f == 2:
            lines.append('{"id":"broken", "text":')
            lines.append('{"id":"f0-d1","text":"an id seen in the first file"}')
        data = ("\n".join(lines) + "\n").encode()
        if f == 3:
            path = os.path.join(folder, "part%d.jsonl.gz" % f)
            with gzip.open(path, "wb") as out:
                out.write(data)
        else:
            path = os.path.join(folder, "part%d.jsonl" % f)
            with open(path, "wb") as out:
                out.write(data)
        paths.append(path)
    return paths


def run(command, env=None):
    """Runs `command`; returns (exit code, stdout + stderr). Under mpirun,
    LeakSanitizer is off (in a sanitizer build): Open MPI leaves allocations of
    its unloaded plugins behind at MPI_Finalize. The records' way between
    ranks is leak-checked without MPI in tests/dist."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    if "mpirun" in command and full_env.get("ASAN_OPTIONS"):
        full_env["ASAN_OPTIONS"] += ":detect_leaks=0"
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          env=full_env, timeout=600)
    return done.returncode, done.stdout.decode(errors="replace")


def outputs(folder):
    """Every output file's bytes by relative path; stats.json without its
    wall-clock timings, the one part that may differ between runs."""
    files = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                data = handle.read()
            if name == "stats.json":
                data = data[:data.find(b'"timings_seconds"')]
            files[os.path.relpath(path, folder)] = data
    return files


class Workspace:
    """A temporary folder removed at the end of a `with` block."""

    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="neardup-mpi-test-")
        return self.path

    def __exit__(self, *exc):
        shutil.rmtree(self.path, ignore_errors=True)
