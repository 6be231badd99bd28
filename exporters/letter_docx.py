"""Render a letter: a docxtpl template and a plain context in, a finished .docx out.

- docxtpl renders with autoescape=True (PITFALLS: with the default, `张三 <&>` silently became `>`).
- Then every run of the body, the tables and the footers gets its East-Asian font (w:eastAsia + w:hint) and
  its size: title 2号 in the title font (bold when 宋体 stands in), page numbers 4号宋体, the rest 3号 in the
  body font — fonts chosen from the PC's fonts (`exporters.fonts`).
- The signature block is placed from the real lengths: the 成文日期 右空四字 and the unit name centred over it
  (when the name is longer than the date, the name 右空二字 and the date centred under it).
- `write_letter` writes through a temporary file and os.replace (a file held open by Word → a UserError).

A template is code (PITFALLS: `{{ cycler.__init__.__globals__.os.popen('…') }}` ran a shell command). Every
template is therefore checked before it is loaded and again before it is rendered (`check_template_syntax`):
only the app's placeholders (COMMON_KEYS), a few harmless filters, `{% if %}` and simple, non-nested
`{% for x in list %}` loops over a placeholder are allowed — no attribute or item access, no calls, no
arithmetic, no other statements. Rendering time is then linear in the template and the letter. It is rendered in
a `SandboxedEnvironment` with no globals (no range, cycler, …) that refuses every call and attribute as a second
line of defence.
"""

from __future__ import annotations

import io
import math
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, nodes
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from lxml import etree

from exporters.atomic_file import atomic_write
from exporters.doc_properties import set_docx_properties
from exporters.fonts import FontChoice
from exporters.letter_layout import (
    BODY_PT,
    CHAR_TWIPS,
    CHARS_PER_LINE,
    PAGE_NUMBER_PT,
    STYLE_ATTACHMENT,
    STYLE_ATTACHMENT_MORE,
    STYLE_BLANK,
    STYLE_CLOSING,
    STYLE_DATE,
    STYLE_NUMBER,
    STYLE_PAGE_NUMBER,
    STYLE_SALUTATION,
    STYLE_SIGNATURE,
    STYLE_TITLE,
    TITLE_PT,
    set_run_fonts,
)
from models.domain.errors import UserError
from models.domain.letters import COMMON_KEYS, text_width

SIGNATURE_RIGHT_CHARS = 4  # 成文日期右空四字 (a sealed letter)
MIN_RIGHT_CHARS = 2
MIN_TEXT_LINES_WITH_CLOSING = 2  # lines of 正文 that go with the closing block onto its page
BODY_INDENT_CHARS = 2
CLOSING_STYLES = frozenset({STYLE_CLOSING, STYLE_ATTACHMENT, STYLE_ATTACHMENT_MORE, STYLE_BLANK})
HEAD_STYLES = frozenset({STYLE_TITLE, STYLE_NUMBER, STYLE_SALUTATION})


# -- the sandbox --------------------------------------------------------------------------------------------

