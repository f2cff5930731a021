"""What every text reader shares: opening a file or upload, finding its encoding, and parsing rows of numbers.

Memory is bounded by the size of the numbers, not of the text: the file is never held as one Python string or as
a list of lines. :func:`parse_rows` counts the data lines in one streaming pass, allocates one float64 array for
the result, then parses blocks of about :data:`BLOCK_BYTES` with pandas' C reader and copies each block into place.
Every check that names a line (ragged rows, text in a number cell, non-finite or absurd numbers, gaps, time that
does not increase) runs per block, where the line numbers are known.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd

from runmech._validate import check_real
from runmech.recordings import columns as _cols
from runmech.recordings.errors import _FLOAT_KW, _NA_WORDS, MAX_ABS_VALUE, RecordingError

#: Bytes parsed at a time: the reader's working memory beyond the result is a small multiple of this.
BLOCK_BYTES = 1 << 21
_HEAD_BYTES = 65536
_WS = np.zeros(256, dtype=bool)
_WS[[9, 10, 13, 32]] = True


@dataclass(frozen=True)
class Source:
    """A file or upload after the size and encoding checks (nothing but its first 64 kB has been read)."""

    label: str
    path: Path | None
    data: bytes | None
    encoding: str  # of the stream that :meth:`stream` gives: "utf-8" or "latin-1"
    transcode: str | None  # "utf-16-le" / "utf-16-be" when the file is UTF-16
    skip: int  # bytes of byte-order mark
    size: int

    def raw(self) -> BinaryIO:
        """The file's bytes from the start (a new handle each time)."""
        return open(self.path, "rb") if self.path is not None else io.BytesIO(self.data)  # noqa: SIM115

    def stream(self) -> BinaryIO:
        """The content without its byte-order mark, as UTF-8 (or Latin-1) bytes, from the start."""
        raw = self.raw()
        raw.seek(self.skip)
        if self.transcode is None:
            return raw
        return io.BufferedReader(_Transcoder(raw, self.transcode), buffer_size=BLOCK_BYTES)

    def head_text(self, n_bytes: int = 20000) -> str:
        """The first characters, decoded (for sniffing a format)."""
        with self.stream() as s:
            return s.read(n_bytes).decode(self.encoding, errors="replace")


