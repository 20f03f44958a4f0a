"""The whole study on about 10,000 hostile files mixed with 50 ordinary articles: is
anything lost silently, is every reason the true one, and how long does the study run
without a word?

The corpus is made here from a fixed seed, one class of trouble at a time (``CLASSES``):
empty, whitespace-only, binary and noise files, Latin-1, UTF-8 mixed with Latin-1, UTF-8
and UTF-16 cut short, JSONL and CSV with blank, numeric, NaN, null and list fields and
numeric titles, broken JSON, deep JSON, huge numbers, odd file names, names starting
with a dot, hidden folders, links in and out of the corpus and broken ones, HTML over
the size limit, cut mid-tag and nested 10,000 deep, texts too short to be articles, and
thousands of stray quotation marks.
Every file, and every row of a JSONL or CSV file, carries what must come of it: a
document holding a given phrase, or a rejection whose reason matches a pattern.

Printed: files and rows in, documents, rejections by reason (files and rows apart),
files and rows neither read nor rejected, the share of each class with its true
outcome, wall time, peak memory of the largest process, and the longest stretch the
study printed nothing. ``python -m benchmarks.hostile_corpus --files 400 [--ingest]``
runs a small one (``--ingest``: the ingest stage in this process, no study).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

N_FILES, N_GOOD, SEED = 10_000, 50, 31
BIG_BYTES = 5_200_000  # over the default file limit of 5,000,000

FIRST = ["Mara", "Tobias", "Ines", "Rafael", "Yuki", "Odile", "Kwame", "Lena", "Piotr", "Sana"]
LAST = ["Quill", "Wren", "Calloway", "Dunn", "Brandt", "Okafor", "Lindqvist", "Moreau", "Haas"]
TOWNS = ["Arlen", "Brackwater", "Cindervale", "Dunmore", "Elsby", "Farrow", "Glenholt"]
VOCAB = """bridge budget harbour school library ferry market tax rail clinic water park road
    tower museum farm bakery depot canal square garden council vote plan grant fee route
    season winter summer repair delay promise contract tender audit report survey study
    quickly slowly never always again soon late early fair open closed new old small large
    cheaper safer quieter busier greener older younger wider narrower deeper""".split()


def made_up_article(rng: random.Random, n: int, accent: bool = False) -> tuple[str, str]:
    """(article, phrase it must keep): a short news article whose quotation is words
    drawn at random, so that articles share no statement. ``accent``: with "café’s"."""
    town, person = rng.choice(TOWNS), f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    quote = " ".join(rng.choice(VOCAB) for _ in range(9)).capitalize()
    place = "the café’s terrace" if accent else "the town hall"
    return (f"{town} Council Backs Plan {n}\n\n"
            f"{town}, May {n % 28 + 1}, 2023 — The council of {town} met at {place} on "
            f"Tuesday and approved plan number {n} after a long debate about its cost.\n\n"
            f"“{quote},” {person}, the council leader, said after the vote, adding that "
            f"work would start in the autumn.\n\n"
            f"Residents who attended said they would watch the work closely and report "
            f"any delay to the council.\n"), quote


@dataclass
class Expect:
    """What must come of a file (``row`` None) or of one row of it."""

    row: int | None
    kind: str  # "doc": a document holding ``pattern``; "reject": a reason matching it
    pattern: str


@dataclass
class Item:
    klass: str
    name: bytes  # path inside the corpus
    data: bytes | None  # None: a symbolic link to ``link``
    expect: list[Expect]
    link: str | None = None
    where: bytes | None = None  # where the outcome is recorded, when not at ``name``
    rows: int = 0  # records of a JSONL or CSV file

    @property
    def path(self) -> str:
        """The outcome's ``source_path``, as ingest writes it."""
        return (self.where or self.name).decode("utf-8", "backslashreplace")


def _doc(rng, n, klass, name, encode=lambda t: t.encode(), accent=False) -> Item:
    text, quote = made_up_article(rng, n, accent)
    return Item(klass, name, encode(text), [Expect(None, "doc", quote)])


def _rejected(klass, name, data, reason) -> Item:
    return Item(klass, name, data, [Expect(None, "reject", reason)])


def c_empty(rng, n):
    return _rejected("empty", f"empty{n}.txt".encode(), b"", r"^empty file \(0 bytes\)$")


