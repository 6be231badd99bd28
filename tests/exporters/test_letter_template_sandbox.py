"""Issue 9 §1: a unit template is code. A template that reaches into Python (attribute access, calls, Jinja's
globals) or that could run for ever is refused when it is loaded — with a Chinese list of what is refused — and a
file smuggled into the templates folder without being loaded is refused when a letter is rendered. No command of
a hostile template ever runs (no file PWNED appears)."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest
from jinja2.sandbox import SecurityError

from exporters.letter_docx import LetterSandbox, check_template_syntax
from exporters.letter_layout import template_name
from models.db import Database
from models.domain.errors import UserError
from models.domain.letters import ALL_KINDS, LetterKind
from models.services import demo_letters, letters

TODAY = demo_letters.TODAY
PWNED_COMMAND = "{{ cycler.__init__.__globals__.os.popen('touch PWNED') }}"
PAYLOADS = {
    "cycler-popen": PWNED_COMMAND,
    "self-globals": "{{ self.__init__.__globals__ }}",
    "range-list": "{{ range(10**8)|list }}",
    "range-loop": "{% for i in range(10**8) %}{{ i }}{% endfor %}",
    "nested-loops": "{% for a in body %}{% for b in body %}{% for c in body %}x{% endfor %}{% endfor %}{% endfor %}",
    "string-bomb": "{{ salutation * 100000000 }}",
    "set-statement": "{% set x = salutation %}{{ x }}",
    "attr-filter": "{{ salutation|attr('__class__') }}",
    "safe-filter": "{{ salutation|safe }}",
}


@pytest.fixture
def ready(db: Database) -> Database:
    demo_letters.ensure_profile(db)
    return db


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The current folder, where `touch PWNED` would create its file."""
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def _with(target: Path, payload: str, kind: LetterKind = LetterKind.RECEIPT) -> Path:
    """The built-in template of `kind` with `payload` added after the salutation placeholder."""
    source = letters.builtin_template(kind)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert "{{ salutation }}" in text
                data = text.replace("{{ salutation }}", "{{ salutation }}" + payload).encode("utf-8")
            zout.writestr(item, data)
    return target


def _no_pwned(folder: Path) -> None:
    time.sleep(0.2)  # os.popen runs the command in the background: give it time to show
    assert not (folder / "PWNED").exists()


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_hostile_template_is_refused_when_loaded_and_nothing_runs(
    ready: Database, tmp_path: Path, workdir: Path, name: str
) -> None:
    hostile = _with(tmp_path / f"{name}.docx", PAYLOADS[name])
    started = time.monotonic()
    with pytest.raises(UserError) as caught:
        letters.load_template(ready, LetterKind.RECEIPT, hostile)
    assert time.monotonic() - started < 5
    assert "不允许的内容" in caught.value.message and f"{name}.docx" in caught.value.message
    assert not letters.custom_template(ready, LetterKind.RECEIPT).exists()
    _no_pwned(workdir)


def test_refusal_lists_each_forbidden_construct_in_chinese(tmp_path: Path, workdir: Path) -> None:
    with pytest.raises(UserError) as caught:
        check_template_syntax(_with(tmp_path / "a.docx", PWNED_COMMAND))
    message = caught.value.message
    for part in ("函数调用", "属性访问", "属性“.__globals__”", "属性“.popen”", "Jinja内部对象“cycler”"):
        assert part in message
    with pytest.raises(UserError) as caught:
        check_template_syntax(_with(tmp_path / "b.docx", PAYLOADS["range-loop"]))
    assert "{% for %}循环只能遍历占位符" in caught.value.message and "运算" in caught.value.message
    with pytest.raises(UserError) as caught:
        check_template_syntax(_with(tmp_path / "c.docx", PAYLOADS["nested-loops"]))
    assert caught.value.details == ["嵌套的{% for %}循环"]
    with pytest.raises(UserError) as caught:
        check_template_syntax(_with(tmp_path / "d.docx", PAYLOADS["attr-filter"] + PAYLOADS["set-statement"]))
    assert "过滤器“|attr”" in caught.value.message and "{% set %}语句" in caught.value.message
    _no_pwned(workdir)


@pytest.mark.parametrize("name", ["cycler-popen", "self-globals", "range-loop", "nested-loops"])
def test_template_smuggled_into_the_folder_is_refused_when_rendered(
    ready: Database, tmp_path: Path, workdir: Path, name: str
) -> None:
    smuggled = letters.custom_template(ready, LetterKind.RECEIPT)
    smuggled.parent.mkdir(parents=True, exist_ok=True)
    _with(smuggled, PAYLOADS[name])
    number = demo_letters.register(ready)
    with pytest.raises(UserError, match="不允许的内容"):
        letters.generate(ready, number, LetterKind.RECEIPT, today=TODAY)
    _no_pwned(workdir)
    assert letters.list_letters(ready, number=number) == []  # nothing registered, no file written
    folder = letters.letters_dir(ready)
    assert not folder.exists() or not list(folder.rglob("*.docx"))


def test_sandbox_refuses_calls_and_attributes_even_without_the_check(workdir: Path) -> None:
    env = LetterSandbox()
    for source in (PWNED_COMMAND, "{{ x.__class__ }}", "{{ x['__class__'] }}"):
        with pytest.raises(SecurityError):
            env.from_string(source).render(x="张三")
    assert env.from_string("{{ range }}{{ cycler }}").render() == ""  # no Jinja globals at all
    assert env.from_string("{{ x }}").render(x="张三 <&>") == "张三 &lt;&amp;&gt;"  # autoescape
    _no_pwned(workdir)


def test_plain_placeholders_if_loops_and_harmless_filters_still_render(ready: Database, tmp_path: Path) -> None:
    allowed = "{% if contact %}（{{ applicant|trim }}）{% endif %}{{ attachment_rest|join('、')|default('无') }}"
    edited = _with(tmp_path / "ok.docx", allowed)
    letters.load_template(ready, LetterKind.RECEIPT, edited)
    number = demo_letters.register(ready)
    result = letters.generate(ready, number, LetterKind.RECEIPT, today=TODAY)
    with zipfile.ZipFile(result.path) as archive:
        assert "张三：（张三）" in archive.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_builtin_template_passes_the_check(kind: LetterKind) -> None:
    check_template_syntax(letters.builtin_template(kind))


def test_corrupt_docx_is_a_chinese_error_naming_the_file(ready: Database, tmp_path: Path) -> None:
    not_zip = tmp_path / "不是压缩包.docx"
    not_zip.write_bytes(b"PK\x03\x04 truncated")
    broken_xml = tmp_path / "坏的XML.docx"
    source = letters.builtin_template(LetterKind.RECEIPT)
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken_xml, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    for path in (not_zip, broken_xml):
        with pytest.raises(UserError) as caught:
            check_template_syntax(path)
        assert path.name in caught.value.message
        with pytest.raises(UserError) as caught:
            letters.load_template(ready, LetterKind.RECEIPT, path)
        assert path.name in caught.value.message
    # A corrupt file placed in the templates folder: the letter is refused with the file's name, no traceback.
    smuggled = letters.custom_template(ready, LetterKind.RECEIPT)
    smuggled.parent.mkdir(parents=True, exist_ok=True)
    smuggled.write_bytes(broken_xml.read_bytes())
    number = demo_letters.register(ready)
    with pytest.raises(UserError) as caught:
        letters.generate(ready, number, LetterKind.RECEIPT, today=TODAY)
    assert template_name(LetterKind.RECEIPT) in caught.value.message