# Filters a unit's template may use: none of them calls into Python objects or builds large values.
ALLOWED_FILTERS = frozenset({"e", "escape", "trim", "default", "d", "join", "length", "count", "first", "last"})
MAX_CONST_CHARS = 200
# Jinja's own objects and globals: never a placeholder of a letter.
_JINJA_NAMES = frozenset(
    {"loop", "self", "caller", "varargs", "kwargs", "super", "range", "dict", "lipsum", "cycler", "joiner", "namespace"}
)
# What a refused construct is called in the message (Jinja node class → Chinese).
_NODE_NAMES = {
    "Getattr": "属性访问",
    "Getitem": "下标访问",
    "Slice": "切片",
    "Call": "函数调用",
    "Add": "运算",
    "Sub": "运算",
    "Mul": "运算",
    "Div": "运算",
    "FloorDiv": "运算",
    "Mod": "运算",
    "Pow": "运算",
    "Neg": "运算",
    "Pos": "运算",
    "List": "列表",
    "Tuple": "元组",
    "Dict": "字典",
    "Test": "is判断",
    "Assign": "{% set %}语句",
    "AssignBlock": "{% set %}语句",
    "Macro": "{% macro %}语句",
    "CallBlock": "{% call %}语句",
    "FilterBlock": "{% filter %}语句",
    "With": "{% with %}语句",
    "Include": "{% include %}语句",
    "Import": "{% import %}语句",
    "FromImport": "{% from %}语句",
    "Extends": "{% extends %}语句",
    "Block": "{% block %}语句",
    "ExprStmt": "{% do %}语句",
    "Scope": "作用域语句",
    "ScopedEvalContextModifier": "{% autoescape %}语句",
    "EvalContextModifier": "{% autoescape %}语句",
    "Continue": "{% continue %}语句",
    "Break": "{% break %}语句",
}


class LetterSandbox(SandboxedEnvironment):
    """Jinja's sandbox with nothing to call: no globals, only ALLOWED_FILTERS, every call and attribute refused."""

    def __init__(self) -> None:
        super().__init__(autoescape=True)
        self.globals.clear()
        self.filters = {name: f for name, f in self.filters.items() if name in ALLOWED_FILTERS}
        self.tests = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        return False

    def is_safe_callable(self, obj: Any) -> bool:
        return False

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        raise SecurityError("文书模板中不允许调用函数")

    def getitem(self, obj: Any, argument: Any) -> Any:
        raise SecurityError("文书模板中不允许属性或下标访问")

    def getattr(self, obj: Any, attribute: str) -> Any:
        raise SecurityError("文书模板中不允许属性或下标访问")


class _Checker:
    """Walks a parsed template and collects what a letter template may not use (in Chinese, in order)."""

    def __init__(self, *, names: bool) -> None:
        self.check_names = names
        self.refused: dict[str, None] = {}

    def refuse(self, what: str) -> None:
        self.refused.setdefault(what, None)

    def statements(self, body: list[nodes.Node], scope: frozenset[str], loop_depth: int) -> None:
        for node in body:
            if isinstance(node, nodes.Output):
                for child in node.nodes:
                    if not isinstance(child, nodes.TemplateData):
                        self.expr(child, scope)
            elif isinstance(node, nodes.If):
                self.expr(node.test, scope)
                self.statements(node.body, scope, loop_depth)
                for branch in node.elif_:
                    self.statements([branch], scope, loop_depth)
                self.statements(node.else_, scope, loop_depth)
            elif isinstance(node, nodes.For):
                self.loop(node, scope, loop_depth)
            else:
                self.refuse(_NODE_NAMES.get(type(node).__name__, f"{type(node).__name__}语句"))

    def loop(self, node: nodes.For, scope: frozenset[str], loop_depth: int) -> None:
        if loop_depth:
            self.refuse("嵌套的{% for %}循环")
        if node.recursive or node.test is not None:
            self.refuse("带条件或递归的{% for %}循环")
        if not isinstance(node.target, nodes.Name):
            self.refuse("{% for %}循环只能有一个循环变量")
            names: frozenset[str] = frozenset()
        else:
            names = frozenset({node.target.name})
        if isinstance(node.iter, nodes.Name):
            self.expr(node.iter, scope)
        else:
            self.refuse("{% for %}循环只能遍历占位符（如 {% for para in body %}）")
            self.expr(node.iter, scope)
        self.statements(node.body, scope | names, loop_depth + 1)
        self.statements(node.else_, scope, loop_depth)

    def expr(self, node: nodes.Node, scope: frozenset[str]) -> None:  # noqa: C901 - one branch per node kind
        if isinstance(node, nodes.Name):
            if node.name in _JINJA_NAMES and node.name not in scope:
                self.refuse(f"Jinja内部对象“{node.name}”")
            elif self.check_names and node.name not in scope and node.name not in COMMON_KEYS:
                self.refuse("不认识的占位符{{ " + node.name + " }}")
        elif isinstance(node, nodes.Const):
            if not isinstance(node.value, str | int | bool | type(None)) or len(str(node.value)) > MAX_CONST_CHARS:
                self.refuse("过长或不支持的常量")
        elif isinstance(node, nodes.Filter):
            if node.name not in ALLOWED_FILTERS:
                self.refuse(f"过滤器“|{node.name}”")
            if node.kwargs or node.dyn_args or node.dyn_kwargs:
                self.refuse(f"过滤器“|{node.name}”的关键字参数")
            for arg in node.args:
                if not isinstance(arg, nodes.Const):
                    self.refuse(f"过滤器“|{node.name}”的参数只能是常量")
                self.expr(arg, scope)
            if node.node is not None:
                self.expr(node.node, scope)
        elif isinstance(node, nodes.Not):
            self.expr(node.node, scope)
        elif isinstance(node, nodes.And | nodes.Or):
            self.expr(node.left, scope)
            self.expr(node.right, scope)
        elif isinstance(node, nodes.CondExpr):
            for child in (node.test, node.expr1, node.expr2):
                if child is not None:
                    self.expr(child, scope)
        elif isinstance(node, nodes.Concat):
            for child in node.nodes:
                self.expr(child, scope)
        elif isinstance(node, nodes.Compare):
            self.expr(node.expr, scope)
            for operand in node.ops:
                if operand.op not in ("eq", "ne"):
                    self.refuse("比较运算（只允许 == 和 !=）")
                self.expr(operand.expr, scope)
        else:
            self.refuse(_NODE_NAMES.get(type(node).__name__, f"表达式{type(node).__name__}"))
            if isinstance(node, nodes.Getattr):
                self.refuse(f"属性“.{node.attr}”")
            for sub in node.iter_child_nodes():
                if isinstance(sub, nodes.Expr):
                    self.expr(sub, scope)


