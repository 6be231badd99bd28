"""Issue 13, offline units: a unit on SQLite exports a sync package; the county database (SQLite, or PostgreSQL with
DISCLOSURE_DESK_TEST_DB=postgresql) imports it idempotently, lists conflicts and refuses a damaged package whole.

The unit's data is the demo database (every register) plus one attachment of each kind, made once per module."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select, text

from models.db import Database
from models.domain.errors import UserError
from models.migrate import open_database

REGISTER_TABLES = (  # every register table and its children (issue 13 "Offline units")
    "catalogue_node",
    "document",
    "document_review",
    "document_review_decision",
    "document_attachment",
    "application",
    "application_event",
    "attachment",
    "letter",
    "solicitation",
    "interpretation",
    "interpretation_form",
    "interpretation_attachment",
    "plan_task",
)
SERVER_OWN = {"id", "unit_id", "stored_path"}  # given by the importing database, not carried over as is


@pytest.fixture(scope="module")
def unit_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A unit's SQLite database with records in every register and one file attached to each kind of record."""
    from models.services import attachments, document_attachments, interpretations
    from models.services.demo import seed_demo

    folder = tmp_path_factory.mktemp("unit")
    path = folder / "unit.db"
    unit = open_database(path)
    try:
        seed_demo(unit, today=date(2026, 11, 20))
        scan = folder / "申请书扫描件.pdf"
        scan.write_bytes(b"%PDF-1.4 scanned application \x00\x01\x02")
        with unit.reading() as session:
            number = session.execute(text("SELECT number FROM application ORDER BY id LIMIT 1")).scalar_one()
            document_id = session.execute(text("SELECT min(id) FROM document")).scalar_one()
            interpretation_id = session.execute(text("SELECT min(id) FROM interpretation")).scalar_one()
        attachments.add_attachment(unit, number, scan, "申请书扫描件")
        signed = folder / "正式文件.docx"
        signed.write_bytes(b"signed document bytes")
        document_attachments.add_document_attachment(unit, document_id, signed, "正式文件")
        chart = folder / "图解.png"
        chart.write_bytes(b"\x89PNG chart")
        interpretations.add_attachment(unit, interpretation_id, chart, interpretations.ATTACHMENT_KINDS[0])
    finally:
        unit.close()
    return path


@pytest.fixture
def unit_db(unit_template: Path, tmp_path: Path) -> Any:
    folder = tmp_path / "township"
    shutil.copytree(unit_template.parent, folder)
    database = open_database(folder / "unit.db")
    yield database
    database.close()


def unit_facts(unit_db: Database) -> tuple[str, str]:
    with unit_db.reading() as session:
        row = session.execute(text("SELECT uuid, code FROM unit ORDER BY id LIMIT 1")).one()
    return row.uuid, row.code


@pytest.fixture
def county(db: Database, unit_db: Database) -> Database:
    """The county database with the township's unit added (by its uuid), as `units add … --uuid` does."""
    from models.services import units

    unit_uuid, _ = unit_facts(unit_db)
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府", unit_uuid=unit_uuid)
    return db


def snapshot(database: Database, unit_uuid: str) -> dict[str, dict[str, dict[str, Any]]]:
    """Every register record of the unit, by table and uuid: its columns, references written as the referenced
    record's uuid (independent of the code under test)."""
    meta = MetaData()
    out: dict[str, dict[str, dict[str, Any]]] = {}
    with database.engine.connect() as connection:
        meta.reflect(connection, only=[*REGISTER_TABLES, "unit"])
        unit_id = connection.execute(select(meta.tables["unit"].c.id).where(meta.tables["unit"].c.uuid == unit_uuid))
        unit_id = unit_id.scalar_one()
        uuids: dict[str, dict[int, str]] = {}
        for name in REGISTER_TABLES:
            table = meta.tables[name]
            uuids[name] = {row.id: row.uuid for row in connection.execute(select(table.c.id, table.c.uuid))}
        for name in REGISTER_TABLES:
            table = meta.tables[name]
            rows = {}
            for row in connection.execute(select(table)).mappings():
                if "unit_id" in row and row["unit_id"] != unit_id:
                    continue
                values = {}
                for column in table.c:
                    if column.name in SERVER_OWN:
                        continue
                    value = row[column.name]
                    if column.foreign_keys and value is not None:
                        value = uuids[next(iter(column.foreign_keys)).column.table.name][value]
                    values[column.name] = value
                rows[row["uuid"]] = values
            out[name] = rows
    return out