def c_whitespace(rng, n):
    blank = "".join(rng.choice([" ", "\t", "\n", "\u00a0", "\f"])
                    for _ in range(rng.randint(1, 400)))
    return _rejected("whitespace only", f"blank{n}.txt".encode(),
                     blank.encode(rng.choice(["utf-8", "latin-1"])), r"^whitespace only")


def c_binary(rng, n):
    data = b"\x89PNG\r\n\x1a\n" + bytes(rng.choice([0, rng.randrange(256)])
                                        for _ in range(rng.randint(100, 3000)))
    return _rejected("binary", f"image{n}.txt".encode(), data, r"^binary file")


def c_noise(rng, n):  # random high bytes: a guessed encoding would be noise
    data = bytes(rng.randrange(1, 256) for _ in range(rng.randint(50, 2000)))
    return Item("noise", f"noise{n}.txt".encode(), data,
                [Expect(None, "reject", r"^(binary file|undecodable|too short|no paragraph|no "
                                        r"article body)")])


def c_too_short(rng, n):
    words = " ".join(rng.choice(VOCAB) for _ in range(rng.randint(1, 14)))
    count = len(words.split())
    return _rejected("too short", f"short{n}.txt".encode(), words.encode(),
                     rf"^too short to be an article \({count} words?;")


def c_latin1(rng, n):
    text, quote = made_up_article(rng, n)
    text += "The café was closed at noon, a diner said on the day of the vote.\n"
    return Item("Latin-1", f"latin{n}.txt".encode(), text.encode("cp1252"),
                [Expect(None, "doc", "The café was closed at noon")])


def c_mixed(rng, n):
    text, quote = made_up_article(rng, n, accent=True)
    data = text.encode() + "The café was closed at noon, a diner said on the day of the " \
        "vote.\n".encode("latin-1")
    return Item("UTF-8 mixed with Latin-1", f"mixed{n}.txt".encode(), data,
                [Expect(None, "doc", "the café’s terrace"),
                 Expect(None, "doc", "The café was closed at noon")])


def c_cut_utf8(rng, n):
    text, quote = made_up_article(rng, n, accent=True)
    tail = rng.choice(["😀", "€", "é", "漢"])
    data = (text + "The café’s owner said the new plan would bring him more customers. "
            + tail).encode()
    cut = rng.randint(1, len(tail.encode()) - 1)
    return Item("UTF-8 cut short", f"cut8_{n}.txt".encode(), data[:-cut],
                [Expect(None, "doc", "The café’s owner said the new plan would bring him "
                                     "more customers."),
                 Expect(None, "doc", "the café’s terrace")])


def c_cut_utf16(rng, n):
    codec = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
    item = _doc(rng, n, "UTF-16/32 cut short", f"cut16_{n}.txt".encode(),
                lambda t: t.encode(codec)[:-rng.randint(1, 3 if "32" in codec else 1)])
    return item


def c_odd_name(rng, n):
    name = rng.choice([b"$x$ ", b"<b>", b"caf\xe9 ", b"a b ", b"&amp;", b"%20", b"*?"])
    return _doc(rng, n, "odd names", name + str(n).encode() + b".txt")


def c_dot_name(rng, n):
    name = rng.choice([b".hidden", b"..dots..", b".", b"..."]) + str(n).encode() + b".txt"
    return _doc(rng, n, "dot names", name)


def c_hidden_folder(rng, n):
    text, _ = made_up_article(rng, n)
    folder = rng.choice([b".cache", b".hiddendir", b".ipynb_checkpoints"]) + str(n).encode()
    return Item("hidden folders", folder + b"/inside.txt", text.encode(),
                [Expect(None, "reject", r"^hidden folder not read.*\(1 article file inside")],
                where=folder)


def c_link(rng, n):
    kind = rng.choice(["outside", "broken", "folder"])
    target, reason = {"outside": ("/etc/hostname", "outside the corpus folder"),
                      "broken": (f"/nonexistent/{n}.txt", "^broken symbolic link"),
                      "folder": ("/etc", "outside the corpus folder")}[kind]
    return Item("links", f"link{n}.txt".encode(), None, [Expect(None, "reject", reason)],
                link=target)


def c_link_inside(rng, n):
    item = _doc(rng, n, "links inside", f"target{n}.txt".encode())
    return [item, Item("links inside", f"inlink{n}.txt".encode(), None, item.expect,
                       link=f"target{n}.txt")]


