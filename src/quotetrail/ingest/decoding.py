"""Bytes to text, never by a silent guess.

A file that is not valid UTF-8 is one of four things, told apart by the bytes:

- UTF-8 cut short: only the broken last character is lost (a file ending in half an
  emoji is still UTF-8, not Windows-1252 from start to end). The bytes cannot tell it
  from a Latin-1 file of plain ASCII whose very last byte is an accented letter; that
  letter is lost;
- a legacy file (no complete multi-byte UTF-8 character anywhere): Windows-1252 for
  Western text, else the encoding charset-normalizer finds;
- UTF-8 mixed with Western legacy text (a Latin-1 paragraph pasted into a UTF-8 page):
  decoded run by run, each valid UTF-8 run as UTF-8 and each other byte as
  Windows-1252; the start of a UTF-8 character whose end is missing becomes U+FFFD;
- UTF-8 mixed with a non-Western legacy encoding (whole lines of UTF-8 among others):
  decoded line by line, or rejected with that reason when the other lines fit no
  encoding. Without such a line, a few chance UTF-8 pairs in legacy text or noise do
  not make a mix: the file is legacy.

Empty, whitespace-only and binary files are rejected with what they are.
"""

from __future__ import annotations

import codecs
import re

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# a complete multi-byte UTF-8 character (bytes alone; overlong forms are rare enough)
_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                        rb"|[\xf0-\xf4][\x80-\xbf]{3}")
MAX_NUL_SHARE = 0.01  # more NUL bytes than this (outside UTF-16/32) is a binary file …
MAX_STRAY_NULS = 8  # … unless there are only a few of them, in a short text
MAX_BROKEN_SHARE = 0.05  # stray bytes among UTF-8 characters: damaged UTF-8, not a mix


class Rejected(Exception):
    """A file (or a row in one) that is not a readable article; the message says why."""


def clean_text(text: str) -> str:
    """Text any later stage can store: lone surrogates (a JSON ``"\\ud800"`` escape, a file
    name that is not UTF-8) become U+FFFD, NUL characters go."""
    return _SURROGATE.sub("\ufffd", text).replace("\x00", "")


_UTF32_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"))
_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def wide_encoding(data: bytes) -> tuple[str, int] | None:
    """(codec, BOM length) for UTF-32 or UTF-16 text, with or without a byte-order mark.
    Without one, mostly-Latin text gives itself away by where its NUL bytes stand."""
    for bom, codec in _UTF32_BOMS + _UTF16_BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    head = data[:4096]
    if len(head) < 8:
        return None
    if len(head) % 4 == 0:
        quads = len(head) // 4
        if sum(head[k:k + 3] == b"\x00\x00\x00" for k in range(1, len(head), 4)) > 0.9 * quads:
            return "utf-32-le", 0
        if sum(head[k:k + 3] == b"\x00\x00\x00" for k in range(0, len(head), 4)) > 0.9 * quads:
            return "utf-32-be", 0
    pairs = len(head) // 2
    if head[1::2].count(0) > 0.6 * pairs and head[0::2].count(0) < 0.1 * pairs:
        return "utf-16-le", 0
    if head[0::2].count(0) > 0.6 * pairs and head[1::2].count(0) < 0.1 * pairs:
        return "utf-16-be", 0
    return None


def _whitespace_only(data: bytes) -> bool:
    """Spaces, tabs, line breaks, form feeds, no-break spaces (in UTF-8, Latin-1, or
    UTF-16 too short or too odd for ``wide_encoding``) and nothing else: a blank file,
    not a binary one."""
    codecs_ = ["utf-8-sig", "latin-1"] + (["utf-16-le", "utf-16-be"] if len(data) % 2 == 0
                                          else [])
    for codec in codecs_:
        try:
            if not data.decode(codec).strip():
                return True
        except UnicodeDecodeError:
            pass
    return False