def _open(template: Path) -> DocxTemplate:
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()  # docxtpl opens the file lazily: open it here, where a bad file is named
        return tpl
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError) as error:
        raise UserError(f"不是有效的Word文档（.docx）：{template}（{error}）") from None
    except (etree.LxmlError, SyntaxError, zlib.error) as error:
        raise UserError(f"Word文档已损坏（其中的XML无法读取），请用Word或WPS重新保存：{template}（{error}）") from None
    except OSError as error:
        raise UserError(f"无法读取模板文件：{template}（{error.strerror or error}）") from None


_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


def _sources(tpl: DocxTemplate, template: Path) -> list[str]:
    """Every text docxtpl renders as a Jinja template: the body, headers, footers, footnotes and properties."""
    try:
        sources = [tpl.patch_xml(tpl.get_xml())]
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _key, part in tpl.get_headers_footers(uri):
                sources.append(tpl.patch_xml(tpl.get_part_xml(part)))
        for part in tpl.docx.part.package.parts:
            if part.content_type == _FOOTNOTES:
                blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                sources.append(tpl.patch_xml(blob))
        props = tpl.docx.core_properties
        sources += [getattr(props, name) or "" for name in _RENDERED_PROPERTIES]
    except (etree.LxmlError, SyntaxError, UnicodeDecodeError, KeyError, ValueError) as error:
        raise UserError(f"Word文档已损坏（其中的XML无法读取），请用Word或WPS重新保存：{template}（{error}）") from None
    return sources