def c_big_html(rng, n):
    text, _ = made_up_article(rng, n)
    page = ("<html><body><article><p>" + text + "</p>" + "<p>filler</p>" * (BIG_BYTES // 13)
            + "</article></body></html>")
    return _rejected("huge HTML", f"huge{n}.html".encode(), page.encode(),
                     r"^file too large \([\d,]+ bytes > limit 5,000,000\)")


def c_deep_html(rng, n):
    text, quote = made_up_article(rng, n)
    depth = rng.randint(300, 12_000)
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    page = (f"<html><head><title>Page {n}</title></head><body>" + "<div>" * depth + paragraphs
            + "</div>" * depth + "</body></html>")
    return Item("deeply nested HTML", f"deep{n}.html".encode(), page.encode(),
                [Expect(None, "doc", quote)])


def c_cut_html(rng, n):  # cut anywhere: an article, or any true reason; scored as accounted
    text, _ = made_up_article(rng, n)
    page = f"<html><body><article><p>{text}</p></article></body></html>"
    return Item("HTML cut short", f"cut{n}.html".encode(),
                page[: rng.randint(0, len(page))].encode(), [Expect(None, "any", "")])


def c_marks(rng, n):  # stray quotation marks by the thousand: time, not a reason, is tested
    data = ("He said “ and “ then " * rng.randint(1, 3000)).encode()
    return Item("stray quotation marks", f"marks{n}.txt".encode(), data,
                [Expect(None, "any", "")])


def _jsonl_rows(rng, n) -> tuple[list[str], list[Expect]]:
    rows, expect = [], []
    kinds = rng.sample(["blank", "int", "nan", "float", "list", "null", "object", "bool",
                        "broken", "scalar", "deep", "huge", "empty_string", "no_body"], 5)
    if rng.random() < 0.15:  # a good article under a title that is a number (few: the
        kinds[rng.randrange(5)] = rng.choice(["title_number", "title_nan"])  # study's time)
    for k, kind in enumerate(kinds, start=1):
        text, quote = made_up_article(rng, n * 10 + k)
        number = r"^row's text is not a string: a number "
        line, exp = {
            "blank": (json.dumps({"text": " \n\t "}),
                      r"^row's text is blank \(whitespace only\)$"),
            "empty_string": (json.dumps({"text": ""}),
                             r"^row's text is blank \(an empty string\)$"),
            "int": ('{"text": 12345678901234567890}', number + r"\(int\)$"),
            "nan": ('{"text": NaN}', number + r"\(NaN\)$"),
            "float": ('{"text": 2.5e3}', number + r"\(float\)$"),
            "list": ('{"text": ["a", "b"]}', r"^row's text is not a string: a list$"),
            "object": ('{"html": {"p": 1}}', r"^row's html is not a string: an object$"),
            "bool": ('{"text": true}', r"^row's text is not a string: a boolean \(true\)$"),
            "null": ('{"text": null}', r"^row's text is null$"),
            "no_body": ('{"title": "Only a title"}', r"^row has neither text nor html$"),
            "broken": ('{"text": "unterminated', r"^invalid JSON"),
            "scalar": ("42", r"^not an object: the line is a number \(int\)$"),
            "deep": ("[" * rng.randint(2_000, 100_000),
                     r"^(JSON nested too deeply|invalid JSON)"),
            "huge": ('{"text": ' + "9" * rng.randint(5_000, 20_000) + "}",
                     number + r"\(int\)$"),
            "title_number": ('{"title": 12345678901234567890, "text": ' + json.dumps(text)
                             + "}", quote),
            "title_nan": ('{"title": NaN, "text": ' + json.dumps(text) + "}", quote),
        }[kind]
        rows.append(line)
        expect.append(Expect(k, "doc" if kind.startswith("title") else "reject", exp))
    return rows, expect


def c_jsonl(rng, n):
    rows, expect = _jsonl_rows(rng, n)
    return Item("malformed JSONL", f"feed{n}.jsonl".encode(), "\n".join(rows).encode(),
                expect, rows=len(rows))


def c_csv(rng, n):
    kind = rng.choice(["rows", "rows", "rows", "header_only", "no_text_column", "empty",
                       "long_field"])
    if kind == "long_field":  # one unterminated field over the csv module's 128 KiB
        return Item("malformed CSV", f"table{n}.csv".encode(),
                    ("text\n\"" + "x" * rng.randint(1, 300_000)).encode(),
                    [Expect(1, "reject", r"^too short to be an article \(1 word;")], rows=1)
    if kind == "header_only":
        return _rejected("malformed CSV", f"table{n}.csv".encode(), b"title,text\n",
                         r"^no rows: a CSV file with no records$")
    if kind == "no_text_column":
        return _rejected("malformed CSV", f"table{n}.csv".encode(), b"a,b\n1,2\n",
                         r"^CSV without a 'text' or 'html' column$")
    if kind == "empty":
        return _rejected("malformed CSV", f"table{n}.csv".encode(), b"",
                         r"^empty file \(0 bytes\)$")
    text, quote = made_up_article(rng, n)
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["title", "text"])
    good = rng.random() < 0.25  # few good rows: each is an article the study reads
    writer.writerows([[rng.choice(["12345", "NaN", "3.5"]), text if good else "   "],
                      ["Blank", "  \t "], ["Number", "12345"]])
    table.write("Short row\n")
    expect = [Expect(1, "doc", quote) if good else Expect(1, "reject", r"^row's text is blank"),
              Expect(2, "reject", r"^row's text is blank"),
              Expect(3, "reject", r"^too short to be an article \(0 words;"),
              Expect(4, "reject", r"^row's text is missing")]
    return Item("malformed CSV", f"table{n}.csv".encode(), table.getvalue().encode(), expect,
                rows=4)


