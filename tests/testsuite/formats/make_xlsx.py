#!/usr/bin/env python3
"""Writes the .xlsx files of the format fixtures and the spreadsheet fuzz seeds, as Excel
writes them (a zip of SpreadsheetML parts: shared strings, dates as serial numbers in cells
styled with a date format). Run from the repository root; the output is committed."""

import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets>
</workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
# Style 1: built-in number format 14 (m/d/yyyy), a date; style 2: format 22 (m/d/yyyy h:mm).
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs>
</styleSheet>"""


class Date(float):
    """A serial date, written in a cell styled as a date."""


class DateTime(float):
    """A serial date-time, written in a cell styled as a date and time."""


def col(i):
    return chr(ord("A") + i)


def write(path, rows, sheet="Sheet1"):
    strings = []
    xml_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            ref = f"{col(c)}{r}"
            if v is None:
                continue
            if isinstance(v, str):
                if v not in strings:
                    strings.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{strings.index(v)}</v></c>')
            elif isinstance(v, DateTime):
                cells.append(f'<c r="{ref}" s="2"><v>{float(v)!r}</v></c>')
            elif isinstance(v, Date):
                cells.append(f'<c r="{ref}" s="1"><v>{float(v)!r}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{v!r}</v></c>')
        xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData>{"".join(xml_rows)}</sheetData></worksheet>'
    )
    shared = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
        + "</sst>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("xl/workbook.xml", WORKBOOK.format(name=escape(sheet))),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/styles.xml", STYLES),
            ("xl/sharedStrings.xml", shared),
            ("xl/worksheets/sheet1.xml", sheet_xml),
        ]:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 30, 0, 0, 0))
            z.writestr(info, data, zipfile.ZIP_DEFLATED)


# HubSpot deals exported as XLSX (headers of a real deals export). Serial dates: 46023 is
# 2026-01-01, so 2026-10-07 = 46023 + 279 = 46302, 10-09 = 46304, 10-20 = 46315,
# 11-30 = 46356; 46315.6875 is 2026-10-20 16:30 (0.6875 × 24 h = 16.5 h).
DEALS = [
    ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Create Date", "Associated Contact IDs"],
    [5001, "Jane Doe - Pro", "Closed Won", DateTime(46315.6875), "Ann Lee", 12500.5, Date(46302), 101],
    [5002, "Mia Fox - Team", "Contract Sent", Date(46356), "Bo Chen", 8000, Date(46304), 103],
]

if __name__ == "__main__":
    import os

    os.makedirs("tests/testsuite/formats/hubspot_xlsx/data/proposals", exist_ok=True)
    write("tests/testsuite/formats/hubspot_xlsx/data/proposals/hubspot-crm-exports-deals-2026-10.xlsx", DEALS, "Deals")
    os.makedirs("fuzz/corpus/spreadsheet", exist_ok=True)
    write("fuzz/corpus/spreadsheet/seed-deals.xlsx", DEALS)
    write("fuzz/corpus/spreadsheet/seed-footer.xlsx", [
        ["proposal_id", "rep_id", "created_at", "amount"],
        ["P1", "r1", Date(46300), -1000.25],
        [None, None, None, None],
        ["Generated By: Ann 11/2/2026"],
        ["Copyright (c) 2000-2026 salesforce.com, inc."],
    ])
    write("fuzz/corpus/spreadsheet/seed-odd-dates.xlsx", [
        ["created_at", "amount"],
        [Date(60), 1e300],
        [Date(-5), 0.1],
        [DateTime(2958466.5), -0.0],
    ])