def _check(tpl: DocxTemplate, template: Path, *, names: bool) -> None:
    """`names`: also refuse names that are not placeholders (when rendering: a file never checked by loading)."""
    checker = _Checker(names=names)
    hint = "可在设置中恢复内置模板。" if names else ""
    env = LetterSandbox()
    for source in _sources(tpl, template):
        try:
            parsed = env.parse(source)
        except TemplateSyntaxError as error:
            line = f"（第{error.lineno}行）" if error.lineno else ""
            raise UserError(f"模板中的占位符有语法错误{line}：{error.message}（{template}）{hint}") from None
        checker.statements(parsed.body, frozenset(), 0)
    if checker.refused:
        details = list(checker.refused)
        raise UserError(
            f"模板“{template.name if not names else template}”含有文书模板中不允许的内容：" + "、".join(details) + "。"
            "文书模板只能使用本程序的占位符（如 {{ salutation }}）、{% if 占位符 %} 和 {% for 变量 in 占位符 %}。"
            + hint,
            details=details,
        )


def check_template_syntax(template: Path) -> None:
    """A UserError listing what the template uses beyond the app's placeholders, filters, if and simple loops
    (attribute access, calls, arithmetic, other statements, nested loops); also for a broken or corrupt file."""
    _check(_open(template), template, names=False)


def template_variables(template: Path) -> set[str]:
    """The placeholders a template uses (loop variables excluded); a UserError for a broken template."""
    tpl = _open(template)
    try:
        return set(tpl.get_undeclared_template_variables(jinja_env=LetterSandbox()))
    except TemplateError as error:
        lineno = getattr(error, "lineno", None)
        line = f"（第{lineno}行）" if lineno else ""
        raise UserError(f"模板中的占位符有语法错误{line}：{error.message}") from None
    except (etree.LxmlError, SyntaxError, KeyError, ValueError) as error:
        raise UserError(f"Word文档已损坏（其中的XML无法读取），请用Word或WPS重新保存：{template}（{error}）") from None


