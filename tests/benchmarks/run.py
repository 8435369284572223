"""`make bench`: run every benchmark module and rewrite docs/benchmarks.md.

A benchmark is a module tests/benchmarks/bench_<name>.py with
    TITLE = "..."                      # a heading for the report
    def run(scale="full") -> list[dict]
each dict: {"metric": str, "value": float|str, "unit": str, "target": str, "ok": bool|None}.
scale="smoke" runs on tiny data for a correctness check inside `make test`.
Modules may also set COMMAND (how to run them alone) and NOTES (markdown).
"""

import datetime
import importlib
import os
import platform
import subprocess
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
REPORT = ROOT / "docs" / "benchmarks.md"


def discover():
    return sorted(p.stem for p in HERE.glob("bench_*.py"))


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def run_all(names, scale="full"):
    sections = []
    for name in names:
        module = importlib.import_module(f"tests.benchmarks.{name}")
        print(f"== {name}", flush=True)
        try:
            rows = module.run(scale=scale)
            error = None
        except Exception:  # a failing benchmark is reported, the others still run
            rows, error = [], traceback.format_exc()
            print(error, file=sys.stderr)
        for row in rows:
            print(f"   {row['metric']}: {row['value']} {row.get('unit', '')} "
                  f"(target {row.get('target', '-')}, {'ok' if row.get('ok') else 'MISSED' if row.get('ok') is False else '-'})")
        sections.append((name, module, rows, error))
    return sections


def write_report(sections, command):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    lines = [
        "# Benchmarks", "",
        "Written by `make bench` (tests/benchmarks/run.py); do not edit by hand.", "",
        f"- Run: {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, commit {commit or 'uncommitted'}",
        f"- Machine: {machine()}",
        f"- Command: `{command}`", "",
    ]
    for name, module, rows, error in sections:
        lines += [f"## {getattr(module, 'TITLE', name)}", ""]
        if getattr(module, "COMMAND", None):
            lines += [f"Alone: `{module.COMMAND}`", ""]
        if error:
            lines += ["**Failed to run:**", "", "```", error.strip()[-2000:], "```", ""]
        if rows:
            lines += ["| metric | value | target | met |", "|---|---|---|---|"]
            for r in rows:
                met = {True: "yes", False: "**no**", None: "-"}[r.get("ok")]
                lines.append(f"| {r['metric']} | {r['value']} {r.get('unit', '')} | {r.get('target', '-')} | {met} |")
            lines.append("")
        if getattr(module, "NOTES", None):
            lines += [module.NOTES.strip(), ""]
    REPORT.write_text("\n".join(lines), encoding="utf-8")


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    names = [a for a in argv if not a.startswith("-")] or discover()
    names = [n if n.startswith("bench_") else f"bench_{n}" for n in names]
    sections = run_all(names)
    write_report(sections, "make bench" if len(argv) == 0 else "python -m tests.benchmarks.run " + " ".join(argv))
    print(f"wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
