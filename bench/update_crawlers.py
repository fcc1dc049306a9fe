#!/usr/bin/env python3
"""Regenerate src/report/crawlers.txt and crawlers.LICENSE from npm `crawler-user-agents`.

Usage: python3 bench/update_crawlers.py [--version X.Y.Z] [--tarball FILE.tgz] [--check]

Downloads the newest (or the given) version of the npm package crawler-user-agents
(MIT, https://github.com/monperrus/crawler-user-agents) with `npm pack`, or reads a
tarball already on disk, and rewrites:

  src/report/crawlers.txt      a header, then the `pattern` of every entry of the
                               package's crawler-user-agents.json, unchanged and in the
                               package's order, then the "# loa additions" section
                               copied as it is from the current file;
  src/report/crawlers.LICENSE  the package's LICENSE, byte for byte.

A pattern the Rust `regex` crate cannot run (look-around, backreferences, atomic
groups, possessive quantifiers, ...) or that Python's `re` rejects is not written as a
pattern but as a comment line naming it. A pattern that cannot be one line of the file
(empty, containing a line break, starting with `#`) stops the script. In the additions
section, a comment line `# ua: <User-Agent>` names a User-Agent an addition is for; the
script warns when a package pattern now matches it, i.e. the addition became redundant.
A line `!<pattern>` there takes a package pattern out (loa skips it when matching); the
script warns when the package no longer has that pattern.
With --check nothing is written: the exit status is 1 when a file would change.
Standard library only (plus `npm` on PATH unless --tarball is given).
"""

import argparse
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "crawler-user-agents"
REPO_URL = "https://github.com/monperrus/crawler-user-agents"
ADDITIONS_HEADING = "# loa additions: monitors and tools the list does not cover"
ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "src" / "report"
PATTERNS_FILE = OUT_DIR / "crawlers.txt"
LICENSE_FILE = OUT_DIR / "crawlers.LICENSE"

DEFAULT_ADDITIONS = ADDITIONS_HEADING + "\n"

# Escapes Rust's regex crate accepts after a backslash, besides ASCII punctuation
# other than `<` and `>` (which are word-boundary assertions there, literals in Python).
RUST_LETTER_ESCAPES = set("afnrtvxuUdDsSwWpPbBAz")


def rust_unsupported(pattern: str) -> str | None:
    """Why the Rust `regex` crate would reject or read `pattern` differently, or None."""
    i, n = 0, len(pattern)
    in_class = False
    class_start = False  # just after `[` or `[^`: a `]` here is a literal
    prev_quantifier = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                return "trailing backslash"
            e = pattern[i + 1]
            if e.isdigit():
                return f"backreference or octal escape \\{e}"
            if e in "<>":
                return f"\\{e} is a word boundary in Rust"
            if e.isascii() and e.isalpha() and e not in RUST_LETTER_ESCAPES:
                return f"escape \\{e}"
            if not e.isascii():
                return f"escaped non-ASCII character {e!r}"
            if in_class and e == "b":
                return "\\b inside a character class"
            i += 2
            class_start = False
            prev_quantifier = False
            continue
        if in_class:
            if c == "]" and not class_start:
                in_class = False
            elif c == "[":
                return "`[` inside a class (nested class in Rust)"
            elif pattern.startswith(("&&", "--", "~~"), i):
                return f"`{pattern[i:i + 2]}` inside a class (set operation in Rust)"
            class_start = False
            i += 1
            continue
        if c == "[":
            in_class = True
            class_start = True
            if pattern.startswith("[^", i):
                i += 1
            i += 1
            prev_quantifier = False
            continue
        if c == "(" and pattern.startswith("(?", i):
            rest = pattern[i + 2:]
            if rest.startswith(("=", "!")):
                return "look-ahead"
            if rest.startswith(("<=", "<!")):
                return "look-behind"
            if rest.startswith(">"):
                return "atomic group"
            if rest.startswith("P="):
                return "named backreference"
            if rest.startswith("("):
                return "conditional group"
            if rest.startswith("#"):
                return "inline comment group"
            if not re.match(r"P<\w+>|<\w+>|:|[imsx]*(?:-[imsx]+)?[:)]", rest):
                return "unsupported group or flag"
            i += 2
            prev_quantifier = False
            continue
        if c in "*+?" or (c == "{" and re.match(r"\{\d+(?:,\d*)?\}", pattern[i:])):
            if c == "+" and prev_quantifier:
                return "possessive quantifier"
            # A `?` right after a quantifier makes it lazy (fine in Rust).
            prev_quantifier = not (c == "?" and prev_quantifier)
            i = pattern.index("}", i) + 1 if c == "{" else i + 1
            continue
        if c == "{":
            return "`{` that is not a repetition (Rust rejects it)"
        prev_quantifier = False
        i += 1
    if in_class:
        return "unclosed character class"
    return None


def problem(pattern: str) -> str | None:
    """Why `pattern` cannot be used as is, or None."""
    reason = rust_unsupported(pattern)
    if reason:
        return reason
    try:
        re.compile(pattern)
    except re.error as err:
        return f"Python re rejects it: {err}"
    return None


def unusable_as_line(pattern: object) -> str | None:
    if not isinstance(pattern, str):
        return "not a string"
    if not pattern.strip():
        return "empty or blank"
    if "\n" in pattern or "\r" in pattern:
        return "contains a line break"
    if pattern.startswith("#"):
        return "starts with #"
    return None


