"""Reading xlsx rows fast: the sheet XML streamed through lxml's iterparse, values as openpyxl gives them.

openpyxl's read-only mode reads about 30,000 cells a second on this machine (3 s for a 10,000-row
roster, and it first scans the whole sheet when the file has no <dimension>); this reads ten times
that. Anything it does not understand raises Unreadable and reading.py falls back to openpyxl.
"""
from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import zipfile

REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_REF = re.compile(r"^([A-Z]+)(\d+)$")
# The fast path: sheets written without namespace prefixes (Excel, WPS, LibreOffice, openpyxl) are
# read with one regex match per cell; the attributes almost always come as r, s, t.
_CELL = re.compile(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ATTRS = re.compile(r'r="([A-Z]+)(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?$')
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_V = re.compile(r"<v>([^<]*)</v>")
_T = re.compile(r"<t(?:\s[^>]*)?>([^<]*)</t>")
_RPH = re.compile(r"<rPh\b.*?</rPh>", re.S)
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension ref="[A-Z]+\d+:[A-Z]+(\d+)"')
# The usual cell in one match: r, s, t in this order, then nothing, one non-empty <v>, or one plain
# non-empty inline <t>. A chunk where some "<c " is not matched is read cell by cell instead.
_SIMPLE = re.compile(r'<c r="([A-Z]+)(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?'
                     r'(?:/>|></c>|><v>([^<]+)</v></c>|><is><t(?: xml:space="preserve")?>([^<]+)</t></is></c>)')
CHUNK_CHARS = 1 << 20                      # sheet XML read a megabyte of whole rows at a time


def _unescape(text: str) -> str:
    """html.unescape, faster for the decimal references writers such as openpyxl put for every
    non-ASCII character (&#21592;&#24037;00009 → 员工00009); anything else goes to html.unescape,
    and so does any code point html.unescape does not simply turn into its character."""
    if "&" not in text:
        return text
    head, *refs = text.split("&#")
    if "&" in head:
        return html.unescape(text)
    out = [head]
    for ref in refs:
        number, semicolon, rest = ref.partition(";")
        if not semicolon or not number.isdigit() or "&" in rest:
            return html.unescape(text)
        code = int(number)
        if not (0xA0 <= code <= 0xD7FF or 0x20 <= code <= 0x7E or 0xE000 <= code <= 0xFDCF):
            return html.unescape(text)
        out.append(chr(code))
        out.append(rest)
    return "".join(out)


class Unreadable(Exception):
    """A workbook shape this reader does not handle (openpyxl then reads it)."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _place(values: list, columns: dict, letters: str, value) -> None:
    """values[column of `letters`] = value, the list grown as needed (columns caches the letters)."""
    col = columns.get(letters)
    if col is None:
        col = columns[letters] = _column(letters)
    if col >= len(values):
        values.extend([None] * (col + 1 - len(values)))
    values[col] = value


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


class Book:
    """An open xlsx: sheet names → parts, shared strings and which styles are dates."""

    def __init__(self, path):
        from lxml import etree

        self.etree = etree
        self.zip = zipfile.ZipFile(path)            # BadZipFile: the caller's "not an xlsx" message
        names = set(self.zip.namelist())
        try:
            book = etree.fromstring(self.zip.read("xl/workbook.xml"))
            rels = etree.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, etree.XMLSyntaxError) as exc:
            raise Unreadable(str(exc)) from None
        targets = {r.get("Id"): r.get("Target") for r in rels}
        self.sheets = {}
        for sheet in book.iter("{*}sheet"):
            target = targets.get(sheet.get(REL), "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            if part not in names:
                raise Unreadable(f"sheet part {part} missing")
            self.sheets[sheet.get("name")] = part
        pr = next(book.iter("{*}workbookPr"), None)
        self.epoch = dt.datetime(1904, 1, 1) if pr is not None and pr.get("date1904") in ("1", "true") else None
        self.shared = self._shared_strings(names)
        self.dates = self._date_styles(names)

    def _shared_strings(self, names) -> list:
        if "xl/sharedStrings.xml" not in names:
            return []
        root = self.etree.fromstring(self.zip.read("xl/sharedStrings.xml"))
        # Every <t> of an <si> except the phonetic guide (<rPh>) is the string.
        return ["".join(t.text or "" for t in si.iter("{*}t") if _local(t.getparent().tag) != "rPh")
                for si in root.iter("{*}si")]

    def _date_styles(self, names) -> set:
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

        if "xl/styles.xml" not in names:
            return set()
        root = self.etree.fromstring(self.zip.read("xl/styles.xml"))
        custom = {int(f.get("numFmtId")): f.get("formatCode") for f in root.iter("{*}numFmt")}
        xfs = next(root.iter("{*}cellXfs"), None)
        dates = set()
        for index, xf in enumerate(xfs if xfs is not None else []):
            fmt_id = int(xf.get("numFmtId", 0))
            code = custom.get(fmt_id, BUILTIN_FORMATS.get(fmt_id, ""))
            if is_date_format(code) or 27 <= fmt_id <= 36 or 50 <= fmt_id <= 58:    # CJK built-in dates
                dates.add(index)
        return dates

    def total_rows(self, name: str) -> int | None:
        """The last row from <dimension>, when the writer put one near the top of the sheet."""
        with self.zip.open(self.sheets[name]) as fh:
            m = _DIMENSION.search(fh.read(4096))
        return int(m[1]) if m else None

    def _value(self, cell, typ: str | None):
        from openpyxl.utils.datetime import from_excel

        if typ == "inlineStr":
            return "".join(t.text or "" for t in cell.iter("{*}t"))
        v = next((child for child in cell if _local(child.tag) == "v"), None)
        if v is None or v.text is None:
            return None
        text = v.text
        if typ == "s":
            return self.shared[int(text)]
        if typ in ("str", "e"):
            return text
        if typ == "b":
            return text == "1"
        if typ == "d":
            return dt.datetime.fromisoformat(text.rstrip("Z"))
        number = float(text)
        if int(cell.get("s", 0)) in self.dates:
            return from_excel(number, self.epoch) if self.epoch else from_excel(number)
        return int(number) if number.is_integer() and "E" not in text.upper() else number

    def rows(self, name: str):
        """Lists of cell values, one per sheet row from row 1 (missing rows as [])."""
        data = self.zip.read(self.sheets[name]).decode("utf-8")
        if "<sheetData" in data:
            yield from self._fast_rows(data)
        else:
            yield from self._lxml_rows(name)

    def _fast_rows(self, data: str):
        """The rows of <sheetData>, a chunk of whole rows at a time (see _chunk_rows)."""
        expected, position = 1, data.index("<sheetData")
        state = ({}, {}, {})             # column letters → index; inline XML → text; number text → value
        while position < len(data):
            end = data.find("</row>", position + CHUNK_CHARS)
            end = len(data) if end < 0 else end + len("</row>")
            for number, values in self._chunk_rows(data[position:end], state):
                while expected < number:
                    yield []
                    expected += 1
                yield values
                expected = number + 1
            position = end
        if expected == 1:
            yield []

    def _chunk_rows(self, chunk: str, state: tuple) -> list:
        """[(row number, values)] of a chunk of whole rows. The usual cell shapes (attributes r, s, t
        in that order; one <v>, or one plain inline <t>; or no value) are matched in one pass; a chunk
        with any other cell is read by _general_rows instead."""
        cells = _SIMPLE.findall(chunk)
        if len(cells) != chunk.count("<c "):
            return list(self._general_rows(chunk, state))
        from openpyxl.utils.datetime import from_excel

        shared, dates, epoch = self.shared, self.dates, self.epoch
        columns, texts, numbers = state
        out, values, current = [], None, None
        for letters, row, style, typ, v, t in cells:
            if row != current:
                if values is not None:
                    out.append((int(current), values))
                values, current = [], row
            if t:                                       # inline text (typ is inlineStr)
                value = texts.get(t)
                if value is None:
                    value = texts[t] = _unescape(t) or None
            elif not v:                                 # no value: the cell only carries a style
                continue
            elif typ == "s":
                value = shared[int(v)] or None
            elif typ == "str" or typ == "e":
                value = _unescape(v)
            elif typ == "b":
                value = v == "1"
            elif typ == "d":
                value = dt.datetime.fromisoformat(v.rstrip("Z"))
            elif style and int(style) in dates:
                number = float(v)
                value = from_excel(number, epoch) if epoch else from_excel(number)
            else:
                value = numbers.get(v)
                if value is None:
                    number = float(v)
                    value = numbers[v] = int(number) if number.is_integer() and "E" not in v.upper() else number
            try:
                gap = columns[letters] - len(values)
            except KeyError:
                gap = _column(letters) - len(values)
                columns[letters] = gap + len(values)
            if gap >= 0:                                # the usual case: cells come left to right
                values += [None] * gap
                values.append(value)
            else:
                values[len(values) + gap] = value        # a cell written out of order
        if values is not None:
            out.append((int(current), values))
        return out

    def _general_rows(self, data: str, state: tuple):
        """(row number, values) of a chunk, cell by cell: any attribute order, rich and phonetic text."""
        from openpyxl.utils.datetime import from_excel

        shared, dates, epoch = self.shared, self.dates, self.epoch
        columns, texts = state[0], {}
        values, current = None, None
        for m in _CELL.finditer(data):
            attrs, inner = m.group(1), m.group(2)
            a = _ATTRS.match(attrs)
            if a is None:                         # other attributes or order: read them one by one
                found = dict(_ATTR.findall(attrs))
                a = _CELL_REF.match(found.get("r", ""))
                if a is None:
                    raise Unreadable("a cell without its reference")
                letters, row, style, typ = a[1], a[2], found.get("s"), found.get("t")
            else:
                letters, row, style, typ = a.groups()
            row = int(row)
            if row != current:
                if values is not None:
                    yield current, values
                values, current = [], row
            if not inner:
                continue
            if typ == "inlineStr":
                value = texts.get(inner)
                if value is None:
                    plain = _RPH.sub("", inner) if "<rPh" in inner else inner
                    value = texts[inner] = html.unescape("".join(_T.findall(plain))) or None
            else:
                v = _V.search(inner)
                if v is None:
                    continue
                text = v.group(1)
                if typ == "s":
                    value = shared[int(text)] or None
                elif typ in ("str", "e"):
                    value = text
                elif typ == "b":
                    value = text == "1"
                elif typ == "d":
                    value = dt.datetime.fromisoformat(text.rstrip("Z"))
                else:
                    number = float(text)
                    if style is not None and int(style) in dates:
                        value = from_excel(number, epoch) if epoch else from_excel(number)
                    else:
                        value = int(number) if number.is_integer() and "E" not in text.upper() else number
                if typ in ("str", "e") and "&" in value:
                    value = html.unescape(value)
            _place(values, columns, letters, value)
        if values is not None:
            yield current, values

    def _lxml_rows(self, name: str):
        expected = 1
        with self.zip.open(self.sheets[name]) as fh:
            for _, row in self.etree.iterparse(fh, events=("end",), tag="{*}row"):
                number = int(row.get("r", expected))
                while expected < number:
                    yield []
                    expected += 1
                values = []
                for cell in row:
                    ref = cell.get("r")
                    m = _CELL_REF.match(ref) if ref else None
                    col = _column(m[1]) if m else len(values)
                    if col >= len(values):
                        values.extend([None] * (col + 1 - len(values)))
                    values[col] = self._value(cell, cell.get("t"))
                yield values
                expected = number + 1
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]

    def close(self) -> None:
        self.zip.close()
