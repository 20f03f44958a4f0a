"""A corpus a hostile or careless user might hand the study: good articles mixed with files
that have broken earlier versions. Every sentence here is made up for the tests.

``write(folder)`` lays the files out and returns the doc_ids the good articles must keep.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

TOWNS = ["Arlen", "Brackwater", "Cindervale", "Dunmore", "Elsby", "Farrow", "Glenholt",
         "Harwick", "Ivystone", "Jessop"]
PEOPLE = ["Mara Quill", "Tobias Wren", "Ines Calloway", "Rafael Dunn", "Yuki Brandt"]


def good_article(n: int) -> str:
    """A small, plausible article with a headline, a dateline and two quotations."""
    town, person = TOWNS[n % len(TOWNS)], PEOPLE[n % len(PEOPLE)]
    last = person.split()[-1]
    return (
        f"Council in {town} Votes on New Bus Routes\n\n"
        f"{town}, March {n % 27 + 1}, 2023 — The council of {town} voted on Tuesday to add "
        f"{n + 3} bus routes after a year of complaints about crowded buses and late services.\n\n"
        f"“We heard the riders and we are acting on what they told us,” {person}, the council "
        f"leader, said after the vote, adding that the first routes would open in the spring.\n\n"
        f"Critics said the plan left out the villages east of {town}. “The villages are "
        f"forgotten again,” said a shopkeeper who has campaigned for better services.\n\n"
        f"{last} said the council would review the routes in a year and publish the figures.\n"
    )


def write(folder: Path, n_good: int = 6) -> list[str]:
    """Write the hostile corpus into ``folder``; return the doc_ids of the good articles."""
    folder.mkdir(parents=True, exist_ok=True)
    good = []
    for n in range(n_good):
        (folder / f"good{n:02d}.txt").write_text(good_article(n), encoding="utf-8")
        good.append(f"good{n:02d}")
    body = good_article(90)

    def put(name: str | bytes, data: str | bytes) -> None:
        path = folder / (os.fsdecode(name) if isinstance(name, bytes) else name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    # JSON that the parser refuses in ways other than a syntax error
    put("huge_number.jsonl", '{"text": ' + "9" * 6000 + "}\n"
        + json.dumps({"text": good_article(91)}) + "\n")
    put("deep.jsonl", "[" * 200_000 + "]" * 200_000 + "\n")
    put("surrogate.jsonl", json.dumps({"text": body.replace("crowded buses", "crowded SURR buses")})
        .replace("SURR", "\\ud800") + "\n")
    put("nested_record.jsonl", json.dumps({"text": body, "title": {"a": [1, 2]}}) + "\n")
    # names a file system allows but text does not
    put(b"bad\xffname.txt", good_article(92))
    put("$x$ and $y$ prices.txt", good_article(93))
    put("<script>alert(1)</script>.txt", good_article(94))
    # CSV: a field over the csv module's default limit, a file of noise, a header only
    put("long_field.csv", "title,text\n\"Long\",\"" + good_article(89).replace('"', "'")
        + ("The committee met again and read the report aloud to the members. " * 2_000)
        + "\"\n")
    put("noise.csv", bytes([0x41, 0x7F, 0x42, 0x0A, 0x43]))
    put("header_only.csv", "title,text\n")
    # two files that would map to one doc_id
    put("twin.txt", good_article(95))
    put("sub/twin.txt", good_article(96))
    put("rows.jsonl", json.dumps({"text": good_article(97)}) + "\n")
    put("rows-00001.txt", good_article(98))
    # an article longer than the parser takes in one piece (under the file size limit)
    put("very_long.txt", "A Very Long Report\n\n" + ("The committee met again and read "
        "the long report aloud to the members present. " * 14_000))
    # impossible and extreme publication dates
    put("far_future.jsonl", json.dumps({"text": body + "\nThe plan starts next year.\n",
                                         "published": "9999-12-31"}) + "\n")
    put("year_one.jsonl", json.dumps({"text": body + "\nThe plan starts next year.\n",
                                       "published": "0001-01-01"}) + "\n")
    # quotation marks without end
    put("marks.txt", "Marks Everywhere\n\n" + "He said “ and then “ again " * 2_500 + ".\n")
    # a one-line article that mentions a newsletter
    put("one_line.txt", good_article(99).replace("\n\n", " ").replace("\n", " ").replace(
        "publish the figures", "publish the figures in its newsletter") + "\n")
    # encodings: UTF-16 and UTF-32, with and without BOM; NUL bytes in text
    put("utf16le_bom.txt", "\ufeff".encode("utf-16-le") + good_article(80).encode("utf-16-le"))
    put("utf16be.txt", good_article(81).encode("utf-16-be"))
    put("utf16le.txt", good_article(82).encode("utf-16-le"))
    put("utf32.txt", good_article(83).encode("utf-32"))
    put("nul_inside.txt", good_article(84).replace("the council leader", "the council\x00 leader"))
    put("binary.txt", bytes(range(256)) * 8)
    put("empty.txt", b"")
    # hostile HTML and markup in a quotation
    put("xss.html", "<html><head><title>Bad &lt;script&gt;alert(1)&lt;/script&gt; news</title>"
        "</head><body><article><p>" + "The mayor spoke at length about the plan. " * 3
        + "</p><p>“<img src=x onerror=alert(1)> is *not* $x$ a _plan_,” the mayor said "
        "at the meeting on Monday evening in the town hall.</p></article></body></html>")
    # markup, Markdown and mathematics inside a quotation two articles carry: it must
    # reach every page as text
    markup = ("“<script>alert(1)</script><img src=x onerror=alert(1)> is *not* $x$ a "
              "_plan_ at all,” the mayor said at the meeting on Monday evening.")
    for name in ("markup_a.txt", "markup_b.txt"):
        put(name, good_article(70).replace("Critics said", markup + "\n\nCritics said"))
    # names that start with a dot are articles like any other; a hidden folder is not
    # entered but named in `rejected`; a .git with no article file in it is not named
    put(".hidden.txt", good_article(60))
    put("..dots...txt", good_article(61))
    good += [".hidden", "..dots.."]
    put(".hiddendir/inside.txt", good_article(62))
    put(".git/description", "Unnamed repository.\n")
    # UTF-8 cut short inside its last character (an emoji), and UTF-8 mixed with Latin-1:
    # no mojibake, and no line removed for a © that decoding made
    cafe = good_article(63).replace("crowded buses", "the café’s crowded buses")
    put("cut_emoji.txt", (cafe + "The café’s owner said the new routes would bring him more "
                          "customers. 😀").encode()[:-1])
    put("mixed.txt", cafe.encode() + "The café was closed at noon on the day of the vote, a "
        "diner said.\n".encode("latin-1"))
    # blank, whitespace-only and too short
    put("whitespace.txt", " \t\u00a0\f\n \u00a0\t\n")
    put("one_word.txt", "Hello\n")
    # rows whose text or title is blank, a number, NaN or not a string
    put("fields.jsonl", "\n".join([
        json.dumps({"text": "   \n "}), '{"text": 12345}', '{"text": NaN}',
        '{"text": 1.5e3}', json.dumps({"text": ["a", "list"]}), '{"text": null}',
        '{"title": 12345678901234567890, "text": ' + json.dumps(good_article(64)) + "}",
        '{"title": NaN, "text": ' + json.dumps(good_article(65)) + "}", "7"]) + "\n")
    table = io.StringIO()
    csv.writer(table).writerows([["title", "text"], ["12345", good_article(66)],
                                 ["Blank", "  "], ["NaN", "x"]])
    put("fields.csv", table.getvalue())
    # an article inside 10,000 nested elements, deeper than lxml reads
    paragraphs = "".join(f"<p>{p}</p>" for p in good_article(67).split("\n\n"))
    put("deep.html", "<html><head><title>Deep Page</title></head><body>" + "<div>" * 10_000
        + paragraphs + "</div>" * 10_000 + "</body></html>")
    # things that are not regular files inside the corpus
    try:
        os.symlink("/etc/hostname", folder / "outside_link.txt")
        os.symlink("/proc/self/status", folder / "proc_link.txt")
        os.symlink(folder / "good00.txt", folder / "inside_link.txt")
        os.mkfifo(folder / "pipe.txt")
        os.symlink("/etc", folder / "etc_link")  # links to folders: not followed, but named
        os.symlink("/etc", folder / "etc_link.txt")
    except (OSError, AttributeError, NotImplementedError):
        pass
    return good


WIRES = ["Harbor Wire", "Northline Press", "Civic Daily", "Tidewater Bulletin"]
CUES = ["said", "told reporters", "said in a statement", "added", "argued"]
WHEN = ["on Monday", "last week", "on 3 May 2022", "earlier this month", "in 2021",
        "next year", "yesterday", "in March"]


def varied_article(n: int, seed: int = 0) -> str:
    """A made-up article whose wording, sources, dates and quotations vary with ``n``:
    enough variety for hundreds of distinct articles in the determinism test."""
    import random

    rng = random.Random(seed * 100_003 + n)
    town, person, other = rng.choice(TOWNS), rng.choice(PEOPLE), rng.choice(PEOPLE)
    wire, wire2 = rng.sample(WIRES, 2)
    paragraphs = [
        f"{rng.choice(['Budget', 'Transit', 'Housing', 'Water'])} Plan Divides {town} Council",
        f"{town}, {rng.choice(['May', 'June', 'July'])} {rng.randint(1, 28)}, "
        f"{rng.randint(2015, 2024)} — The council of {town} {rng.choice(WHEN)} approved a "
        f"plan worth {rng.randint(2, 90)} million after a long debate, according to {wire}.",
        f"“{rng.choice(['We', 'They', 'Residents'])} asked for this for years, and now it is "
        f"done,” {person} {rng.choice(CUES)} {rng.choice(WHEN)}.",
        f"{wire} News reported that {other} {rng.choice(CUES)} the plan was "
        f"{rng.choice(['rushed', 'overdue', 'too small', 'a good start'])}.",
        f"{wire2} quoted {other.split()[-1]} as saying the vote was “"
        f"{rng.choice(['a turning point', 'a mistake', 'only the beginning'])}”.",
        "Share this article" if rng.random() < 0.3 else "",
    ]
    return "\n\n".join(p for p in paragraphs if p) + "\n"
