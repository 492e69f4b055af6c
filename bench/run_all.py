"""Run every benchmark row module and rewrite the table in docs/benchmarks.md.

Usage: python -m bench.run_all [--rows parse,search] [--no-write] [--check]

With --check it exits 1 when a row misses its target.

A row module is any `bench/row_<name>.py` with `measure(context) -> list[Row]`
and an optional int `ORDER`, lower first. Adding a row means adding a file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib
import os
import platform
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from bench import topictree
from bench.common import REPO, Context, Row, format_megabytes
from bench.served import ServedReplica

DOCS = REPO / "docs" / "benchmarks.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
COMMAND = "python -m bench.run_all"


def main(argv: list[str] | None = None) -> int:
    options = _parse_args(argv)
    modules = _row_modules(options.rows)
    with _context() as context:
        rows: list[Row] = []
        for name, module in modules:
            print(f"measuring {name}…", file=sys.stderr, flush=True)
            rows.extend(module.measure(context))
        section = render(rows, context)
    print(section)
    if not options.no_write and not options.rows:
        write_section(section)
        print(f"wrote {DOCS.relative_to(REPO)}", file=sys.stderr)
    if options.check and not all(row.passed for row in rows):
        return 1
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.splitlines()[0])
    parser.add_argument("--rows",
                        help="comma-separated row names, such as parse,search; "
                        "prints them without rewriting docs/benchmarks.md")
    parser.add_argument("--no-write", action="store_true",
                        help="print the table without rewriting docs/benchmarks.md")
    parser.add_argument("--check", action="store_true",
                        help="exit with status 1 when a row misses its target")
    return parser.parse_args(argv)


def _row_modules(wanted: str | None) -> list[tuple[str, object]]:
    names = sorted(path.stem for path in Path(__file__).parent.glob("row_*.py"))
    if wanted:
        chosen = {f"row_{name.strip()}" for name in wanted.split(",")}
        names = [name for name in names if name in chosen]
    modules = [(name, importlib.import_module(f"bench.{name}")) for name in names]
    return sorted(modules, key=lambda item: getattr(item[1], "ORDER", 100))


@contextlib.contextmanager
def _context() -> Iterator[Context]:
    """Start the replica and fetch its topic tree, or fall back to a generated one.

    The replica runs twice: in this process for the core rows, and as
    `ka-explorer serve` in a child process for the rows that measure the window.
    """
    try:
        from ka_explorer.replica import start_replica

        replica = start_replica()
    except Exception as error:  # noqa: BLE001 - any failure means no replica
        path = topictree.generated()
        note = f"The replica could not start ({error}); a generated document stood in."
        yield Context(path, "generated topic-tree-shaped JSON", notes=[note])
        return
    try:
        path = topictree.fetch_from_replica(replica.base_url)
        context = Context(path, "the replica's /api/v1/topictree", replica.base_url)
        with _served_replica(context):
            yield context
    finally:
        replica.stop()


@contextlib.contextmanager
def _served_replica(context: Context) -> Iterator[None]:
    """Run `ka-explorer serve` while the rows run. Without it the window rows
    report nothing, and a note under the table gives the reason."""
    served = ServedReplica()
    try:
        served.wait_ready()
        topictree.download(served.base_url)  # it builds the tree once
        context.served_url = served.base_url
    except (RuntimeError, TimeoutError, OSError) as error:
        context.notes.append(f"`ka-explorer serve` did not start ({error}); "
                             "the rows that measure the window are missing.")
    try:
        yield
    finally:
        served.stop()


def render(rows: list[Row], context: Context) -> str:
    """Return the results section: machine, command, body and the table."""
    lines = [
        f"Measured {datetime.date.today().isoformat()}{_revision()} on {_machine()}.",
        "",
        f"Command: `{COMMAND}`. Large body: {context.topictree_source}, "
        f"{format_megabytes(context.topictree_size)}.",
        "",
        "| figure | baseline | target | measured | ratio |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |"
              for row in rows]
    lines += [""] + [f"Note: {note}" for note in context.notes]
    return "\n".join(lines).rstrip() + "\n"


def write_section(section: str) -> None:
    """Replace the text between the result markers of docs/benchmarks.md."""
    text = DOCS.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{DOCS} has no {START} … {END} markers; add them back.")
    replaced = pattern.sub(lambda _: f"{START}\n{section}{END}", text)
    DOCS.write_text(replaced, encoding="utf-8")


def _revision() -> str:
    """Return " at commit abc1234", noting uncommitted changes, or "" outside git."""
    try:
        commit = _git("rev-parse", "--short", "HEAD")
        status = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return ""
    changed = " with uncommitted changes" if status else ""
    return f" at commit {commit}{changed}"


def _git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=REPO, capture_output=True,
                            text=True, check=True)
    return result.stdout.strip()


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GiB memory"
    return (f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


if __name__ == "__main__":
    sys.exit(main())
