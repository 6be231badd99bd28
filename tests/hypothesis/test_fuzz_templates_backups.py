"""Property-based tests of the two readers of files that come from elsewhere and may be hostile or damaged: a
unit's letter template (random placeholder text and Jinja fragments in a real .docx body, random bytes as .docx)
and a backup (random bytes; a real backup with random damage to the zip or to one of its members). Whatever the
file, the answer is the project's own UserError naming it, a refused template leaves the template in use as it
was, and a refused restore leaves the database file byte for byte as it was."""

from __future__ import annotations

import hashlib
import html
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from models.db import Database
from models.domain.errors import UserError
from models.domain.letters import LetterKind
from models.migrate import open_database
from models.services import applications, backup, letters
from models.services.applications import ApplicationInput
from tests.hypothesis.fuzz import budget, user_error_or_value

# -- letter templates ----------------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "{{ ", " }}", "{{", "}}", "{%", "%}", "{%p ", "{%tr ", "{#", "#}", "if ", "for x in ", "endfor", "endif",
        "else", "remedy", "salutation", "unit_name", "number", "date", "body", "x", "|", "upper", "safe", ".",
        "__class__", "()", "[", "]", "'", '"', "cycler", "range(10**8)", "self", "~", "*", "-", " ", "。", "张三",
    ]
)  # fmt: skip
_PAYLOAD = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=14).map("".join)


@pytest.fixture
def template_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "模板.db")
    try:
        yield database
    finally:
        database.close()


def _template_with(target: Path, kind: LetterKind, payload: str, *, escape: bool) -> Path:
    """The built-in template of `kind` with `payload` added after its salutation placeholder (escaped for XML, or
    raw, which may break the document's XML)."""
    text = html.escape(payload, quote=False) if escape else payload
    with zipfile.ZipFile(letters.builtin_template(kind)) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode("utf-8").replace("{{ salutation }}", "{{ salutation }}" + text, 1).encode("utf-8")
            zout.writestr(item, data)
    return target