def render_letter(template: Path, context: Mapping[str, Any], fonts: FontChoice) -> bytes:
    """The rendered .docx as bytes. The template is checked first (a file placed in the templates folder
    without being loaded is refused here just the same) and rendered in the sandbox."""
    tpl = _open(template)
    _check(tpl, template, names=True)
    try:
        tpl.render(dict(context), jinja_env=LetterSandbox(), autoescape=True)
    except TemplateError as error:
        raise UserError(f"文书模板有错误，无法生成：{error.message}。可在设置中恢复内置模板。") from None
    document = tpl.docx
    apply_fonts(document, fonts)
    place_signature(document)
    unit = str(context.get("unit_name", "") or "")
    set_docx_properties(
        document,
        title=f"{unit}{context.get('title', '')}",
        author=str(context.get("signature", "") or unit),
        subject=str(context.get("title", "")),
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_letter(template: Path, context: Mapping[str, Any], path: Path, fonts: FontChoice) -> Path:
    data = render_letter(template, context, fonts)

    def write(temp: Path) -> None:
        temp.write_bytes(data)

    return atomic_write(path, write, program="Word或WPS")


# -- fonts on every run ---------------------------------------------------------------------------------------


def _parts(document) -> list:  # noqa: ANN001 - a python-docx Document
    """The XML roots holding runs: the body and every header and footer."""
    roots = [document.element.body]
    seen = set()
    for section in document.sections:
        for part in (
            section.header,
            section.footer,
            section.even_page_header,
            section.even_page_footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            if part.is_linked_to_previous:
                continue
            element = part._element
            if id(element) not in seen:
                seen.add(id(element))
                roots.append(element)
    return roots


def _style_of(run) -> str:  # noqa: ANN001 - a w:r element
    paragraph = run
    while paragraph is not None and paragraph.tag != qn("w:p"):
        paragraph = paragraph.getparent()
    if paragraph is None:
        return ""
    ppr = paragraph.find(qn("w:pPr"))
    style = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style.get(qn("w:val"), "") if style is not None else ""


def apply_fonts(document, fonts: FontChoice) -> None:  # noqa: ANN001 - a python-docx Document
    body_root = document.element.body
    for root in _parts(document):
        in_footer = root is not body_root
        for run in root.iter(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            if rpr is None:
                rpr = run.makeelement(qn("w:rPr"), {})
                run.insert(0, rpr)
            style = _style_of(run)
            if style == STYLE_TITLE:
                set_run_fonts(rpr, fonts.title, size_pt=TITLE_PT, bold=fonts.title_bold, condense=False)
            elif in_footer or style == STYLE_PAGE_NUMBER:
                set_run_fonts(rpr, fonts.page_number, size_pt=PAGE_NUMBER_PT, condense=False)
            else:
                set_run_fonts(rpr, fonts.body, size_pt=BODY_PT, condense=True)


# -- the signature block ------------------------------------------------------------------------------------


def _text(paragraph) -> str:  # noqa: ANN001
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def _set_right(paragraph, chars: float) -> None:  # noqa: ANN001
    ind = paragraph.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:rightChars"), str(round(chars * 100)))
    ind.set(qn("w:right"), str(round(chars * CHAR_TWIPS)))


def signature_indents(unit: str, day: str) -> tuple[float, float]:
    """Right indents (in characters) of the unit name and the date: the date 右空四字 and the name centred over
    it; a name longer than fits that way is set 右空二字 and the date centred under it."""
    unit_w, date_w = text_width(unit), text_width(day)
    unit_right = SIGNATURE_RIGHT_CHARS + (date_w - unit_w) / 2
    date_right = float(SIGNATURE_RIGHT_CHARS)
    if unit_right < MIN_RIGHT_CHARS:
        unit_right = MIN_RIGHT_CHARS
        date_right = MIN_RIGHT_CHARS + (unit_w - date_w) / 2
    return unit_right, date_right


def place_signature(document) -> None:  # noqa: ANN001
    paragraphs = list(document.element.body.iter(qn("w:p")))
    signatures = [p for p in paragraphs if _style_of(p) == STYLE_SIGNATURE]
    dates = [p for p in paragraphs if _style_of(p) == STYLE_DATE]
    if not signatures or not dates:
        return  # a unit's own template without the styles: leave its layout alone
    unit, day = signatures[-1], dates[-1]
    unit_right, date_right = signature_indents(_text(unit), _text(day))
    _set_right(unit, unit_right)
    _set_right(day, date_right)
    keep_closing_with_text(document, paragraphs, unit)


def estimated_lines(text: str) -> int:
    """Lines a body paragraph takes (28 characters a line, 2 of first-line indent), on the safe side: one
    character less is counted, so that a paragraph is never taken for two lines when it may fit on one (the
    walk in keep_closing_with_text then keeps one more paragraph, never one too few)."""
    text = text.strip()
    return math.ceil(max(0.0, BODY_INDENT_CHARS + text_width(text) - 1) / CHARS_PER_LINE) if text else 0


def keep_closing_with_text(document, paragraphs: list, unit) -> None:  # noqa: ANN001
    """GB/T 9704 7.3.5: the closing block (contact line, 附件说明, unit, date) never stands alone on a page — it
    keeps at least two lines of 正文 with it. Every paragraph from the last 正文 lines to the signature keeps
    with the next one; the earliest of them also keeps two lines together at the page break (widow control),
    so Word, WPS and LibreOffice move the last lines of the text over with the signature."""
    body = document.element.body
    before = paragraphs[: paragraphs.index(unit)]
    text_lines = 0
    for paragraph in reversed(before):
        if paragraph.getparent() is not body:
            break  # a table cell (送达回证): the table itself comes first
        ppr = paragraph.get_or_add_pPr()
        ppr.keepNext_val = True
        if _style_of(paragraph) in CLOSING_STYLES or not _text(paragraph).strip():
            continue
        if _style_of(paragraph) in HEAD_STYLES:
            break  # a letter shorter than two lines of 正文: nothing more to keep
        text_lines += estimated_lines(_text(paragraph))
        if text_lines >= MIN_TEXT_LINES_WITH_CLOSING:
            ppr.widowControl_val = True
            break