# class, share of the files, maker (rng, n) -> Item or [Item, …]
CLASSES: list[tuple[str, float, Callable]] = [
    ("empty", 0.09, c_empty), ("whitespace only", 0.09, c_whitespace),
    ("binary", 0.16, c_binary), ("noise", 0.03, c_noise), ("too short", 0.08, c_too_short),
    ("Latin-1", 0.006, c_latin1), ("UTF-8 mixed with Latin-1", 0.006, c_mixed),
    ("UTF-8 cut short", 0.006, c_cut_utf8), ("UTF-16/32 cut short", 0.004, c_cut_utf16),
    ("odd names", 0.004, c_odd_name), ("dot names", 0.006, c_dot_name),
    ("hidden folders", 0.05, c_hidden_folder), ("links", 0.05, c_link),
    ("links inside", 0.002, c_link_inside), ("huge HTML", 0.0005, c_big_html),
    ("deeply nested HTML", 0.003, c_deep_html), ("HTML cut short", 0.02, c_cut_html),
    ("stray quotation marks", 0.002, c_marks),
    ("malformed JSONL", 0.25, c_jsonl), ("malformed CSV", 0.14, c_csv),
]


def make_corpus(n_files: int = N_FILES, seed: int = SEED) -> list[Item]:
    """The items of a hostile corpus of about ``n_files`` files: ``N_GOOD`` ordinary
    articles, then each class's share of the rest (at least one file each)."""
    rng = random.Random(seed)
    items = [_doc(rng, n, "ordinary articles", f"good{n:03d}.txt".encode())
             for n in range(N_GOOD)]
    total = sum(share for _, share, _ in CLASSES)
    for _, share, maker in CLASSES:
        for n in range(max(1, round(share / total * (n_files - N_GOOD)))):
            made = maker(rng, n)
            items += made if isinstance(made, list) else [made]
    return items


def write_corpus(folder: Path, items: list[Item]) -> None:
    for item in items:
        path = os.path.join(os.fsencode(folder), item.name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if item.data is None:
            os.symlink(item.link, path)
        else:
            with open(path, "wb") as fh:
                fh.write(item.data)


def outcomes(documents, rejected) -> tuple[dict, dict]:
    """(source_path, row) -> document text, and -> rejection reason (rows of JSONL and
    CSV files are told by the ``-00003`` their ids end in)."""
    docs = {}
    for path, doc_id, text in zip(documents["source_path"], documents["doc_id"],
                                  documents["text"], strict=True):
        m = re.search(r"-(\d{5})(?:~\d+)?$", doc_id)
        row = int(m.group(1)) if m and path.lower().endswith((".jsonl", ".csv")) else None
        docs[(path, row)] = text
    reasons = {}
    for rec in rejected.to_dict("records"):
        row = rec["row"]
        reasons[(rec["source_path"], None if row is None or row != row else int(row))] = \
            rec["reason"]
    return docs, reasons


@dataclass
class Score:
    files: int = 0
    rows: int = 0
    neither_files: int = 0
    neither_rows: int = 0
    per_class: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0, None]))