def decode(data: bytes) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16/32 (with or without BOM), else
    as described in the module docstring. Newlines come out as ``\\n``.

    Binary data and text no detector can make sense of are rejected, never guessed; a
    few stray NUL bytes in text are dropped.
    """
    if not data:
        raise Rejected("empty file (0 bytes)")
    wide = wide_encoding(data)
    if wide:
        codec, skip = wide
        unit = 4 if "32" in codec else 2
        body = data[skip:]
        try:  # a file cut short mid-character loses that character, not the article
            text = body[: len(body) - len(body) % unit].decode(codec)
        except UnicodeDecodeError:
            raise Rejected(f"undecodable: looks like {codec.upper()} but is not") from None
    else:
        if _whitespace_only(data):
            raise Rejected(f"whitespace only ({len(data):,} bytes of spaces, tabs or line "
                           "breaks; no text)")
        if data.count(0) > max(MAX_STRAY_NULS, MAX_NUL_SHARE * len(data)):
            raise Rejected("binary file (contains NUL bytes)")
        data = data.replace(b"\x00", b"")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_not_utf8(data)
    text = clean_text(text)
    if not text.strip():
        raise Rejected("whitespace only (spaces, tabs or line breaks; no text)")
    if len(_CONTROL.findall(text)) > 0.01 * len(text):
        raise Rejected("binary file (control characters in the text)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def incomplete_tail(data: bytes) -> int:
    """How many bytes at the end begin a UTF-8 character that never finishes (0 to 3)."""
    for k in range(1, min(4, len(data)) + 1):
        byte = data[-k]
        if byte < 0x80 or 0xC0 <= byte < 0xC2 or byte > 0xF4:
            return 0
        if byte >= 0xC2:  # the lead byte, k bytes from the end
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return k if k < need else 0
    return 0


def _western(data: bytes) -> bool:
    """Mostly-ASCII letters with a few high bytes: Western text (Windows-1252, Latin-1)."""
    high = sum(b >= 0x80 for b in data)
    ascii_letters = sum(65 <= b <= 90 or 97 <= b <= 122 for b in data)
    return high <= 0.3 * (ascii_letters + high)


def _decode_not_utf8(data: bytes) -> str:
    """Text that is not valid UTF-8: cut short, legacy, or mixed (module docstring)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    cut = incomplete_tail(data)
    if cut:
        try:
            text = data[:-cut].decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:  # cut short; a Latin-1 file of plain ASCII ending in "é" reads so too
            return text
    utf8_chars = len(_UTF8_CHAR.findall(data))
    if not utf8_chars:
        return _decode_legacy(data)
    if cut >= 2:
        data = data[:-cut]
    stray = _UTF8_CHAR.sub(b"", data)
    if _western(stray) or sum(b >= 0x80 for b in stray) <= MAX_BROKEN_SHARE * utf8_chars:
        return data.decode("utf-8", errors=_RUNS)
    if any(not line.isascii() and _is_utf8(line) for line in data.split(b"\n")):
        return _decode_lines(data)
    return _decode_legacy(data)  # a few chance UTF-8 pairs in legacy text or noise


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _cp1252_runs(err: UnicodeDecodeError) -> tuple[str, int]:
    """Error handler for mixed files: a byte that is not UTF-8 is Windows-1252 (Latin-1
    where Windows-1252 leaves a gap); an unfinished UTF-8 character is U+FFFD."""
    bad = err.object[err.start:err.end]
    if len(bad) > 1:
        return "\ufffd", err.end
    try:
        return bad.decode("cp1252"), err.end
    except UnicodeDecodeError:
        return bad.decode("latin-1"), err.end


_RUNS = "quotetrail-cp1252-runs"
codecs.register_error(_RUNS, _cp1252_runs)


def _decode_lines(data: bytes) -> str:
    """UTF-8 mixed with a non-Western legacy encoding: valid UTF-8 lines as UTF-8, the
    others in the encoding charset-normalizer finds for them together."""
    from charset_normalizer import from_bytes

    lines = data.split(b"\n")
    kinds = []
    for line in lines:
        try:
            kinds.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            kinds.append(None)
    other = b"\n".join(line for line, text in zip(lines, kinds, strict=True) if text is None)
    best = from_bytes(other).best()
    if best is None:
        utf8 = sum(text is not None for text in kinds)
        raise Rejected(f"undecodable: {utf8:,} of {len(lines):,} lines are UTF-8 and no "
                       "legacy encoding fits the others")
    try:
        return "\n".join(text if text is not None else line.decode(best.encoding)
                         for line, text in zip(lines, kinds, strict=True))
    except UnicodeDecodeError:
        raise Rejected(f"mixed encodings: lines in UTF-8 and in {best.encoding}, and some "
                       "in neither") from None


def _decode_legacy(data: bytes) -> str:
    """Text without a single UTF-8 character. Mostly-ASCII letters with a few high bytes
    are Western (Windows-1252, else Latin-1): with so little evidence a detector guesses
    wildly (a lone £ sign reads as Japanese). Otherwise charset-normalizer decides."""
    if _western(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise Rejected("undecodable: not UTF-8 and no legacy encoding fits")
    return str(best)
