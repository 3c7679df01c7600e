"""Build real source documents at test time (no binary fixtures are committed).

Each builder writes one file into the given folder and returns its path. The text they hold is
exposed as module constants so tests can assert on exactly what went in.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

# --- .docx -----------------------------------------------------------------------------------

DOCX_TITLE = "关于组织申报2024年山西省服务型制造示范的通知"
DOCX_PARAGRAPHS = (
    "一、申报条件",
    "（一）共性条件",
    "1.申报单位应在山西省境内注册。",
)
DOCX_TABLE = (
    ("序号", "示范类型", "推荐名额"),
    ("1", "示范企业", "10家"),
)
DOCX_AFTER_TABLE = "二、申报材料"


def build_docx(folder: Path, name: str = "notice.docx") -> Path:
    """A .docx with a title, three body paragraphs, a 2x3 table and one paragraph after it."""
    import docx

    document = docx.Document()
    document.add_heading(DOCX_TITLE, level=1)
    for text in DOCX_PARAGRAPHS:
        document.add_paragraph(text)
    table = document.add_table(rows=len(DOCX_TABLE), cols=len(DOCX_TABLE[0]))
    for row, values in zip(table.rows, DOCX_TABLE, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph(DOCX_AFTER_TABLE)
    path = folder / name
    document.save(str(path))
    return path


# --- .pdf ------------------------------------------------------------------------------------

PDF_FONT = "STSong-Light"  # reportlab's built-in CID font: no font file needed, text is extractable
PDF_TITLE = "关于组织申报服务型制造示范的通知"
PDF_PAGE1 = (
    "一、申报条件",
    "申报主体应在山西省境内注册，具有独立法人资格，运营和",
)
PDF_PAGE2 = (
    "财务状况良好。",
    "二、申报材料",
)
PDF_JOINED = "申报主体应在山西省境内注册，具有独立法人资格，运营和财务状况良好。"


def build_pdf(folder: Path, name: str = "notice.pdf") -> Path:
    """A two-page PDF whose paragraph is split across the page break ("运营和" | "财务状况良好。")."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))
    path = folder / name
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    _, height = A4
    pages = ((PDF_TITLE, *PDF_PAGE1), PDF_PAGE2)
    for lines in pages:
        pdf.setFont(PDF_FONT, 12)
        y = height - 72
        for line in lines:
            pdf.drawString(72, y, line)
            y -= 24
        pdf.showPage()
    pdf.save()
    return path


# --- .html -----------------------------------------------------------------------------------

HTML_ARTICLE = (
    "关于组织开展服务型制造示范遴选工作的通知",
    "各市工业和信息化局：",
    "为贯彻落实服务型制造发展要求，现将有关事项通知如下。",
    "一、申报条件",
    "申报单位应在山西省境内注册。",
)
HTML_CHROME = ("网站首页", "政务公开", "trackVisit", "版权所有：山西省工业和信息化厅", "【返回顶部】")

HTML_PAGE = Template("""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>通知公告</title>
<script>var trackVisit = function () { return "统计代码"; };</script>
<style>.nav { color: red; }</style>
</head>
<body>
<nav class="nav"><ul><li><a href="/">网站首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></nav>
<div class="article">
  <h1>$title</h1>
  <p>$addressee</p>
  <p>$intro</p>
  <p><strong>$heading</strong></p>
  <p>$clause</p>
</div>
<div class="tools"><a href="#top">【返回顶部】</a></div>
<script>trackVisit();</script>
<footer><p>版权所有：山西省工业和信息化厅</p></footer>
</body>
</html>
""")


def build_html(folder: Path, name: str = "notice.html") -> Path:
    """A web page: an article wrapped in nav, scripts, a back-to-top link and a footer."""
    path = folder / name
    fields = dict(zip(("title", "addressee", "intro", "heading", "clause"), HTML_ARTICLE, strict=True))
    path.write_text(HTML_PAGE.substitute(fields), encoding="utf-8")
    return path


