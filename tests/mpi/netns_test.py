"""neardup across hosts: ranks on two hosts made of network namespaces (one
more holds mpirun), joined by a bridge, talking MPI over TCP only. The
outputs equal a single process's. Needs root and iproute2; skipped otherwise."""
import os
import shutil
import stat
import subprocess
import sys
import unittest

from mpi_support import (NEARDUP, SAMPLES, SKIP, Workspace, outputs, run, write_planted_corpus)

PREFIX = "ndt%d" % os.getpid()
SUBNET = "10.231.%d" % (os.getpid() % 200 + 20)
HOSTS = {"launcher": SUBNET + ".10", "host1": SUBNET + ".11", "host2": SUBNET + ".12"}


def ip(*args):
    subprocess.run(["ip", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class Network:
    """Three namespaces, each with one veth on a bridge inside a fourth."""

    def __enter__(self):
        self.namespaces = [PREFIX + "-hub"] + [PREFIX + "-" + name for name in HOSTS]
        for ns in self.namespaces:
            ip("netns", "add", ns)
        hub = self.namespaces[0]
        ip("-n", hub, "link", "add", "br0", "type", "bridge")
        ip("-n", hub, "link", "set", "br0", "up")
        for i, (name, address) in enumerate(HOSTS.items()):
            ns = PREFIX + "-" + name
            ip("-n", hub, "link", "add", "v%d" % i, "type", "veth", "peer", "name", "eth0",
               "netns", ns)
            ip("-n", hub, "link", "set", "v%d" % i, "master", "br0", "up")
            ip("-n", ns, "addr", "add", address + "/24", "dev", "eth0")
            ip("-n", ns, "link", "set", "eth0", "up")
            ip("-n", ns, "link", "set", "lo", "up")
        return self

    def __exit__(self, *exc):
        for ns in self.namespaces:
            subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)


def write_launch_agent(folder):
    """The remote-shell mpirun uses to start its daemon on a host: it runs the
    command inside that host's namespace, with the host's own name."""
    path = os.path.join(folder, "netns-agent")
    cases = "".join('  %s) ns=%s-%s; name=%s ;;\n' % (address, PREFIX, name, name)
                    for name, address in HOSTS.items())
    with open(path, "w") as agent:
        agent.write('#!/bin/sh\n'
                    'while [ "${1#-}" != "$1" ]; do shift; done  # remote-shell options\n'
                    'host="$1"; shift\n'
                    'case "$host" in\n' + cases + '  *) echo "unknown host $host" >&2; exit 1 ;;\n'
                    'esac\n'
                    'exec ip netns exec "$ns" unshare --uts /bin/sh -c "hostname $name; $*"\n')
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)
    return path


class RanksOnSeparateHostsTest(unittest.TestCase):

    def test_two_hosts_give_the_single_process_outputs(self):
        with Workspace() as tmp, Network():
            inputs = write_planted_corpus(tmp, files=4, docs_per_file=300) + [SAMPLES]
            single = os.path.join(tmp, "single")
            code, log = run([NEARDUP, "dedup", *inputs, "-o", single])
            self.assertEqual(code, 0, log)
            hostfile = os.path.join(tmp, "hosts")
            with open(hostfile, "w") as hosts:
                hosts.write("%s slots=2\n%s slots=2\n" % (HOSTS["host1"], HOSTS["host2"]))
            out = os.path.join(tmp, "distributed")
            network = SUBNET + ".0/24"
            command = ["ip", "netns", "exec", PREFIX + "-launcher",
                       "mpirun", "--allow-run-as-root", "-np", "4", "--hostfile", hostfile,
                       "--mca", "plm_rsh_agent", write_launch_agent(tmp),
                       "--mca", "btl", "tcp,self",
                       "--mca", "btl_tcp_if_include", network,
                       "--mca", "oob_tcp_if_include", network,
                       "--report-bindings", "--display-map",
                       NEARDUP, "dedup", *inputs, "-o", out]
            code, log = run(command, env={"OMPI_ALLOW_RUN_AS_ROOT": "1",
                                          "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1"})
            self.assertEqual(code, 0, log)
            self.assertIn("4 ranks", log)
            for host in ("host1", "host2"):
                self.assertIn(host, log, "the map must place ranks on both hosts")
            self.assertEqual(outputs(out), outputs(single))


if __name__ == "__main__":
    if os.geteuid() != 0 or shutil.which("ip") is None or shutil.which("mpirun") is None:
        print("needs root, iproute2 and mpirun: skipped")
        sys.exit(SKIP)
    probe = subprocess.run(["ip", "netns", "add", PREFIX + "-probe"], stderr=subprocess.PIPE)
    if probe.returncode != 0:
        print("cannot create network namespaces here: skipped (%s)" % probe.stderr.decode().strip())
        sys.exit(SKIP)
    subprocess.run(["ip", "netns", "del", PREFIX + "-probe"])
    unittest.main(verbosity=2)