def database_fingerprint(database: Database) -> tuple[dict[str, int], str]:
    """Row counts of every table and a hash of every row's content: 'the database is unchanged'."""
    meta = MetaData()
    counts, digest = {}, hashlib.sha256()
    with database.engine.connect() as connection:
        meta.reflect(connection)
        for name in sorted(meta.tables):
            if name.startswith("application_fts") or name == "alembic_version":
                continue
            rows = sorted(repr(tuple(r)) for r in connection.execute(select(meta.tables[name])))
            counts[name] = len(rows)
            for row in rows:
                digest.update(row.encode())
    return counts, digest.hexdigest()


def export(unit_db: Database, out: Path, **options: Any) -> Any:
    from models.services.sync import export_package

    out.mkdir(exist_ok=True)
    return export_package(unit_db, out, **options)


def import_(county: Database, path: Path) -> Any:
    from models.services.sync import import_package

    return import_package(county, path)


def edit(database: Database, statement: str, **params: Any) -> None:
    with database.transaction() as session:
        session.execute(text(statement), params)


# -- round trip -------------------------------------------------------------------------------------------------


def test_round_trip_every_register_and_attachment_arrive_equal(unit_db: Database, county: Database, tmp_path: Path):
    unit_uuid, _ = unit_facts(unit_db)
    result = export(unit_db, tmp_path / "usb")
    imported = import_(county, result.path)

    sent = snapshot(unit_db, unit_uuid)
    assert all(sent[name] for name in REGISTER_TABLES), {n: len(r) for n, r in sent.items()}  # every register
    arrived = snapshot(county, unit_uuid)
    # the county's own 主动公开目录 stays beside the unit's (catalogue nodes are not yet per unit)
    arrived["catalogue_node"] = {k: v for k, v in arrived["catalogue_node"].items() if k in sent["catalogue_node"]}
    assert arrived == sent
    assert (imported.inserted, imported.updated, imported.conflicts) == (sum(map(len, sent.values())), 0, [])
    from models.services.attachments import stored_absolute

    with county.reading() as session:
        stored = session.execute(text("SELECT stored_path, sha256 FROM attachment")).one()
    assert stored_absolute(county, stored.stored_path).read_bytes() == b"%PDF-1.4 scanned application \x00\x01\x02"


def test_round_trip_numbers_on_the_server_stay_ahead_of_imported_numbers(
    unit_db: Database, county: Database, tmp_path: Path
):
    from models.services import units

    import_(county, export(unit_db, tmp_path / "usb").path)
    with unit_db.reading() as session:
        year, top = session.execute(
            text("SELECT year, max(seq) FROM application GROUP BY year ORDER BY year DESC")
        ).first()
    units.choose(county, "石桥镇")
    with county.transaction() as session:
        assert units.next_number(session, f"application:{year}") == top + 1


# -- idempotent -------------------------------------------------------------------------------------------------


def test_importing_the_same_package_twice_changes_nothing_and_says_so(
    unit_db: Database, county: Database, tmp_path: Path
):
    package = export(unit_db, tmp_path / "usb").path
    first = import_(county, package)
    before = database_fingerprint(county)
    again = import_(county, package)
    assert again.already_imported and (again.inserted, again.updated, again.conflicts) == (0, 0, [])
    assert again.unchanged == first.inserted
    assert database_fingerprint(county) == before


def test_a_full_package_sent_again_finds_every_record_unchanged(unit_db: Database, county: Database, tmp_path: Path):
    import_(county, export(unit_db, tmp_path / "usb").path)
    resent = import_(county, export(unit_db, tmp_path / "usb", since_last=False).path)
    assert (resent.inserted, resent.updated, resent.conflicts) == (0, 0, [])
    assert resent.unchanged > 200


# -- since the last package -------------------------------------------------------------------------------------


def test_second_since_last_package_holds_only_what_changed_after_the_first(unit_db: Database, tmp_path: Path):
    first = export(unit_db, tmp_path / "usb")
    assert first.full and first.seq == 1
    edit(unit_db, "UPDATE application SET note = '已电话联系申请人' WHERE id = (SELECT min(id) FROM application)")
    edit(unit_db, "UPDATE plan_task SET note = '已在门户网站发布' WHERE id = (SELECT min(id) FROM plan_task)")
    second = export(unit_db, tmp_path / "usb")
    assert (second.full, second.seq, second.counts) == (False, 2, {"application": 1, "plan_task": 1})
    with zipfile.ZipFile(second.path) as archive:
        records = json.loads(archive.read("records/application.json"))
        manifest = json.loads(archive.read("manifest.json"))
    assert [r["fields"]["note"] for r in records] == ["已电话联系申请人"]
    assert manifest["range"]["previous_package_uuid"] == first.package_uuid
    assert export(unit_db, tmp_path / "usb").records == 0