def _fingerprint(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@budget(40)
@given(st.sampled_from([LetterKind.RECEIPT, LetterKind.REPLY]), _PAYLOAD, st.booleans())
@example(LetterKind.RECEIPT, "{{ cycler.__init__.__globals__.os }}", True)
@example(LetterKind.REPLY, "{% if remedy %}{% endif %}{{ remedy|upper }}", True)
@example(LetterKind.RECEIPT, "{{ x <w:p> & }}", False)  # raw markup: the document's XML is broken
@example(LetterKind.RECEIPT, "{% for x in range(10**8) %}{% endfor %}", True)
def test_a_template_with_random_placeholders_is_loaded_or_refused_leaving_the_old_one(
    template_db: Database, tmp_path: Path, kind: LetterKind, payload: str, escape: bool
) -> None:
    file = _template_with(tmp_path / "本单位模板.docx", kind, payload, escape=escape)
    in_use = letters.custom_template(template_db, kind)
    before = _fingerprint(in_use)
    outcome = user_error_or_value(lambda: letters.load_template(template_db, kind, file))
    if isinstance(outcome, UserError):
        assert _fingerprint(in_use) == before, "a refused template replaced the one in use"
        assert "本单位模板.docx" in outcome.full_text() or str(file) in outcome.full_text()
    else:
        assert _fingerprint(in_use) == _fingerprint(file)


@budget(30)
@given(st.one_of(st.binary(max_size=64), st.binary(max_size=64).map(lambda b: b"PK\x03\x04" + b)))
@example(b"")
def test_random_bytes_as_a_template_are_a_user_error_and_nothing_is_loaded(
    template_db: Database, tmp_path: Path, data: bytes
) -> None:
    file = tmp_path / "随机.docx"
    file.write_bytes(data)
    with pytest.raises(UserError):
        letters.load_template(template_db, LetterKind.RECEIPT, file)
    assert not letters.custom_template(template_db, LetterKind.RECEIPT).exists()


# -- backups -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real, verified backup of a database holding one application, and that database (closed)."""
    folder = tmp_path_factory.mktemp("backup")
    database = open_database(folder / "原库.db")
    try:
        form = ApplicationInput(
            received=date(2025, 9, 22), channel="当面", applicant_type="自然人", applicant_name="王小明",
            content="申请公开2025年白鹤镇道路硬化工程的招标文件", delivery_form="纸质",
        )  # fmt: skip
        applications.register(database, form, today=date(2025, 9, 22))
        path = backup.backup_to(database, folder / "备份.zip")
    finally:
        database.close()
    return path, folder / "原库.db"


def _refused_restore_leaves_the_database(damaged: Path, folder: Path, database: Path) -> None:
    """The backup is refused by verify, by restore too, and the database and its folder stay as they were."""
    db_bytes = database.read_bytes()
    outcome = user_error_or_value(lambda: backup.verify_backup(damaged))
    if not isinstance(outcome, UserError):
        return  # the damage missed everything that matters (restoring a good backup is tested elsewhere)
    assert damaged.name in outcome.full_text()
    target = folder / "在用.db"
    target.write_bytes(db_bytes)
    listing = sorted(p.name for p in folder.iterdir())
    with pytest.raises(UserError):
        backup.restore_backup(damaged, target)
    assert target.read_bytes() == db_bytes, "a refused restore changed the database"
    assert sorted(p.name for p in folder.iterdir()) == listing


@budget(30)
@given(st.binary(max_size=80))
@example(b"")
@example(b"PK\x05\x06" + b"\x00" * 18)  # an empty zip
def test_random_bytes_as_a_backup_are_refused_and_restore_writes_nothing(
    saved: tuple[Path, Path], tmp_path: Path, data: bytes
) -> None:
    damaged = tmp_path / "随机备份.zip"
    damaged.write_bytes(data)
    with pytest.raises(UserError):
        backup.verify_backup(damaged)
    _refused_restore_leaves_the_database(damaged, tmp_path, saved[1])


@budget(50)
@given(
    st.sampled_from(["truncate", "overwrite", "insert"]),
    st.floats(min_value=0, max_value=1),
    st.binary(min_size=1, max_size=16),
)
@example("truncate", 0.5, b"\x00")
def test_a_damaged_backup_file_is_refused_and_restore_writes_nothing(
    saved: tuple[Path, Path], tmp_path: Path, how: str, where: float, noise: bytes
) -> None:
    raw = saved[0].read_bytes()
    cut = int(where * len(raw))
    if how == "truncate":
        data = raw[:cut]
    elif how == "overwrite":
        data = raw[:cut] + noise + raw[cut + len(noise) :]
    else:
        data = raw[:cut] + noise + raw[cut:]
    damaged = tmp_path / "损坏备份.zip"
    damaged.write_bytes(data)
    _refused_restore_leaves_the_database(damaged, tmp_path, saved[1])


_MANIFESTS = [b"[]", b"{}", b'{"database": 1}', b'{"counts": {"x": "y"}}', b'{"counts": {"application": 9}}']


@budget(50)
@given(
    st.integers(min_value=0, max_value=100),
    st.sampled_from(["truncate", "overwrite", "delete", "replace"]),
    st.floats(min_value=0, max_value=1),
    st.binary(min_size=1, max_size=16),
    st.sampled_from(_MANIFESTS),
)
# found by fuzzing: a backup whose manifest.json (members sorted: manifest first) is missing or is "{}" ended in
# KeyError 'created'; counts that are not numbers in ValueError
@example(0, "delete", 0.0, b"\x00", b"[]")
@example(0, "replace", 0.0, b"\x00", b"{}")
@example(0, "replace", 0.0, b"\x00", b'{"created": "2025-09-22T08:00:00", "counts": {"x": "y"}}')
def test_a_backup_with_a_damaged_member_is_refused_and_restore_writes_nothing(
    saved: tuple[Path, Path], tmp_path: Path, pick: int, how: str, where: float, noise: bytes, other: bytes
) -> None:
    """A well-formed zip (CRCs right) whose database or manifest was changed: the checksums and the integrity
    check must catch it."""
    with zipfile.ZipFile(saved[0]) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    name = sorted(members)[pick % len(members)]
    raw = members[name]
    cut = int(where * len(raw))
    if how == "delete":
        del members[name]
    elif how == "truncate":
        members[name] = raw[:cut]
    elif how == "overwrite":
        members[name] = raw[:cut] + noise + raw[cut + len(noise) :]
    else:
        members[name] = other
    damaged = tmp_path / "改动备份.zip"
    with zipfile.ZipFile(damaged, "w") as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    _refused_restore_leaves_the_database(damaged, tmp_path, saved[1])
