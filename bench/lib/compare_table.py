"""bench/compare's figures: one headline per run, medians per server, the
ratio to the first server, and the Markdown table."""

import shlex
import statistics


def throughput_key(scenario):
    return {"echo": "round_trips_per_s", "connect": "handshakes_per_s"}.get(scenario, "deliveries_per_s")


def run_metrics(scenario, run):
    """The figures of one run that the table shows (absent ones left out)."""
    figures, rss = run.get("figures") or {}, run["rss_kib"]
    metrics = {"peak_rss_mib": rss["peak"] / 1024}
    if throughput_key(scenario) in figures:
        metrics["throughput"] = figures[throughput_key(scenario)]
    latency = figures.get("latency_us", {})
    if latency.get("n"):
        metrics["p50_ms"], metrics["p99_ms"] = latency["p50"] / 1000, latency["p99"] / 1000
    if "completeness" in figures:
        metrics["completeness"] = figures["completeness"]
    if figures.get("msgs_rx") and "server_cpu_s" in run:
        # Server CPU (user + system, whole ws-bench run) per message ws-bench read.
        metrics["cpu_us_per_msg"] = run["server_cpu_s"] * 1e6 / figures["msgs_rx"]
    if scenario == "connect" and "open_at_end" in figures:
        metrics["open_at_end"], metrics["failed"] = figures["open_at_end"], figures["failed"]
        if figures["open_at_end"]:
            metrics["rss_kib_per_connection"] = (rss["peak"] - rss["baseline"]) / figures["open_at_end"]
    return metrics


def notes(runs):
    """What makes a server's figures doubtful, counted over its rounds."""
    found = []
    checks = [
        ("ws-bench exit != 0", lambda run: run["ws_bench_exit"] != 0),
        ("server died", lambda run: not run["server_survived"]),
        ("generator busy > 90%", lambda run: (run.get("figures") or {}).get("gen_busy_pct", 0) > 90),
        ("generator waited for a CPU > 25%", lambda run: (run.get("figures") or {}).get("gen_runq_wait_pct", 0) > 25),
    ]
    for text, applies in checks:
        count = sum(1 for run in runs if applies(run))
        if count:
            found.append(f"{text} in {count}/{len(runs)}")
    return "; ".join(found)


def medians(scenario, runs):
    per_run = [run_metrics(scenario, run) for run in runs]
    keys = {key for metrics in per_run for key in metrics}
    return {key: statistics.median(m[key] for m in per_run if key in m) for key in keys}


def headline(scenario, run):
    """One progress line for a finished run."""
    metrics = run_metrics(scenario, run)
    parts = [f"{throughput_key(scenario)} {metrics.get('throughput', 0):,.0f}"]
    if "p50_ms" in metrics:
        parts.append(f"p50 {metrics['p50_ms']:.2f} ms p99 {metrics['p99_ms']:.2f} ms")
    if "completeness" in metrics:
        parts.append(f"completeness {100 * metrics['completeness']:.2f}%")
    parts.append(f"peak RSS {metrics['peak_rss_mib']:.1f} MiB, ws-bench exit {run['ws_bench_exit']}")
    return ", ".join(parts)


COLUMNS = {
    "fanout": [("deliveries/s", "throughput", "{:,.0f}"), ("ratio", "ratio", "{:.2f}"), ("completeness", "completeness", "{:.2%}"),
               ("p50 ms", "p50_ms", "{:.2f}"), ("p99 ms", "p99_ms", "{:.2f}"), ("peak RSS MiB", "peak_rss_mib", "{:.1f}"),
               ("server CPU µs/msg", "cpu_us_per_msg", "{:.2f}")],
    "echo": [("round trips/s", "throughput", "{:,.0f}"), ("ratio", "ratio", "{:.2f}"), ("p50 ms", "p50_ms", "{:.3f}"),
             ("p99 ms", "p99_ms", "{:.3f}"), ("peak RSS MiB", "peak_rss_mib", "{:.1f}"), ("server CPU µs/msg", "cpu_us_per_msg", "{:.2f}")],
    "connect": [("handshakes/s", "throughput", "{:,.0f}"), ("ratio", "ratio", "{:.2f}"), ("open at end", "open_at_end", "{:,.0f}"),
                ("failed", "failed", "{:,.0f}"), ("peak RSS MiB", "peak_rss_mib", "{:.1f}"),
                ("RSS growth KiB/conn", "rss_kib_per_connection", "{:.1f}")],
}
COLUMNS["rooms"] = COLUMNS["fanout"]


def cell(value, form):
    return "—" if value is None else form.format(value)


def markdown(report):
    scenario = report["scenario"]
    columns = COLUMNS[scenario]
    rows, first = [], None
    for server in report["servers"]:
        values = medians(scenario, server["runs"])
        if first is None:
            first = values.get("throughput")
        if first and "throughput" in values:
            values["ratio"] = values["throughput"] / first
        rounds = " / ".join(cell(run_metrics(scenario, run).get("throughput"), "{:,.0f}") for run in server["runs"])
        cells = [cell(values.get(key), form) for _, key, form in columns]
        rows.append(f"| {server['name']} | " + " | ".join(cells) + f" | {rounds} | {notes(server['runs'])} |")
    machine, git = report["machine"], report["git"]
    lines = [
        f"## ws-bench {scenario} {shlex.join(report['ws_bench_args'])}",
        "",
        f"{report['date']}, commit {git['commit'][:12]}{' (dirty)' if git['dirty'] else ''}, "
        f"{machine['model_name']}, {machine['nproc']} CPUs, Linux {machine['kernel']}; servers on CPU "
        f"{report['cpus']['servers'] or 'any'}, ws-bench on CPU {report['cpus']['ws_bench'] or 'any'}; "
        f"medians of {report['rounds']} round(s), ratio to {report['servers'][0]['name']}.",
        "",
        "| server | " + " | ".join(title for title, _, _ in columns) + " | per round | notes |",
        "|---" * (len(columns) + 3) + "|",
        *rows,
        "",
    ]
    return "\n".join(lines)