def fetch_tarball(version: str | None, dest: Path) -> Path:
    spec = f"{PACKAGE}@{version}" if version else f"{PACKAGE}@latest"
    subprocess.run(["npm", "pack", spec, "--pack-destination", str(dest), "--silent"],
                   check=True, stdout=subprocess.DEVNULL)
    tgz = sorted(dest.glob("*.tgz"))
    if len(tgz) != 1:
        sys.exit(f"npm pack left {len(tgz)} tarballs in {dest}")
    return tgz[0]


def read_package(tgz: Path) -> tuple[str, list, bytes]:
    with tarfile.open(tgz, "r:gz") as tar:
        def member(name: str) -> bytes:
            f = tar.extractfile(f"package/{name}")
            if f is None:
                sys.exit(f"{tgz}: package/{name} is not a file")
            return f.read()
        meta = json.loads(member("package.json"))
        entries = json.loads(member("crawler-user-agents.json"))
        licence = member("LICENSE")
    if meta.get("name") != PACKAGE:
        sys.exit(f"{tgz} is {meta.get('name')!r}, not {PACKAGE}")
    return meta["version"], entries, licence


def current_additions() -> str:
    if not PATTERNS_FILE.exists():
        return DEFAULT_ADDITIONS
    text = PATTERNS_FILE.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    for k, line in enumerate(lines):
        if line.rstrip("\r\n") == ADDITIONS_HEADING:
            return "".join(lines[k:])
    sys.exit(f"{PATTERNS_FILE} has no line {ADDITIONS_HEADING!r}: add it back before regenerating")


def render(version: str, entries: list, additions: str) -> tuple[str, list[str], list[str]]:
    kept, dropped = [], []
    body = []
    for n, entry in enumerate(entries):
        pattern = entry.get("pattern") if isinstance(entry, dict) else None
        why = unusable_as_line(pattern)
        if why:
            sys.exit(f"entry {n} of crawler-user-agents.json: pattern {pattern!r} is {why}")
        why = problem(pattern)
        if why:
            dropped.append(f"{pattern} ({why})")
            body.append(f"# dropped ({why}): {pattern}\n")
        else:
            kept.append(pattern)
            body.append(pattern + "\n")
    spaced = sum(1 for p in kept if p != p.strip())
    header = [
        "# Crawler, bot and monitor User-Agent patterns for `loa report`.",
        f"# Derived from npm package crawler-user-agents version {version}",
        f"# ({REPO_URL}), MIT licence (see crawlers.LICENSE).",
        "# Regenerated with `python3 bench/update_crawlers.py`: do not edit the package's",
        "# patterns by hand; the loa additions at the end are kept as they are.",
        "# One regular expression per line (Rust `regex` crate syntax), matched",
        "# case-sensitively against the whole User-Agent header: a request is a bot when",
        "# any pattern matches anywhere in it (only `^` and `$` anchor a pattern).",
        "# Lines starting with `#` and blank lines are ignored; a line `!<pattern>` in the loa",
        "# additions takes that package pattern out. Spaces at the start or end of a line",
        f"# belong to its pattern ({spaced} patterns have them): strip only the line ending.",
        f"# crawler-user-agents {version}: {len(kept)} patterns"
        + (f", {len(dropped)} dropped (see `# dropped` lines)" if dropped else "")
        + ".",
    ]
    text = "\n".join(header) + "\n" + "".join(body) + "\n" + additions
    return text, kept, dropped


def check_additions(additions: str, kept: list[str]) -> list[str]:
    warnings = []
    compiled = [re.compile(p) for p in kept]
    for line in additions.splitlines():
        if line.startswith("# ua: "):
            ua = line[len("# ua: "):]
            hits = [p for p, r in zip(kept, compiled) if r.search(ua)]
            if hits:
                warnings.append(f"addition for {ua!r} is now covered by package pattern {hits[0]!r}")
        elif line.startswith("!"):
            if line[1:] not in kept:
                warnings.append(f"removal {line!r}: the package no longer has that pattern")
        elif line.strip() and not line.startswith("#"):
            why = problem(line)
            if why:
                warnings.append(f"addition {line!r}: {why}")
    return warnings


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--version", help="package version (default: newest)")
    ap.add_argument("--tarball", type=Path, help="use this npm tarball instead of downloading")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tgz = args.tarball or fetch_tarball(args.version, Path(tmp))
        version, entries, licence = read_package(tgz)
    if args.version and version != args.version:
        sys.exit(f"asked for version {args.version}, got {version}")

    additions = current_additions()
    text, kept, dropped = render(version, entries, additions)
    for w in check_additions(additions, kept):
        print(f"warning: {w}", file=sys.stderr)
    for d in dropped:
        print(f"dropped: {d}", file=sys.stderr)

    outputs = [(PATTERNS_FILE, text.encode("utf-8")), (LICENSE_FILE, licence)]
    changed = [path for path, data in outputs if not path.exists() or path.read_bytes() != data]
    rel = [str(p.relative_to(ROOT)) for p in changed]
    if args.check:
        print(f"crawler-user-agents {version}: " + (f"would change {', '.join(rel)}" if rel else "up to date"))
        return 1 if changed else 0
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for path, data in outputs:
        if path in changed:
            path.write_bytes(data)
    print(f"crawler-user-agents {version}: {len(kept)} patterns, {len(dropped)} dropped; "
          + (f"wrote {', '.join(rel)}" if rel else "files unchanged"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