def score(items: list[Item], documents, rejected) -> Score:
    """Each expectation met or not, per class; files and rows that are neither a
    document nor a rejection."""
    docs, reasons = outcomes(documents, rejected)
    result = Score()
    for item in items:
        result.files += 1
        result.rows += item.rows
        keys = [(item.path, e.row) for e in item.expect]
        if not any(k in docs or k in reasons for k in keys) and (item.path, None) not in reasons:
            result.neither_files += 1
        for e in item.expect:
            key = (item.path, e.row)
            text, reason = docs.get(key), reasons.get(key) or reasons.get((item.path, None))
            if e.row is not None and text is None and reasons.get(key) is None:
                result.neither_rows += 1
            ok = {"doc": text is not None and e.pattern in text,
                  "reject": text is None and reason is not None
                  and re.search(e.pattern, reason) is not None,
                  "any": text is not None or reason is not None}[e.kind]
            tally = result.per_class[item.klass]
            tally[0] += ok
            tally[1] += 1
            if not ok and tally[2] is None:
                tally[2] = f"{item.path} row {e.row}: {reason or (text or '')[:80]!r}"
    return result


def report(items: list[Item], documents, rejected) -> Score:
    from quotetrail.ingest.rejections import by_reason, counts, files_and_rows

    result = score(items, documents, rejected)
    links = sum(item.data is None for item in items)
    print(f"  files in: {result.files:,} ({links} of them links), rows in JSONL/CSV files: "
          f"{result.rows:,}; documents: {len(documents):,}")
    print(f"  rejected: {files_and_rows(*counts(rejected))}; neither read nor rejected: "
          f"{result.neither_files} files, {result.neither_rows} rows")
    print("  rejections by reason:")
    for group in by_reason(rejected)[:30]:
        print(f"    {group.count:>22}  {group.reason[:110]}")
    print("  true outcome per class:")
    for klass, (ok, n, wrong) in result.per_class.items():
        print(f"    {ok:>5}/{n:<5} {klass}" + (f"  — first wrong: {wrong}" if wrong else ""))
    return result


def run_study(corpus: Path, out: Path) -> tuple[int, float, float, str, int]:
    """(exit code, seconds, longest silence in seconds, the line before it, peak KiB)
    of ``quotetrail study`` with its progress output read as it comes."""
    started = last = time.perf_counter()
    silence, before, line = 0.0, "(start)", ""
    proc = subprocess.Popen([sys.executable, "-m", "quotetrail.cli", "study", "--corpus",
                             str(corpus), "--out", str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    while chunk := os.read(proc.stdout.fileno(), 65536):
        now = time.perf_counter()
        if now - last > silence:
            silence, before = now - last, line
        last = now
        text = chunk.decode("utf-8", "replace").replace("\r", "\n").strip()
        line = text.rsplit("\n", 1)[-1][:120] or line
    code = proc.wait()
    now = time.perf_counter()
    if now - last > silence:
        silence, before = now - last, line
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return code, now - started, silence, before, peak


def main(n_files: int = N_FILES, ingest_only: bool = False) -> Score | None:
    items = make_corpus(n_files)
    with tempfile.TemporaryDirectory(prefix="quotetrail-hostile-") as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        write_corpus(corpus, items)
        if ingest_only:
            from quotetrail.ingest import ingest

            started = time.perf_counter()
            documents, rejected = ingest(corpus)
            print(f"  ingest only: {time.perf_counter() - started:.0f}s")
            return report(items, documents, rejected)
        code, seconds, silence, before, peak = run_study(corpus, out)
        print(f"  quotetrail study: exit {code} in {seconds / 60:.1f} min; peak memory "
              f"{peak / 1024:,.0f} MiB (largest process); longest stretch without "
              f"output {silence / 60:.1f} min, after: {before!r}")
        if code != 0:
            return None
        import pandas as pd

        from quotetrail.tables import read_rejected

        processed = out / "data" / "processed"
        return report(items, pd.read_parquet(processed / "documents.parquet"),
                      read_rejected(processed))


def run(eval_dir: Path) -> None:  # noqa: ARG001 (no labelled data needed)
    main(N_FILES)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hostile_corpus")
    parser.add_argument("--files", type=int, default=N_FILES)
    parser.add_argument("--ingest", action="store_true", help="the ingest stage only")
    args = parser.parse_args()
    main(args.files, args.ingest)
