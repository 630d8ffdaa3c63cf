"""Summarises an Autobahn fuzzingclient report folder: the cases that are
not plainly OK, counts per verdict per section, and one closing line.

    python summary.py SPEC.json      (the fuzzingclient spec of the run)

Verdicts are the suite's per-case `behavior`; MISSING counts requested
cases with no result (server unreachable, crash, time-out). Close failures
are cases whose `behaviorClose` is FAILED or UNCLEAN: the suite judges the
closing handshake separately. Exit status 0 only when FAILED, MISSING and
close failures are all zero; 2 when there is no report at all.
"""

import json
import sys
from pathlib import Path

VERDICTS = ["OK", "NON-STRICT", "INFORMATIONAL", "UNIMPLEMENTED", "FAILED", "MISSING"]
BAD_CLOSE = {"FAILED", "UNCLEAN"}


def case_key(case_id):
    return tuple(int(part) for part in case_id.split("."))


def requested_cases(spec):
    """The case ids the spec selects, resolved by the suite's own code."""
    from autobahntestsuite.case import CaseBasename, CaseCategories, Cases, CaseSetname, CaseSubCategories
    from autobahntestsuite.caseset import CaseSet
    return CaseSet(CaseSetname, CaseBasename, Cases, CaseCategories, CaseSubCategories).parseSpecCases(spec)


def load_results(outdir, agent):
    index = Path(outdir) / "index.json"
    if not index.exists():
        return None
    return json.loads(index.read_text()).get(agent, {})


def summarize(results, wanted):
    rows, counts, close_failures = [], {}, []
    for case in sorted(wanted, key=case_key):
        result = results.get(case)
        verdict = result["behavior"] if result else "MISSING"
        close = result["behaviorClose"] if result else "-"
        section = case.split(".")[0]
        counts.setdefault(section, dict.fromkeys(VERDICTS, 0))
        counts[section][verdict] = counts[section].get(verdict, 0) + 1
        if close in BAD_CLOSE:
            close_failures.append(case)
        if verdict != "OK" or close not in ("OK", "INFORMATIONAL", "-"):
            rows.append((case, verdict, close, (result or {}).get("duration", "")))
    return rows, counts, close_failures


def print_report(rows, counts, close_failures, total):
    if rows:
        print("| case | behavior | close | ms |\n|---|---|---|---|")
        for case, verdict, close, duration in rows:
            print(f"| {case} | {verdict} | {close} | {duration} |")
        print()
    print("| section | " + " | ".join(VERDICTS) + " |")
    print("|---" * (len(VERDICTS) + 1) + "|")
    for section in sorted(counts, key=int):
        print(f"| {section} | " + " | ".join(str(counts[section].get(v, 0)) for v in VERDICTS) + " |")
    overall = {v: sum(c.get(v, 0) for c in counts.values()) for v in VERDICTS}
    print()
    print("autobahn: " + " ".join(f"{v}={overall[v]}" for v in VERDICTS)
          + f" total={total} CLOSE-FAILED={len(close_failures)}")
    return overall


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    spec = json.loads(Path(sys.argv[1]).read_text())
    results = load_results(spec["outdir"], spec["servers"][0]["agent"])
    if results is None:
        print(f"autobahn: no report in {spec['outdir']} (index.json missing)")
        return 2
    wanted = requested_cases(spec)
    if not wanted:
        print(f"autobahn: no case matches {spec['cases']}")
        return 2
    rows, counts, close_failures = summarize(results, wanted)
    overall = print_report(rows, counts, close_failures, len(wanted))
    return 1 if overall["FAILED"] or overall["MISSING"] or close_failures else 0


if __name__ == "__main__":
    sys.exit(main())
