"""Ports the installed Autobahn|Testsuite (Python 2 code) and the autobahn
0.10.9 library it was written against to Python 3.11, in place, inside the
conformance venv: lib2to3 converts the syntax, then a list of targeted
patches fixes what a converter cannot know. Every patch names the text it
expects; if that text is not there exactly as often as expected, the port
stops with an error instead of running a half-ported suite.

    python3.11 port.py SITE_PACKAGES

The one semantic gap is octets: a Python 2 string literal such as
"\\xfe" * 125 was bytes and is text in Python 3. The helper module
`py3octets` (written into the package) turns such text back into the same
octets, and the patches apply it where payloads enter autobahn and where
expected and received events are compared.
"""

import sys
import warnings
from pathlib import Path

from port_patches import HELPER, PATCHES, REWRITES


def convert(package):
    """lib2to3 with its default fixers over every module of the package."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from lib2to3.main import main as lib2to3_main
    status = lib2to3_main("lib2to3.fixes", ["--write", "--nobackups", "--no-diffs", str(package)])
    if status not in (0, None):
        raise SystemExit(f"port: lib2to3 failed on {package} (status {status})")


def apply_patch(site, relative, old, new, count):
    path = site / relative
    text = path.read_text(encoding="utf-8")
    found = text.count(old)
    if found != count:
        raise SystemExit(f"port: patch for {relative} expected {count} occurrence(s) of {old!r}, found {found}")
    path.write_text(text.replace(old, new), encoding="utf-8")


def add_import(text, line):
    """The import after any `from __future__` lines, else first."""
    lines = text.split("\n")
    position = max((i + 1 for i, l in enumerate(lines) if l.startswith("from __future__")), default=0)
    lines.insert(position, line)
    return "\n".join(lines)


def apply_rewrite(site, pattern, old, new, importing, expected):
    """Replaces a token in every file matching `pattern`; the total must match."""
    total = 0
    for path in sorted(site.glob(pattern)):
        text = path.read_text(encoding="utf-8")
        found = text.count(old)
        if found:
            total += found
            text = text.replace(old, new)
            path.write_text(add_import(text, importing) if importing else text, encoding="utf-8")
    if total != expected:
        raise SystemExit(f"port: rewrite {old!r} -> {new!r} in {pattern} expected {expected} occurrence(s), found {total}")


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: port.py SITE_PACKAGES")
    site = Path(sys.argv[1])
    convert(site / "autobahntestsuite")
    (site / "autobahntestsuite" / "py3octets.py").write_text(HELPER, encoding="utf-8")
    for relative, old, new, count in PATCHES:
        apply_patch(site, relative, old, new, count)
    for pattern, old, new, importing, expected in REWRITES:
        apply_rewrite(site, pattern, old, new, importing, expected)
    print(f"port: converted with lib2to3, {len(PATCHES)} patches and {len(REWRITES)} rewrites applied")


if __name__ == "__main__":
    main()