# --- broken inputs ---------------------------------------------------------------------------


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def random_bytes(size: int = 2048, seed: int = 7) -> bytes:
    """Deterministic junk (no zip or PDF signature) for corrupt-file tests."""
    import random

    rng = random.Random(seed)
    data = bytes(rng.getrandbits(8) for _ in range(size))
    return data if not data.startswith((b"PK", b"%PDF")) else b"\x00" + data


def truncated_pdf(folder: Path, name: str = "truncated.pdf") -> Path:
    """A file that starts like a PDF but is cut off after the header: a download that failed."""
    return write_bytes(folder, name, b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n")


def pdf_with_unknown_filter(folder: Path, name: str = "bad-filter.pdf") -> Path:
    """A well-formed PDF whose content streams name a filter pypdf does not know.

    The replacement keeps every byte offset, so the file parses and only text extraction fails
    (pypdf raises NotImplementedError there, not a PdfReadError).
    """
    data = build_pdf(folder, "good-" + name).read_bytes()
    assert b"/ASCII85Decode" in data, "reportlab no longer ASCII85-encodes streams; pick another mangle"
    return write_bytes(folder, name, data.replace(b"/ASCII85Decode", b"/ASCII85Decodx"))


def blank_pdf(folder: Path, name: str = "scan.pdf") -> Path:
    """A one-page PDF without a text layer, like a scan."""
    from reportlab.pdfgen import canvas

    path = folder / name
    pdf = canvas.Canvas(str(path), invariant=True)
    pdf.rect(72, 72, 200, 100)
    pdf.showPage()
    pdf.save()
    return path


def docx_with_merged_header(folder: Path, name: str = "merged.docx") -> Path:
    """A 2x3 table whose first row is one cell merged across all three columns."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "申报条件汇总表"
    for cell, value in zip(table.rows[1].cells, DOCX_TABLE[1], strict=True):
        cell.text = value
    path = folder / name
    document.save(str(path))
    return path


def empty_docx(folder: Path, name: str = "empty.docx") -> Path:
    import docx

    path = folder / name
    docx.Document().save(str(path))
    return path


def zip_without_document(folder: Path, name: str = "not-word.docx") -> Path:
    """A valid zip archive that is not a Word document (e.g. a renamed .zip)."""
    import zipfile

    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "这不是Word文档")
    return path


# --- .pdf with a table, encrypted .pdf -----------------------------------------------------------

PDF_TABLE_BEFORE = ("一、推荐名额", "各区推荐名额如下表所示。")
PDF_TABLE = (
    ("序号", "类别", "推荐名额"),
    ("1", "示范企业", "不超过3个"),
    ("2", "示范平台", "不超过2个"),
)
PDF_TABLE_AFTER = "二、申报材料"


def _register_cid_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))


def pdf_with_table(folder: Path, name: str = "quota.pdf") -> Path:
    """Two paragraphs, a ruled 3x3 table, one paragraph after it (reportlab platypus)."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _register_cid_font()
    style = ParagraphStyle("cn", fontName=PDF_FONT, fontSize=11, leading=16)
    table = Table([list(row) for row in PDF_TABLE])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), PDF_FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    path = folder / name
    document = SimpleDocTemplate(str(path), invariant=True)
    document.build([*(Paragraph(t, style) for t in PDF_TABLE_BEFORE), table, Paragraph(PDF_TABLE_AFTER, style)])
    return path


def encrypted_pdf(folder: Path, name: str = "locked.pdf", user_password: str = "secret") -> Path:
    """A PDF encrypted with a user password (or, with "", only an owner password: opens without one)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    _register_cid_font()
    path = folder / name
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption(user_password, "owner"))
    pdf.setFont(PDF_FONT, 12)
    pdf.drawString(72, 700, PDF_JOINED)
    pdf.showPage()
    pdf.save()
    return path