class _Transcoder(io.RawIOBase):
    """A readable stream of UTF-8 bytes decoded incrementally from a UTF-16 stream."""

    def __init__(self, raw: BinaryIO, encoding: str) -> None:
        self._raw = raw
        self._dec = codecs.getincrementaldecoder(encoding)(errors="strict")
        self._buf = b""
        self._eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self._buf and not self._eof:
            chunk = self._raw.read(BLOCK_BYTES)
            self._eof = not chunk
            self._buf = self._dec.decode(chunk, final=self._eof).encode("utf-8")
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when every other byte of the head is NUL (plain ASCII text in UTF-16)."""
    sample = head[: len(head) // 2 * 2][:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def open_source(source: Any, name: str | None, max_mb: float, *, what: str = "a text file (CSV, TSV, .mot, "
                ".sto or .trc)", binary_hint: str = "Export the data as CSV or as an OpenSim .mot/.sto table, "
                "or read a .c3d file with read_c3d") -> Source:
    """Check a path or bytes (type, existence, size, not binary) and find its encoding.

    UTF-8 (with or without a byte-order mark) and UTF-16 (a spreadsheet's "Unicode text", with or without a mark)
    are read; anything else that is not valid UTF-8 is read as Latin-1.
    """
    max_mb = check_real("max_mb", max_mb, low=0.0, low_inclusive=False, unit="MB")
    limit = int(max_mb * 1_000_000)
    if name is not None and not isinstance(name, str):
        raise TypeError(f"name must be a string (the file name shown in messages); got {name!r}")
    path: Path | None = None
    data: bytes | None = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = name or "uploaded file"
        size = len(source)
        if size > limit:
            raise RecordingError(label, f"a file of at most {max_mb:g} MB (runmech's size limit)",
                                 found=f"{size / 1e6:.1f} MB",
                                 hint="Cut the recording into shorter trials or keep fewer columns")
        data = source if isinstance(source, bytes) else bytes(source)
        head = data[:_HEAD_BYTES]
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = name or str(path)
        if not path.exists():
            raise RecordingError(label, "an existing file", found="no file at this path")
        if not path.is_file():
            raise RecordingError(label, "a file", found="a folder or special file")
        size = path.stat().st_size
        if size > limit:
            raise RecordingError(label, f"a file of at most {max_mb:g} MB (runmech's size limit)",
                                 found=f"{size / 1e6:.1f} MB",
                                 hint="Cut the recording into shorter trials or keep fewer columns")
        with open(path, "rb") as fh:
            head = fh.read(_HEAD_BYTES)
    else:
        raise TypeError(f"path must be a file path (str or pathlib.Path) or the file's bytes; got "
                        f"{type(source).__name__}")
    skip, transcode = 0, None
    if head.startswith(codecs.BOM_UTF8):
        skip = 3
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        skip, transcode = 2, ("utf-16-le" if head.startswith(codecs.BOM_UTF16_LE) else "utf-16-be")
    else:
        transcode = _utf16_without_bom(head)
    if transcode:
        try:
            text_head = head[skip:len(head) // 2 * 2].decode(transcode, errors="strict")
        except UnicodeDecodeError:
            text_head = "\x00"
        if "\x00" in text_head:
            transcode = None
    else:
        text_head = None
    if transcode is None and b"\x00" in head:
        raise RecordingError(label, what, line=1, found="binary content (a .c3d or spreadsheet file?)",
                             hint=binary_hint)
    if size <= skip or (size <= len(head) and not (text_head if text_head is not None else head[skip:]).strip()):
        raise RecordingError(label, "a header and rows of numbers", line=1, found="an empty file")
    encoding = "utf-8"
    if transcode is None:
        try:
            codecs.getincrementaldecoder("utf-8")().decode(head[skip:], final=size <= len(head))
        except UnicodeDecodeError:
            encoding = "latin-1"
    return Source(label=label, path=path, data=data, encoding=encoding, transcode=transcode, skip=skip, size=size)


class Lines:
    """Header lines of a stream, one at a time, with their line numbers (1 = first line)."""

    def __init__(self, src: Source) -> None:
        self.src = src
        self.fh = src.stream()
        self.number = 0  # line number of the last line returned

    def next(self) -> str | None:
        """The next line without its line ending, or None at the end of the file."""
        raw = self.fh.readline()
        if not raw:
            return None
        self.number += 1
        return raw.decode(self.src.encoding, errors="replace").rstrip("\r\n")

    def close(self) -> None:
        self.fh.close()

    def __enter__(self) -> Lines:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def sep_words(sep: str | None) -> str:
    return {None: "spaces or tabs", "\t": "tabs", ",": "commas", ";": "semicolons"}.get(sep, repr(sep))


def split_labels(line: str, sep: str | None) -> list[str]:
    if sep is None:
        return line.split()
    return [c.strip() for c in next(csv.reader([line], delimiter=sep))]


def check_labels(label: str, labels: list[str], line_no: int) -> None:
    for i, lab in enumerate(labels):
        if not lab:
            raise RecordingError(label, "a name for every column", line=line_no, found=f"column {i + 1} has none")
    seen: dict[str, int] = {}
    for i, lab in enumerate(labels):
        if lab in seen:
            raise RecordingError(label, "unique column names", line=line_no,
                                 found=f"{lab!r} in columns {seen[lab] + 1} and {i + 1}")
        seen[lab] = i


def _count_lines(src: Source, skip_lines: int) -> int:
    """Upper bound of the rows after ``skip_lines`` lines: newlines + 1 (one streaming pass)."""
    with src.stream() as fh:
        for _ in range(skip_lines):
            fh.readline()
        n = 1
        while True:
            chunk = fh.read(BLOCK_BYTES)
            if not chunk:
                return n
            n += chunk.count(b"\n")


def _blocks(fh: BinaryIO) -> Iterator[bytes]:
    """Blocks of whole lines (the last one may lack its newline)."""
    rest = b""
    while True:
        chunk = fh.read(BLOCK_BYTES)
        if not chunk:
            if rest:
                yield rest
            return
        data = rest + chunk
        cut = data.rfind(b"\n")
        if cut < 0:
            rest = data
            continue
        yield data[:cut + 1]
        rest = data[cut + 1:]


def _field_counts(arr: np.ndarray, starts: np.ndarray, ends: np.ndarray, sep: str | None) -> np.ndarray:
    """Fields on each line (0 = blank line); trailing spaces and tabs do not count. Temporaries: one byte per byte."""
    ws = _WS[arr]
    if sep is None:
        begins = ~ws
        begins[1:] &= ws[:-1]
        pos = np.flatnonzero(begins)
        del begins
        return np.searchsorted(pos, ends) - np.searchsorted(pos, starts)
    is_sep = arr == ord(sep)
    pos = np.flatnonzero(is_sep)
    counts = np.searchsorted(pos, ends) - np.searchsorted(pos, starts) + 1
    del pos
    end = ends.copy()  # strip trailing white space line by line, uncounting separators stripped (a trailing tab)
    live = np.flatnonzero(end > starts)
    while live.size:
        last = end[live] - 1
        strip = ws[last]
        live, last = live[strip], last[strip]
        counts[live] -= is_sep[last]
        end[live] = last
        live = live[end[live] > starts[live]]
    return np.where(end > starts, counts, 0)


def _bad_cell(label: str, block: bytes, first_line: int, labels: list[str], sep: str | None) -> RecordingError:
    """The first cell of a block that is not a number, as an error naming its line and column."""
    strings = pd.read_csv(io.BytesIO(block), sep=r"\s+" if sep is None else sep, header=None, engine="c", dtype=str,
                          keep_default_na=False, na_filter=False, skip_blank_lines=False, encoding="latin-1")
    for j in range(strings.shape[1]):
        col = strings.iloc[:, j].str.strip()
        numbers = pd.to_numeric(col, errors="coerce")
        bad = numbers.isna().to_numpy() & ~col.str.lower().isin(_NA_WORDS).to_numpy()
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            value = col.iloc[i].encode("latin-1", errors="replace").decode("utf-8", errors="replace")
            hint = ("Use a dot as the decimal separator" if "," in value and sep != "," else
                    "Every cell below the header must be a number (or empty/NaN for a gap)")
            return RecordingError(label, f"a number in column {labels[j]!r}", line=first_line + i,
                                  found=repr(value[:40]), hint=hint)
    return RecordingError(label, "rows of numbers", line=first_line, found="cells pandas could not read")


@dataclass
class Rows:
    """Parsed numbers: ``time`` [rows] and ``values`` [columns x rows], with the names of the value columns."""

    time: np.ndarray
    values: np.ndarray
    names: list[str]
    first_line: int


def parse_rows(src: Source, lines: Lines, labels: list[str], sep: str | None, *, time_index: int | None = 0,
               time_scale: float = 1.0, allow_gaps: bool = False, gaps_hint: str | None = None,
               pad_short: bool = False, skip_leading_blank: bool = False) -> Rows:
    """Parse the rest of ``lines``' stream as rows of numbers, one field per label, in bounded memory.

    ``time_index`` is the column holding time (None: no time column; ``time`` is then the row number). Refused,
    with the line: a row with another number of fields, a blank line between rows, a cell that is not a number,
    an infinite number or one larger than :data:`MAX_ABS_VALUE`, a gap (unless ``allow_gaps``), a time that is
    missing or does not increase.
    """
    label, n = src.label, len(labels)
    first = lines.number + 1
    bound = _count_lines(src, lines.number)
    keep = [j for j in range(n) if j != time_index]
    names = [labels[j] for j in keep]
    values = np.empty((len(keep), bound), dtype=np.float64)
    time = np.empty(bound, dtype=np.float64)
    shown = ", ".join(labels[:4]) + (", ..." if n > 4 else "")
    row = 0
    line_no = first
    pending_blank: int | None = None
    last_t = -np.inf
    reader_sep = r"\s+" if sep is None else sep
    for block in _blocks(lines.fh):
        arr = np.frombuffer(block, dtype=np.uint8)
        nl = np.flatnonzero(arr == 10)
        ends = np.append(nl, arr.size) if (not nl.size or nl[-1] != arr.size - 1) else nl
        starts = np.concatenate([[0], ends[:-1] + 1])
        counts = _field_counts(arr, starts, ends, sep)
        filled = np.flatnonzero(counts > 0)
        if skip_leading_blank and row == 0 and pending_blank is not None and filled.size:
            pending_blank = None  # blank lines between the header and the first row
        if skip_leading_blank and row == 0 and filled.size and filled[0] > 0:
            f0 = int(filled[0])
            block = block[int(starts[f0]):]
            line_no += f0
            arr = np.frombuffer(block, dtype=np.uint8)
            ends, starts, counts = ends[f0:] - starts[f0], starts[f0:] - starts[f0], counts[f0:]
            filled = filled - f0
        if filled.size and pending_blank is not None:
            raise RecordingError(label, f"{n} values separated by {sep_words(sep)}, one per column ({shown})",
                                 line=pending_blank, found="an empty line")
        if not filled.size:
            pending_blank = pending_blank or line_no
            line_no += ends.size
            continue
        k = int(filled[-1]) + 1  # lines up to the last filled one
        wrong = np.flatnonzero((counts[:k] > n) | (counts[:k] == 0) if pad_short else counts[:k] != n)
        if wrong.size:
            i = int(wrong[0])
            c = int(counts[i])
            found = "an empty line" if c == 0 else f"{c} value{'s' if c != 1 else ''}"
            raise RecordingError(label, f"{n} values separated by {sep_words(sep)}, one per column ({shown})",
                                 line=line_no + i, found=found)
        if k < ends.size:
            pending_blank = line_no + k
        part = block[:int(ends[k - 1]) + 1] if k < ends.size else block
        try:
            frame = pd.read_csv(io.BytesIO(part), sep=reader_sep, header=None, names=range(n), usecols=range(n),
                                engine="c", dtype=np.float64,
                                skip_blank_lines=False, na_filter=True, keep_default_na=True, encoding="latin-1",
                                **_FLOAT_KW)
        except ValueError:
            raise _bad_cell(label, part, line_no, labels, sep) from None
        if frame.shape != (k, n):
            raise _bad_cell(label, part, line_no, labels, sep)
        x = frame.to_numpy(dtype=np.float64, copy=False)
        del frame
        _check_cells(label, x, line_no, labels, time_index, allow_gaps, gaps_hint)
        if time_index is not None:
            t = x[:, time_index] * time_scale
            step = np.diff(np.concatenate([[last_t], t]))
            bad = np.flatnonzero(step <= 0)
            if bad.size:
                i = int(bad[0])
                before = last_t if i == 0 else t[i - 1]
                what = "the same time" if step[i] == 0 else "an earlier time"
                raise RecordingError(label, "time to increase from one row to the next", line=line_no + i,
                                     found=f"{what} ({t[i]:g} s after {before:g} s on the line before)")
            time[row:row + k] = t
            last_t = float(t[-1])
        else:
            time[row:row + k] = np.arange(row, row + k)
        values[:, row:row + k] = x[:, keep].T
        row += k
        line_no += ends.size
    if row == 0:
        raise RecordingError(label, "rows of numbers after the column names", line=first - 1, found="no data rows")
    if row < bound:
        values, time = values[:, :row], time[:row]
    return Rows(time=time, values=values, names=names, first_line=first)


def _check_cells(label: str, x: np.ndarray, line_no: int, labels: list[str], time_index: int | None,
                 allow_gaps: bool, gaps_hint: str | None) -> None:
    """Refuse infinite and absurd numbers, missing times and (unless allowed) gaps, naming the line."""
    with np.errstate(invalid="ignore"):
        huge = ~(np.abs(x) <= MAX_ABS_VALUE) & ~np.isnan(x)
    if huge.any():
        i, j = (int(v[0]) for v in np.nonzero(huge))
        raise RecordingError(label, f"a finite number of magnitude at most {MAX_ABS_VALUE:g} in column "
                             f"{labels[j]!r}", line=line_no + i, found=repr(float(x[i, j])),
                             hint="Infinite or absurdly large values are refused: fix or remove the cell")
    mask = np.isnan(x)
    if not mask.any():
        return
    if time_index is not None and mask[:, time_index].any():
        i = int(np.flatnonzero(mask[:, time_index])[0])
        raise RecordingError(label, f"a time in seconds in column {labels[time_index]!r}", line=line_no + i,
                             found="an empty or NaN time")
    if allow_gaps:
        return
    i = int(np.flatnonzero(mask.any(axis=1))[0])
    j = int(np.flatnonzero(mask[i])[0])
    run = mask[i:, j]
    length = int(np.argmin(run)) if not run.all() else run.size
    span = f"line {line_no + i}" if length == 1 else f"lines {line_no + i} to {line_no + i + length - 1}"
    raise RecordingError(label, f"a number in every cell of column {labels[j]!r}", line=line_no + i,
                         found=f"a gap (missing value) on {span}",
                         hint=gaps_hint or "Fill gaps in your capture software, or pass allow_gaps=True to keep them "
                                           "as NaN (strides that touch a gap are then reported and left out)")


def check_angle_units(label: str, rows: Rows, degrees: bool, line: int | None, how_to_say: str) -> None:
    """Raise when the numbers contradict the stated angle unit (the rule of :func:`read_opensim`)."""
    angles = [j for j, c in enumerate(rows.names) if _cols.is_angle(c)]
    t = rows.time
    if not angles or t.size < 2 or t[-1] - t[0] < 0.5:
        return  # too short to judge: a unit check needs at least half a second of motion
    peak = {j: float(np.nanmax(np.abs(rows.values[j]))) for j in angles}
    if degrees:
        if not all(p <= 2 * np.pi + 1e-9 for p in peak.values()):
            return
        for j in angles:
            c = rows.names[j]
            lo, hi = float(np.nanmin(rows.values[j])), float(np.nanmax(rows.values[j]))
            if _cols.is_large_motion(c) and hi - lo >= 0.35:
                raise RecordingError(
                    label, f"angles in degrees ({how_to_say})", line=line,
                    found=f"every angle column stays within ±2π; {c!r} runs from {lo:.3g} to {hi:.3g}, which looks "
                          "like radians",
                    hint="If the angles are in radians, say so (inDegrees=no in a .mot header, or units='radians'); "
                         "if they really are degrees, pass check_units=False")
        return
    big = [j for j in angles if peak[j] > 4 * np.pi]
    if big:
        c = rows.names[big[0]]
        raise RecordingError(
            label, f"angles in radians ({how_to_say})", line=line,
            found=f"{c!r} reaches {peak[big[0]]:.3g}, more than 4π, which looks like degrees",
            hint="If the angles are in degrees, say so (inDegrees=yes, or units='degrees'), or pass check_units=False")


def finish(label: str, rows: Rows, *, fmt: str, degrees_in_file: bool | None, to_degrees: bool, header: dict,
           name: str, extra: dict | None = None) -> pd.DataFrame:
    """The DataFrame (no copy of the numbers), angles converted in place, and the attributes every reader sets."""
    converted: tuple[str, ...] = ()
    if to_degrees:
        idx = [j for j, c in enumerate(rows.names) if _cols.is_angle(c)]
        for j in idx:
            np.degrees(rows.values[j], out=rows.values[j])
        converted = tuple(rows.names[j] for j in idx)
    df = pd.DataFrame(rows.values.T, index=pd.Index(rows.time, name="time_s", copy=False), columns=rows.names,
                      copy=False)
    t = rows.time[:100_001]  # the rate from the first 100 000 steps: no full-length temporary
    rate = float(1.0 / np.median(np.diff(t))) if t.size > 1 else float("nan")
    df.attrs.update({
        "source": label,
        "format": fmt,
        "name": name,
        "in_degrees": degrees_in_file,
        "converted_to_degrees": converted,
        "header": header,
        "rate_hz": rate,
        "synthetic": False,
        "label": f"measured recording {Path(label).name}",
        **(extra or {}),
    })
    return df


def angle_columns(columns: Sequence[str]) -> list[str]:
    return [c for c in columns if _cols.is_angle(c)]
