#!/usr/bin/env python3
"""Extracts Picodata's own SQL test statements into picodata-sql-tests.txt.

Usage: extract.py GIT_DIR COMMIT > picodata-sql-tests.txt
GIT_DIR is a clone (bare is fine) of https://github.com/picodata/picodata.

Reads every test/int/sql/*.sql at COMMIT. Each `-- TEST:` case becomes one record:

    ==== <file> :: <test name> :: <class>
    <the SQL block, verbatim>
    ---- error
    <the expected error text, for class `error` only>

<class> is `runs` (an `-- EXPECTED:` block follows), `error` (an `-- ERROR:` block follows) or
`setup` (neither: DDL and data the later cases of the file rely on). `-- PARAMS:` blocks are kept
after the SQL as `---- params`. Expected result rows are not kept: the checks need the statement
and whether Picodata ran it.
"""
import subprocess
import sys

git_dir, commit = sys.argv[1], sys.argv[2]


def git(*args):
    return subprocess.run(["git", "--git-dir", git_dir, *args], check=True, capture_output=True, text=True).stdout


files = sorted(p for p in git("ls-tree", "-r", "--name-only", commit, "test/int/sql").split("\n") if p.endswith(".sql"))
out = sys.stdout
out.write(f"# Picodata's SQL test statements: test/int/sql/*.sql of picodata/picodata at {commit}\n")
out.write("# (BSD-2-Clause, see LICENSE beside this file). Made by extract.py; do not edit by hand.\n")
for path in files:
    name = path.rsplit("/", 1)[1]
    case, section, blocks = None, None, {}

    def flush():
        if case is None or "sql" not in blocks:
            return
        cls = "error" if "error" in blocks else "runs" if "expected" in blocks else "setup"
        out.write(f"==== {name} :: {case} :: {cls}\n")
        out.write("\n".join(blocks["sql"]).strip("\n") + "\n")
        if "params" in blocks:
            out.write("---- params\n" + "\n".join(blocks["params"]).strip("\n") + "\n")
        if cls == "error":
            out.write("---- error\n" + "\n".join(blocks["error"]).strip("\n") + "\n")

    for line in git("show", f"{commit}:{path}").split("\n"):
        if line.startswith("-- TEST:"):
            flush()
            case, section, blocks = line[len("-- TEST:"):].strip(), None, {}
        elif line.startswith("-- ") and line[3:].rstrip().endswith(":") and line[3:].rstrip()[:-1].isupper():
            section = line[3:].rstrip()[:-1].lower()
            blocks.setdefault(section, [])
        elif section in ("sql", "error", "params"):
            blocks[section].append(line)
    flush()
