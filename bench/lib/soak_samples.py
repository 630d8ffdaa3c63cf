"""bench/soak's measurements: the server's RSS and open descriptors read
from /proc into a CSV, and the flatness verdict over them."""

import csv
import os
import statistics
import time
from pathlib import Path

import benchkit


def find_listener_pid(port):
    """The process holding the socket that listens on `port` (via /proc/net/tcp*)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A = LISTEN
                inodes.add(f"socket:[{fields[9]}]")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            for fd in os.listdir(f"/proc/{entry}/fd"):
                if os.readlink(f"/proc/{entry}/fd/{fd}") in inodes:
                    return int(entry)
        except OSError:
            continue
    return None


class SampleLog:
    """One CSV row per sample: time, server RSS and fds, and the clients' counters."""

    FIELDS = ["elapsed_s", "phase", "rss_kib", "open_fds", "clients_connected", "connects", "messages_sent",
              "messages_received", "errors"]

    def __init__(self, path, pid):
        self.path, self.pid = path, pid
        self.started = time.monotonic()
        self.rows = []
        with open(path, "w", newline="") as file:
            csv.writer(file).writerow(self.FIELDS)

    def sample(self, phase, stats):
        row = {"elapsed_s": round(time.monotonic() - self.started, 1), "phase": phase,
               "rss_kib": benchkit.rss_kib(self.pid), "open_fds": benchkit.open_fds(self.pid),
               "clients_connected": stats.connected, "connects": stats.connects, "messages_sent": stats.sent,
               "messages_received": stats.received, "errors": sum(stats.errors.values())}
        self.rows.append(row)
        with open(self.path, "a", newline="") as file:
            csv.writer(file).writerow([row[field] for field in self.FIELDS])
        return row


class Summary:
    def __init__(self):
        self.lines, self.ok = [], True

    @property
    def text(self):
        return "\n".join(self.lines) + "\n"


def growth_line(name, values, tolerance, unit, floor):
    """Mean of the last third against the first third; `floor` absorbs tiny absolute changes."""
    third = max(1, len(values) // 3)
    first, last = statistics.mean(values[:third]), statistics.mean(values[-third:])
    change = last - first
    percent = 100 * change / first if first else 0.0
    flat = percent <= tolerance or change <= floor
    verdict = "flat" if flat else "GROWING"
    return flat, (f"{name}: first third mean {first:,.1f} {unit}, last third mean {last:,.1f} {unit} "
                  f"({percent:+.1f}%), min {min(values):,} max {max(values):,}: {verdict}")


def summarize(log, stats, args):
    summary = Summary()
    load = [row for row in log.rows if row["phase"] == "load" and row["elapsed_s"] >= args.warmup]
    baseline = next((row for row in log.rows if row["phase"] == "before"), None)
    after = [row for row in log.rows if row["phase"] == "after"]
    summary.lines.append(f"soak: {stats.connects:,} connections ({stats.abrupt:,} dropped without a close), "
                         f"{stats.sent:,} messages sent, {stats.received:,} frames received, {stats.pings:,} pings, "
                         f"{stats.listings:,} rooms/who listings, {stats.joins:,} joins, {stats.leaves:,} leaves")
    errors = ", ".join(f"{kind} {count}" for kind, count in sorted(stats.errors.items())) or "none"
    summary.lines.append(f"client errors: {errors}")
    if len(load) < 6:
        summary.lines.append(f"only {len(load)} samples after the {args.warmup:g} s warm-up: too few to judge")
        summary.ok = False
        return summary
    for name, key, unit, floor in (("RSS", "rss_kib", "KiB", 2048), ("open fds", "open_fds", "fds", 8)):
        flat, line = growth_line(name, [row[key] for row in load], args.tolerance, unit, floor)
        summary.lines.append(line)
        summary.ok &= flat
    if baseline and after:
        summary.lines.append(f"before any client: RSS {baseline['rss_kib']:,} KiB, {baseline['open_fds']} fds; "
                             f"after all left: RSS {after[-1]['rss_kib']:,} KiB, {after[-1]['open_fds']} fds")
        if after[-1]["open_fds"] > baseline["open_fds"] + 2:
            summary.lines.append("open fds did not return to the baseline after every client left: LEAK?")
            summary.ok = False
    failed = sum(count for kind, count in stats.errors.items() if kind == "connect" or kind.startswith("closed"))
    if failed > stats.connects // 100 + 5:
        summary.lines.append(f"{failed} connects failed or connections closed unexpectedly: more than 1%")
        summary.ok = False
    summary.lines.append(f"soak: {'FLAT' if summary.ok else 'NOT FLAT'} ({len(load)} samples after "
                         f"{args.warmup:g} s warm-up, tolerance {args.tolerance:g}%)")
    return summary
