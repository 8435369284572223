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
import re
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


MARK = "<!-- bench:{} -->"


def _previous_sections():
    """Sections of the existing report, keyed by benchmark name, kept on partial runs."""
    if not REPORT.exists():
        return {}
    text = REPORT.read_text(encoding="utf-8")
    found = {}
    parts = re.split(r"(<!-- bench:[a-z_]+ -->)", text)
    for marker, body in zip(parts[1::2], parts[2::2], strict=False):
        found[marker[len("<!-- bench:"):-len(" -->")]] = marker + body.rstrip() + "\n"
    return found


def _section(name, module, rows, error, header):
    lines = [MARK.format(name), f"## {getattr(module, 'TITLE', name)}", "", header, ""]
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
    return "\n".join(lines)


def write_report(sections, command):
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True).stdout.strip()
    load = ""
    try:
        load = " / ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        pass
    header = (f"_Run {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, commit "
              f"{commit or 'uncommitted'}, `{command}`, load average before the run {load}._")
    merged = _previous_sections()
    for name, module, rows, error in sections:
        merged[name] = _section(name, module, rows, error, header)
    lines = [
        "# Benchmarks", "",
        "Written by `make bench` (tests/benchmarks/run.py); do not edit by hand. A run of some",
        "benchmarks (`python -m tests.benchmarks.run NAME`) replaces only their sections.", "",
        f"- Machine: {machine()}", "",
    ]
    body = [merged[name] for name in sorted(merged)]
    REPORT.write_text("\n".join(lines) + "\n".join(body), encoding="utf-8")


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    names = [a for a in argv if not a.startswith("-")] or discover()
    names = [n if n.startswith("bench_") else f"bench_{n}" for n in names]
    sections = run_all(names)
    write_report(sections, "make bench" if len(argv) == 0 else "python -m tests.benchmarks.run " + " ".join(argv))
    print(f"wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
