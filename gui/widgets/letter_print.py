"""Opening, previewing and printing a letter inside the app.

Print preview and print go through Qt (QPrintPreviewDialog / QPrintDialog) over the letter's PDF, rendered page by
page with QtPdf (in the PySide6-Addons wheel). The PDF is the one generated with the letter; when there is none it is
made from the .docx with LibreOffice where it is installed. When the PC has no program for .docx, 打开 says so.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QMessageBox, QWidget

from models.domain.errors import UserError

NO_DOCX_PROGRAM = (
    "这台电脑上没有能打开 .docx 文件的程序（如 WPS Office 或 Microsoft Word），文件没有打开。\n"
    "可以用“打印预览…”查看并打印这份文书，或安装 WPS Office 后再打开。"
)


def open_document(parent: QWidget | None, path: Path) -> bool:
    """Open the file with the PC's program for it; tell the clerk when there is none (openUrl returns False)."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    message = NO_DOCX_PROGRAM if path.suffix.lower() == ".docx" else f"这台电脑上没有能打开“{path.name}”的程序。"
    QMessageBox.warning(parent, "无法打开文件", f"{message}\n\n文件：{path}")
    return False


def pdf_of(docx: Path) -> Path:
    """The letter's PDF: the one generated beside it, or one converted from the .docx with LibreOffice."""
    beside = docx.with_suffix(".pdf")
    if beside.is_file():
        return beside
    from exporters.soffice import convert_to_pdf, find_soffice

    if find_soffice() is None:
        raise UserError(
            "这份文书生成时没有同时生成PDF，本机也没有LibreOffice，无法在本软件中预览和打印。"
            "请用“打开”在WPS或Word中打印，或重新生成文书时勾选“同时生成PDF”。"
        )
    folder = Path(tempfile.mkdtemp(prefix="dd-print-"))
    return convert_to_pdf([docx], folder)[0]


class PdfPages:
    """A PDF loaded with QtPdf, painted page by page onto a printer (or the print preview)."""

    def __init__(self, path: Path) -> None:
        from PySide6.QtPdf import QPdfDocument  # QtPdf is loaded only when a letter is printed

        self.path = path
        self.document = QPdfDocument()
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_ or self.document.pageCount() == 0:
            raise UserError(f"无法读取PDF文件：{path}")

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def paint(self, printer) -> int:  # noqa: ANN001 - a QPrinter
        """Paint every page onto `printer` (one PDF page per sheet, at the printer's resolution)."""
        first = self.document.pagePointSize(0)
        printer.setFullPage(True)
        printer.setPageLayout(
            QPageLayout(
                QPageSize(first, QPageSize.Unit.Point), QPageLayout.Orientation.Portrait, printer.pageLayout().margins()
            )
        )
        painter = QPainter()
        if not painter.begin(printer):
            raise UserError("无法开始打印：请检查打印机。")
        try:
            dpi = printer.resolution()
            for index in range(self.page_count):
                if index:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = self.document.render(index, size)
                target = painter.viewport()
                scale = min(target.width() / size.width(), target.height() / size.height())
                painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
        finally:
            painter.end()
        return self.page_count
