#!/usr/bin/env python3
"""Checks report.html as a browser sees it: runs neardup on samples/news, has
headless Chromium dump the rendered DOM, and checks it through html.parser.

Usage: chromium_check.py NEARDUP_EXE SOURCE_ROOT BUILD_DIR [--screenshot PATH]
Exits 77 (meson's "skipped") when /usr/bin/chromium is absent; installs nothing.
Also saves a screenshot of the page to BUILD_DIR/report.png (or PATH).
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

CHROMIUM = os.environ.get("NEARDUP_CHROMIUM", "/usr/bin/chromium")  # override to test the skip
SEED_000 = "000_41a3b0a77698bf8b.txt"
SEED_002 = "002_8c62347850652e22.txt"
SEED_004 = "004_7c4914b47a5c438c.txt"


class ReportDom(html.parser.HTMLParser):
    """Collects the summary cells, passage marks, event groups and scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.summary = {}          # data-field -> text
        self.passage_marks = []    # (data-doc, text)
        self.events = []           # list of sets of data-doc
        self.scripts = 0
        self.external = []         # src/href values that leave the page
        self._stack = []           # open elements: (tag, attrs)
        self._cell = None          # data-field of the summary cell being read
        self._mark = None          # [doc, text] of the passage mark being read

    def _inside(self, tag, **want):
        return any(t == tag and all(a.get(k) == v for k, v in want.items())
                   for t, a in self._stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for key in ("src", "href"):
            value = a.get(key) or ""
            if value.startswith(("http:", "https:", "//")):
                self.external.append(value)
        if tag == "td" and "data-field" in a and self._inside("table", id="summary"):
            self._cell = a["data-field"]
            self.summary[self._cell] = ""
        if tag == "mark" and a.get("class") == "passage":
            self._mark = [a.get("data-doc"), ""]
        if tag == "section" and a.get("class") == "event":
            self.events.append(set())
        if "data-doc" in a and self._inside("section", **{"class": "event"}):
            self.events[-1].add(a["data-doc"])
        if tag not in ("meta", "br", "img", "input", "link", "hr", "line", "rect",
                       "polyline", "path", "circle"):
            self._stack.append((tag, a))

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break
        if tag == "td":
            self._cell = None
        if tag == "mark" and self._mark is not None:
            self.passage_marks.append(tuple(self._mark))
            self._mark = None

    def handle_data(self, data):
        if self._cell is not None:
            self.summary[self._cell] += data
        if self._mark is not None:
            self._mark[1] += data


def chromium(profile, *args):
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync",
               "--user-data-dir=" + profile, *args]
    return subprocess.run(command, check=True, capture_output=True, timeout=120)


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    neardup, root, build_dir = sys.argv[1:4]
    screenshot = os.path.join(build_dir, "report.png")
    if len(sys.argv) == 6 and sys.argv[4] == "--screenshot":
        screenshot = sys.argv[5]
    if not os.path.exists(CHROMIUM):
        print(f"SKIP: {CHROMIUM} is absent (apt-get install chromium to run this check)")
        return 77

    work = tempfile.mkdtemp(prefix="neardup-chromium-")
    try:
        out = os.path.join(work, "out")
        subprocess.run([neardup, "dedup", os.path.join(root, "samples", "news"), "-o", out,
                        "-q"], check=True)
        page = "file://" + os.path.join(out, "report.html")
        dom = chromium(os.path.join(work, "profile1"), "--dump-dom", page).stdout.decode()
        chromium(os.path.join(work, "profile2"), "--screenshot=" + screenshot,
                 "--window-size=1280,2000", page)

        report = ReportDom()
        report.feed(dom)
        with open(os.path.join(out, "stats.json"), encoding="utf-8") as f:
            stats = json.load(f)
        with open(os.path.join(out, "passages.jsonl"), encoding="utf-8") as f:
            passages = [json.loads(line) for line in f]
        with open(os.path.join(root, "samples", "news", SEED_000), "rb") as f:
            seed000 = f.read()

        failures = []
        for field in ("records", "kept", "duplicates", "rejected", "empty", "repaired",
                      "clusters", "passages", "events", "input_bytes"):
            if report.summary.get(field) != str(stats[field]):
                failures.append(f"summary {field}: page {report.summary.get(field)!r}, "
                                f"stats.json {stats[field]!r}")
        first = next((p for p in passages if p["doc"] == SEED_000), None)
        if first is None:
            failures.append("passages.jsonl has no passage in seed 000")
        else:
            expected = seed000[first["begin"]:first["end"]].decode("utf-8")
            if (SEED_000, expected) not in report.passage_marks:
                failures.append("seed 000's repeat is not the text of a <mark class=passage>")
        if not any({SEED_002, SEED_004} <= members for members in report.events):
            failures.append(f"002 and 004 share no event group: {report.events}")
        if report.scripts or report.external:
            failures.append(f"page not self-contained: {report.scripts} scripts, "
                            f"external {report.external}")
        if not os.path.getsize(screenshot):
            failures.append("empty screenshot")
        for failure in failures:
            print("FAIL:", failure)
        if failures:
            return 1
        print(f"OK: summary {report.summary}; {len(report.passage_marks)} passage marks; "
              f"{len(report.events)} event groups; screenshot {screenshot}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
