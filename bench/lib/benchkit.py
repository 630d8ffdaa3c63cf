"""What bench/compare, bench/soak and bench/peers/smoke share: the servers
they know by name, starting and stopping them by PID (each in its own
session, bounded in time), a throwaway Redis, ws-bench runs and /proc
sampling. Python 3 standard library only."""

import json
import os
import resource
import shlex
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEERS = ROOT / "bench" / "peers"
# Every client comes from 127.0.0.1: the per-address cap (default 1000)
# would answer the connect scenario's 10,000 with 503.
OURS = (f"{ROOT}/.build/release/chat-server --host 127.0.0.1 --port {{port}} "
        "--rate-limit 0 --max-connections-per-ip 100000 --log-level warn")
WS_BENCH = ROOT / ".build" / "release" / "ws-bench"


def peer_command(folder, *flags, redis=False):
    """A peer's start script with its port (and Redis URL) placeholders."""
    command = f"{PEERS / folder / 'start'} --port {{port}}"
    if redis:
        command += " --redis-url {redis}"
    return " ".join([command, *flags])


# Server name -> command template ({port}, and {redis} where it needs one).
KNOWN_SERVERS = {
    "ours": OURS,
    "ours-redis": OURS + " --redis {redis}",
    "node-ws": peer_command("node-ws"),
    "python-websockets": peer_command("python-websockets"),
    "python-websockets-uvloop": peer_command("python-websockets", "--uvloop"),
    "go-gorilla": peer_command("go-gorilla"),
    "swift-nio": peer_command("swift-nio"),
    "django-channels": peer_command("django-channels", redis=True),
    "django-channels-pubsub": peer_command("django-channels", "--layer pubsub", redis=True),
}

# The folder under bench/peers whose setup script a server name needs.
PEER_FOLDERS = {name: command.split(str(PEERS) + "/")[1].split("/")[0]
                for name, command in KNOWN_SERVERS.items() if str(PEERS) in command}


class BenchError(Exception):
    """A failure that ends the run with a clear message."""


def raise_descriptor_limit():
    """Children inherit the hard limit as their soft one: 10,000 connections fit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def port_answers(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        return True
    except OSError:
        return False


def pinned(argv, cpus):
    """argv under `taskset -c CPUS`, which execs it (same PID); unchanged when cpus is empty."""
    return ["taskset", "-c", cpus, *argv] if cpus else list(argv)


class Process:
    """A child in its own session, stopped by its PID (and its group, which
    only its own children share) with SIGTERM, then SIGKILL after a grace."""

    def __init__(self, name, argv, log_path, env=None):
        self.name = name
        self.argv = list(argv)
        self.log_path = Path(log_path)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            self.popen = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                          start_new_session=True, env=env)
        self.pid = self.popen.pid

    def running(self):
        return self.popen.poll() is None

    def log_tail(self, lines=15):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def wait_for_port(self, port, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise BenchError(f"{self.name} exited with status {self.popen.returncode} before port {port} "
                                 f"answered; its log ({self.log_path}) ends:\n{self.log_tail()}")
            if port_answers(port):
                return
            time.sleep(0.05)
        self.stop()
        raise BenchError(f"{self.name} did not answer on port {port} within {timeout:g} s; "
                         f"its log ({self.log_path}) ends:\n{self.log_tail()}")

    def stop(self, grace=10.0):
        """Returns the exit status. The group is signalled only while the
        leader is alive or an unreaped zombie, so its id cannot be reused."""
        if self.popen.returncode is None:
            self._signal(signal.SIGTERM)
            if not self._exited(grace):
                self._signal(signal.SIGKILL)
                self._exited(5)
            self._signal(signal.SIGKILL)  # whatever else is left in its group
        return self.popen.wait(5)

    def _exited(self, timeout):
        """Waits for the leader to exit without reaping it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is not None:
                return True
            time.sleep(0.02)
        return False

    def _signal(self, sig):
        try:
            os.killpg(self.pid, sig)
        except (ProcessLookupError, PermissionError):
            pass


class Redis:
    """A throwaway redis-server on a free loopback port: no persistence,
    data in a temporary folder that is removed on stop."""

    def __init__(self, log_dir, cpus=""):
        if not shutil.which("redis-server"):
            raise BenchError("redis-server is not installed (apt-get install redis-server)")
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="bench-redis-")
        argv = ["redis-server", "--save", "", "--appendonly", "no", "--bind", "127.0.0.1",
                "--port", str(self.port), "--dir", self.folder]
        self.process = Process("redis-server", pinned(argv, cpus), Path(log_dir) / "redis.log")
        self.process.wait_for_port(self.port, 10)
        self.url = f"redis://127.0.0.1:{self.port}"

    def command(self, *words):
        """One command in RESP; returns the first reply line."""
        request = f"*{len(words)}\r\n" + "".join(f"${len(w.encode())}\r\n{w}\r\n" for w in words)
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as connection:
            connection.sendall(request.encode())
            return connection.makefile("rb").readline().decode().strip()

    def flush(self):
        if self.command("FLUSHALL") != "+OK":
            raise BenchError("redis FLUSHALL failed")

    def stop(self):
        self.process.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def session_pids(leader):
    """The leader and every process of its session (a server's own workers)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == leader or int(entry) == leader:  # fields[3] is the session id
            pids.append(int(entry))
    return pids


def rss_kib(pid):
    """VmRSS of one process in KiB (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def open_fds(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/fd"))
    except OSError:
        return 0


def cpu_seconds(pid):
    """User plus system CPU time of one process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def session_cpu_seconds(leader):
    return sum(cpu_seconds(pid) for pid in session_pids(leader))


def session_rss_kib(leader):
    return sum(rss_kib(pid) for pid in session_pids(leader))


def run_ws_bench(argv, log_path, timeout):
    """Runs ws-bench to the end (bounded); returns (exit status, the --json object or None)."""
    with open(log_path, "w") as log:
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=log, text=True, start_new_session=True)
        try:
            output, _ = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            raise BenchError(f"ws-bench did not finish within {timeout:g} s: {shlex.join(argv)}")
        log.write(output)
    figures = None
    for line in reversed(output.splitlines()):
        if line.startswith("{"):
            figures = json.loads(line)
            break
    return child.returncode, figures


def ws_bench_time_limit(arguments):
    """The longest a ws-bench run with these arguments may take, with a margin."""
    values = {"--setup-timeout": 30.0, "--warmup": 2.0, "--duration": 10.0, "--drain": 2.0,
              "--close-wait": 1.0, "--hold": 5.0}
    words = iter(arguments)
    for word in words:
        flag, _, inline = word.partition("=")
        if flag in values:
            values[flag] = float(inline or next(words, "0"))
    return sum(values.values()) + 30