def test_an_export_cut_short_leaves_no_file_and_does_not_move_the_watermark(
    unit_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from models.services import sync_export

    def usb_pulled_out(target: Path, *_args: Any) -> None:
        target.write_bytes(b"PK\x03\x04 half")
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(sync_export, "write_package", usb_pulled_out)
    with pytest.raises(UserError, match="同步包没有写成"):
        export(unit_db, tmp_path / "usb")
    assert list((tmp_path / "usb").iterdir()) == []
    monkeypatch.undo()
    assert export(unit_db, tmp_path / "usb").full  # the next package still holds everything


# -- conflicts --------------------------------------------------------------------------------------------------


def test_a_record_changed_on_both_sides_is_listed_as_a_conflict_and_not_written(
    unit_db: Database, county: Database, tmp_path: Path
):
    unit_uuid, _ = unit_facts(unit_db)
    import_(county, export(unit_db, tmp_path / "usb").path)
    with unit_db.reading() as session:
        first, other = session.execute(text("SELECT number FROM application ORDER BY id LIMIT 2")).scalars().all()
    edit(unit_db, "UPDATE application SET note = '单位：已补正' WHERE number = :n", n=first)
    edit(unit_db, "UPDATE application SET note = '单位：已送达' WHERE number = :n", n=other)
    edit(county, "UPDATE application SET note = '县里：请核实' WHERE number = :n", n=first)

    result = import_(county, export(unit_db, tmp_path / "usb").path)

    assert [(c.record, c.field, c.server, c.package) for c in result.conflicts] == [
        (f"申请 {first}", "note", "县里：请核实", "单位：已补正")
    ]
    assert (result.updated, result.conflict_records) == (1, 1)
    notes = {
        r["number"]: r["note"]
        for r in snapshot(county, unit_uuid)["application"].values()
        if r["number"] in (first, other)
    }
    assert notes == {first: "县里：请核实", other: "单位：已送达"}


# -- refused whole ----------------------------------------------------------------------------------------------


def rewrite(source: Path, target: Path, change: Any) -> Path:
    """Copy a package member by member, letting `change(members)` alter the dict of name → bytes."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    change(members)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def reseal(members: dict[str, bytes], manifest: dict[str, Any]) -> None:
    """Write `manifest` with a matching manifest.sha256 (a forger who recomputes the manifest's own checksum)."""
    data = json.dumps(manifest, ensure_ascii=False).encode()
    members["manifest.json"] = data
    members["manifest.sha256"] = hashlib.sha256(data).hexdigest().encode()


def one_byte_changed(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("records/application.json")
    data[info.header_offset + 30 + len(info.filename.encode()) + 10] ^= 0x01  # inside the member's data
    target.write_bytes(bytes(data))
    return target


def truncated(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_bytes()[: source.stat().st_size * 2 // 3])
    return target


def member_removed(source: Path, target: Path) -> Path:
    return rewrite(source, target, lambda members: members.pop("records/letter.json"))


def forged_manifest(source: Path, target: Path) -> Path:
    """A record altered and its member's checksum updated in the manifest (manifest.sha256 left as it was)."""

    def change(members: dict[str, bytes]) -> None:
        records = json.loads(members["records/application.json"])
        records[0]["fields"]["applicant_name"] = "王五"
        members["records/application.json"] = json.dumps(records, ensure_ascii=False).encode()
        manifest = json.loads(members["manifest.json"])
        data = members["records/application.json"]
        manifest["members"]["records/application.json"] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
        members["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode()

    return rewrite(source, target, change)


def forged_and_resealed(source: Path, target: Path) -> Path:
    """The same forgery with the manifest's own checksum recomputed: the record's hash still gives it away."""

    def change(members: dict[str, bytes]) -> None:
        records = json.loads(members["records/application.json"])
        records[0]["fields"]["applicant_name"] = "王五"
        members["records/application.json"] = data = json.dumps(records, ensure_ascii=False).encode()
        manifest = json.loads(members["manifest.json"])
        manifest["members"]["records/application.json"] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
        reseal(members, manifest)

    return rewrite(source, target, change)


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (one_byte_changed, "records/application.json"),
        (truncated, "不完整"),
        (member_removed, "records/letter.json"),
        (forged_manifest, "manifest.json"),
        (forged_and_resealed, "第1条记录：记录内容与其校验值（hash）不符"),
    ],
    ids=["one-byte-changed", "truncated", "member-removed", "forged-manifest", "forged-and-resealed"],
)
def test_a_damaged_package_is_refused_whole_and_nothing_is_written(
    unit_db: Database, county: Database, tmp_path: Path, damage: Any, named: str
):
    import_(county, export(unit_db, tmp_path / "usb").path)
    edit(unit_db, "UPDATE application SET note = '第二批' WHERE id = (SELECT min(id) FROM application)")
    edit(unit_db, "UPDATE letter SET title = '第二批' WHERE id = (SELECT min(id) FROM letter)")
    good = export(unit_db, tmp_path / "usb").path
    bad = damage(good, tmp_path / "坏包.zip")
    before = database_fingerprint(county)
    with pytest.raises(UserError) as refused:
        import_(county, bad)
    assert "同步包“坏包.zip”被拒绝，未导入任何内容" in str(refused.value)
    assert named in str(refused.value)
    assert database_fingerprint(county) == before


def test_an_unknown_format_version_is_refused(unit_db: Database, county: Database, tmp_path: Path):
    good = export(unit_db, tmp_path / "usb").path

    def newer(members: dict[str, bytes]) -> None:
        reseal(members, {**json.loads(members["manifest.json"]), "format_version": 2})

    before = database_fingerprint(county)
    with pytest.raises(UserError, match="格式版本 2 不受支持"):
        import_(county, rewrite(good, tmp_path / "新版本.zip", newer))
    assert database_fingerprint(county) == before


def test_a_record_with_a_wrong_field_is_refused_naming_member_record_and_field(
    unit_db: Database, county: Database, tmp_path: Path
):
    good = export(unit_db, tmp_path / "usb").path

    def bad_date(members: dict[str, bytes]) -> None:
        records = json.loads(members["records/application.json"])
        records[1]["fields"]["received"] = "2026-02-30"
        members["records/application.json"] = data = json.dumps(records, ensure_ascii=False).encode()
        manifest = json.loads(members["manifest.json"])
        manifest["members"]["records/application.json"] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
        reseal(members, manifest)

    before = database_fingerprint(county)
    with pytest.raises(UserError) as refused:
        import_(county, rewrite(good, tmp_path / "日期.zip", bad_date))
    assert "成员 records/application.json 第2条记录：字段 received：应为日期" in str(refused.value)
    assert database_fingerprint(county) == before


def test_a_package_of_a_unit_unknown_here_is_refused_telling_to_add_the_unit(
    unit_db: Database, db: Database, tmp_path: Path
):
    unit_uuid, code = unit_facts(unit_db)
    package = export(unit_db, tmp_path / "usb").path
    before = database_fingerprint(db)
    with pytest.raises(UserError) as refused:
        import_(db, package)
    assert f"units add {code}" in str(refused.value) and f"--uuid {unit_uuid}" in str(refused.value)
    assert database_fingerprint(db) == before


# -- deletions --------------------------------------------------------------------------------------------------


def test_an_application_deleted_on_the_unit_is_deleted_on_the_server_unless_changed_there(
    unit_db: Database, county: Database, tmp_path: Path
):
    from models.services import applications

    def register(name: str) -> str:
        data = applications.ApplicationInput(received=date(2026, 11, 2), applicant_name=name, content="申请公开某合同")
        return applications.register(unit_db, data, today=date(2026, 11, 23)).number

    mistaken, kept_here = register("张三"), register("李四")
    import_(county, export(unit_db, tmp_path / "usb").path)
    applications.delete_application(unit_db, mistaken)
    applications.delete_application(unit_db, kept_here)
    edit(county, "UPDATE application SET note = '县里：已电话核实' WHERE number = :n", n=kept_here)

    result = import_(county, export(unit_db, tmp_path / "usb").path)

    with county.reading() as session:
        numbers = set(session.execute(text("SELECT number FROM application")).scalars())
    assert mistaken not in numbers and kept_here in numbers
    assert [(c.record, c.field) for c in result.conflicts] == [(f"申请 {kept_here}", "（已在单位删除）")]


def test_a_number_the_server_gave_another_record_refuses_the_package_whole(
    unit_db: Database, county: Database, tmp_path: Path
):
    import_(county, export(unit_db, tmp_path / "usb").path)
    with unit_db.reading() as session:
        number = session.execute(text("SELECT number FROM application ORDER BY id LIMIT 1")).scalar_one()
    # the county registered its own record under the unit's number (another uuid)
    edit(county, "UPDATE application SET uuid = '00000000-0000-4000-8000-000000000001' WHERE number = :n", n=number)
    before = database_fingerprint(county)
    with pytest.raises(UserError, match="写入时与本数据库已有的记录冲突.*已全部撤销"):
        import_(county, export(unit_db, tmp_path / "usb", since_last=False).path)
    assert database_fingerprint(county) == before
