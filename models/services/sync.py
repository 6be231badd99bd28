"""Offline units (issue 13), the county's side: importing a unit's sync package (the unit's side, the export, is
`models.services.sync_export`; the file format `sync_package`; the records `sync_records`).

The import checks the whole package first (`sync_package.read_package`, the unit, every reference), then applies
it in one transaction: new records are inserted (ids given by the server, references mapped by uuid), changed
ones updated, records deleted on the unit deleted; a record whose server copy changed since the package's base is
a conflict — listed field by field, not written (nor the records that belong to it). Importing a package a second
time changes nothing (its uuid is recorded). The unit's number sequences here stay ahead of its imported numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from models.db import Database
from models.entities import Base, NumberSequence, SyncPackage, Unit
from models.services import units
from models.services.sync_export import IMPORTED, ExportResult, Progress, chunks, export_package, no_progress, safe_name
from models.services.sync_package import Package, PackageError, read_package
from models.services.sync_records import SPECS, TableSpec, column_value, record_label, row_record, unhashed

__all__ = ["Conflict", "ExportResult", "ImportResult", "export_package", "import_package"]


@dataclass(frozen=True)
class Conflict:
    table: str
    uuid: str
    record: str  # what the clerk knows it by
    field: str
    server: Any
    package: Any


@dataclass
class ImportResult:
    package: str  # the file name
    package_uuid: str
    unit: units.UnitInfo
    already_imported: bool = False
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    files: int = 0
    missing_previous: bool = False  # the unit's previous package was never imported here

    @property
    def conflict_records(self) -> int:
        return len({c.uuid for c in self.conflicts})

    def summary(self) -> str:
        deleted = f"、删除 {self.deleted}" if self.deleted else ""
        return (
            f"新增 {self.inserted}、更新 {self.updated}、未变 {self.unchanged}{deleted}、冲突 {self.conflict_records}"
        )


# -- import -----------------------------------------------------------------------------------------------------


@dataclass
class _Plan:
    inserts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    deletes: dict[str, list[int]] = field(default_factory=dict)  # table → server ids
    updates: dict[str, list[tuple[int, int, dict[str, Any]]]] = field(default_factory=dict)  # (id, version, record)


class _Keys:
    """uuid ↔ id of the server's records, looked up in chunks and remembered."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.ids: dict[str, dict[str, int]] = {}
        self.units: dict[str, dict[str, int | None]] = {}

    def lookup(self, table_name: str, uuids: Iterable[str]) -> None:
        known = self.ids.setdefault(table_name, {})
        owners = self.units.setdefault(table_name, {})
        wanted = sorted({u for u in uuids if u not in known})
        table = Base.metadata.tables[table_name]
        unit = table.c.unit_id if "unit_id" in table.c else None
        for chunk in chunks(wanted):
            columns = [table.c.id, table.c.uuid] + ([unit] if unit is not None else [])
            for row in self.connection.execute(select(*columns).where(table.c.uuid.in_(chunk))):
                known[row.uuid] = row.id
                owners[row.uuid] = row.unit_id if unit is not None else None

    def id_of(self, table_name: str, record_uuid: str) -> int | None:
        return self.ids.get(table_name, {}).get(record_uuid)


def import_package(db: Database, path: Path, *, progress: Progress = no_progress) -> ImportResult:
    """Check the package at `path` whole, then apply it in one transaction (see the module docstring)."""
    from models.services.attachments import _attachments_root

    progress("正在校验同步包……")
    package = read_package(Path(path))
    name, manifest = Path(path).name, package.manifest
    unit_facts = manifest["unit"]
    with db.transaction() as session:
        connection = session.connection()
        unit_row = connection.execute(select(Unit).where(Unit.uuid == unit_facts["uuid"])).first()
        if unit_row is None:
            raise PackageError(
                f"同步包“{name}”被拒绝，未导入任何内容：它来自单位“{unit_facts['code']}”"
                f"（{unit_facts['name'] or '未填写全称'}，uuid {unit_facts['uuid']}），本数据库中没有这个单位。"
                f"请先添加该单位：units add {unit_facts['code']} {unit_facts['name'] or ''} --uuid {unit_facts['uuid']}"
            )
        unit = units.UnitInfo(unit_row.id, unit_row.uuid, unit_row.code, unit_row.name)
        result = ImportResult(name, manifest["package_uuid"], unit)
        done = connection.execute(
            select(SyncPackage.id).where(
                SyncPackage.uuid == manifest["package_uuid"], SyncPackage.direction == IMPORTED
            )
        ).first()
        if done is not None:
            result.already_imported = True
            result.unchanged = sum(len(rows) for rows in package.records.values())
            return result
        previous = manifest["range"].get("previous_package_uuid")
        if previous:
            known = connection.execute(select(SyncPackage.id).where(SyncPackage.uuid == previous)).first()
            result.missing_previous = known is None
        progress("正在比对记录……")
        keys = _Keys(connection)
        plan = _plan(connection, keys, package, unit.id, result, refuse=lambda d: _refusal(name, d))
        progress("正在写入……")
        try:
            _apply(connection, keys, plan, unit.id, f"同步-{safe_name(unit.code)}")
            _apply_deletions(connection, plan)
        except IntegrityError as error:  # e.g. a number the server already gave another record of the unit
            raise _refusal(name, f"写入时与本数据库已有的记录冲突（{_constraint(error)}），已全部撤销") from None
        # the files last, before the commit: a refused package writes none (a file is named by its content, so
        # one left by a failed commit is the same file the next import would write)
        result.files = _store_files(package, plan, _attachments_root(db) / f"同步-{safe_name(unit.code)}")
        _keep_numbers_ahead(connection, unit.id, plan)
        summary = {"inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged,
                   "deleted": result.deleted, "conflicts": result.conflict_records}  # fmt: skip
        connection.execute(
            insert(SyncPackage),
            {"uuid": manifest["package_uuid"], "direction": IMPORTED, "unit_id": unit.id,
             "seq": manifest["range"]["seq"], "created": datetime.fromisoformat(manifest["created"]),
             "file_name": name[:500], "summary": summary},
        )  # fmt: skip
        from models.audit_capture import write_entries

        write_entries(db, session, [{"action": "同步导入", "table_name": "sync_package", "record": name[:100],
                                     "changes": {}, "detail": f"单位 {unit.code}：{result.summary()}"}])  # fmt: skip
    return result


def _constraint(error: IntegrityError) -> str:
    text = str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)
    return text[:200]


def _refusal(name: str, detail: str) -> PackageError:
    return PackageError(f"同步包“{name}”被拒绝，未导入任何内容：{detail}")


def _plan(  # noqa: C901 - one pass over the tables in order
    connection: Connection,
    keys: _Keys,
    package: Package,
    unit_id: int,
    result: ImportResult,
    *,
    refuse: Callable[[str], PackageError],
) -> _Plan:
    """Sort each record into insert, update, unchanged or conflict; refuse the package on a broken reference or a
    record of another unit (before anything is written)."""
    plan = _Plan()
    in_package = {spec.name: {r["uuid"] for r in package.records.get(spec.name, [])} for spec in SPECS}
    held: set[str] = set()  # conflicting records: the records that belong to them are not written either
    for spec in SPECS:
        records = package.records.get(spec.name, [])
        if not records:
            continue
        member = f"records/{spec.name}.json"
        keys.lookup(spec.name, (r["uuid"] for r in records))
        for column, target in spec.ref_columns.items():
            keys.lookup(target, (r["refs"][column] for r in records if r["refs"][column] is not None))
        existing = _server_records(connection, keys, spec, [r["uuid"] for r in records])
        for index, record in enumerate(records, start=1):
            for column, target in spec.ref_columns.items():
                ref = record["refs"][column]
                if ref is not None and keys.id_of(target, ref) is None and ref not in in_package[target]:
                    raise refuse(
                        f"成员 {member} 第{index}条记录引用的{target}记录（{ref}）既不在本包中，也不在本数据库中。"
                        "请先导入该单位更早的同步包"
                    )
            owner = keys.units.get(spec.name, {}).get(record["uuid"])
            if spec.owned and record["uuid"] in keys.ids.get(spec.name, {}) and owner != unit_id:
                raise refuse(f"成员 {member} 第{index}条记录（{record['uuid']}）在本数据库中属于另一个单位")
            label = record_label(spec.name, record["fields"])
            if spec.parent and record["refs"][spec.parent] in held:
                held.add(record["uuid"])
                result.conflicts.append(
                    Conflict(spec.name, record["uuid"], label, "（所属记录有冲突，暂不导入）", "", "")
                )
                continue
            server = existing.get(record["uuid"])
            if server is None:
                plan.inserts.setdefault(spec.name, []).append(record)
                result.inserted += 1
            elif server["hash"] == record["hash"]:
                result.unchanged += 1
            elif server["hash"] == record["base_hash"]:
                plan.updates.setdefault(spec.name, []).append((server["id"], server["version"], record))
                result.updated += 1
            else:
                held.add(record["uuid"])
                result.conflicts.extend(_differences(spec.name, label, server, record))
    _plan_deletions(connection, keys, package, unit_id, plan, result, refuse=refuse)
    return plan


def _plan_deletions(
    connection: Connection,
    keys: _Keys,
    package: Package,
    unit_id: int,
    plan: _Plan,
    result: ImportResult,
    *,
    refuse: Callable[[str], PackageError],
) -> None:
    """Records deleted on the unit: deleted here too when this copy is still what the unit last sent; a copy
    changed here since is a conflict (kept)."""
    by_table: dict[str, list[dict[str, Any]]] = {}
    for gone in package.deleted:
        by_table.setdefault(gone["table"], []).append(gone)
    for spec in SPECS:
        gone_here = by_table.get(spec.name, [])
        if not gone_here:
            continue
        existing = _server_records(connection, keys, spec, [g["uuid"] for g in gone_here])
        for gone in gone_here:
            server = existing.get(gone["uuid"])
            if server is None:
                result.unchanged += 1
                continue
            if spec.owned and keys.units.get(spec.name, {}).get(gone["uuid"], unit_id) != unit_id:
                raise refuse(f"删除清单中的记录（{gone['uuid']}）在本数据库中属于另一个单位")
            if server["hash"] == gone["base_hash"]:
                plan.deletes.setdefault(spec.name, []).append(server["id"])
                result.deleted += 1
            else:
                label = record_label(spec.name, server["fields"])
                result.conflicts.append(
                    Conflict(spec.name, gone["uuid"], label, "（已在单位删除）", "本库已修改", "删除")
                )


def _server_records(connection: Connection, keys: _Keys, spec: TableSpec, uuids: list[str]) -> dict[str, Any]:
    """The server's copies of `uuids` as records (with their id and version), by uuid."""
    table = spec.table
    rows: list[Any] = []
    for chunk in chunks(uuids):
        rows.extend(r._mapping for r in connection.execute(select(table).where(table.c.uuid.in_(chunk))))
    uuid_of: dict[str, dict[int, str]] = {}
    for column, target in spec.ref_columns.items():
        ids = sorted({row[column] for row in rows if row[column] is not None})
        target_table = Base.metadata.tables[target]
        found: dict[int, str] = {}
        for chunk in chunks(ids):
            query = select(target_table.c.id, target_table.c.uuid).where(target_table.c.id.in_(chunk))
            found.update((row.id, row.uuid) for row in connection.execute(query))
        uuid_of[target] = {**uuid_of.get(target, {}), **found}
    out = {}
    for row in rows:
        record = row_record(spec, row, uuid_of)
        record["id"], record["version"] = row["id"], row.get("version")
        out[record["uuid"]] = record
    return out


def _differences(table: str, label: str, server: dict[str, Any], record: dict[str, Any]) -> list[Conflict]:
    skip = unhashed(table)
    out = [
        Conflict(table, record["uuid"], label, name, server["fields"].get(name), value)
        for name, value in record["fields"].items()
        if name not in skip and server["fields"].get(name) != value
    ]
    out += [
        Conflict(table, record["uuid"], label, name, server["refs"].get(name), value)
        for name, value in record["refs"].items()
        if server["refs"].get(name) != value
    ]
    return out or [Conflict(table, record["uuid"], label, "（内容）", "", "")]


def _store_files(package: Package, plan: _Plan, folder: Path) -> int:
    """Copy the files of the new attachments into the server's attachment folder (content-addressed: a file that is
    already there is kept); returns how many were written."""
    from exporters.atomic_file import atomic_write

    written = 0
    for spec in SPECS:
        if not spec.has_file:
            continue
        for record in plan.inserts.get(spec.name, []):
            sha = record["fields"]["sha256"]
            if not package.has_file(sha):
                continue
            target = folder / _stored_name(record)
            if target.is_file():
                continue
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write(target, _writer(package.file_bytes(sha)), program="其他程序")
            written += 1
    return written


def _writer(data: bytes) -> Callable[[Path], object]:
    return lambda temp: temp.write_bytes(data)


def _stored_name(record: dict[str, Any]) -> str:
    return f"{record['fields']['sha256'][:12]}_{safe_name(record['fields']['original_name'])}"


def _values(spec: TableSpec, keys: _Keys, record: dict[str, Any], self_refs: bool) -> dict[str, Any]:
    values = {c.name: column_value(c, record["fields"][c.name]) for c in spec.field_columns}
    for column, target in spec.ref_columns.items():
        ref = record["refs"][column]
        if target == spec.name and not self_refs:
            values[column] = None  # set once the whole table is in (a record may refer to a later one)
        else:
            values[column] = None if ref is None else keys.id_of(target, ref)
    return values


def _apply(connection: Connection, keys: _Keys, plan: _Plan, unit_id: int, file_folder: str) -> None:
    for spec in SPECS:
        table = spec.table
        new = plan.inserts.get(spec.name, [])
        self_refs = [c for c, t in spec.ref_columns.items() if t == spec.name]
        if new:
            rows = []
            for record in new:
                values = _values(spec, keys, record, self_refs=False)
                if spec.owned:
                    values["unit_id"] = unit_id
                if spec.has_file:
                    values["stored_path"] = f"{file_folder}/{_stored_name(record)}"
                rows.append(values)
            connection.execute(insert(table), rows)
            keys.lookup(spec.name, (r["uuid"] for r in new))
        changed = plan.updates.get(spec.name, [])
        if changed:
            rows = []
            for row_id, version, record in changed:
                values = _values(spec, keys, record, self_refs=True)
                values.pop("uuid")
                if spec.has_file:
                    values.pop("stored_path")  # the server keeps its own copy's place
                if "version" in values:
                    values["version"] = (version or 0) + 1
                rows.append({"row_id": row_id, **{f"v_{k}": v for k, v in values.items()}})
            columns = [k[2:] for k in rows[0] if k.startswith("v_")]
            statement = (
                update(table)
                .where(table.c.id == bindparam("row_id"))
                .values({name: bindparam(f"v_{name}") for name in columns})
            )
            connection.execute(statement, rows)
        for column in self_refs:
            stamp = "updated_at" in table.c  # kept as the package has it (not the time of this fix)
            fixes = [
                {"row_id": keys.id_of(spec.name, r["uuid"]), "ref_id": keys.id_of(spec.name, r["refs"][column]),
                 **({"stamp": column_value(table.c.updated_at, r["fields"]["updated_at"])} if stamp else {})}
                for r in new
                if r["refs"][column] is not None
            ]  # fmt: skip
            values = {column: bindparam("ref_id"), **({"updated_at": bindparam("stamp")} if stamp else {})}
            if fixes:
                connection.execute(update(table).where(table.c.id == bindparam("row_id")).values(values), fixes)


def _apply_deletions(connection: Connection, plan: _Plan) -> None:
    for spec in reversed(SPECS):  # children before the records they belong to
        ids = plan.deletes.get(spec.name, [])
        for chunk in chunks(ids):
            connection.execute(delete(spec.table).where(spec.table.c.id.in_(chunk)))


def _keep_numbers_ahead(connection: Connection, unit_id: int, plan: _Plan) -> None:
    """The unit's number sequences on this database stay ahead of every imported number (a number allocated here
    later never repeats one the unit handed out)."""
    for table_name, series in (("application", "application"), ("letter", "letter")):
        touched = [r for r in plan.inserts.get(table_name, []) + [u[2] for u in plan.updates.get(table_name, [])]]
        years = sorted({r["fields"]["year"] for r in touched if r["fields"].get("seq") is not None})
        table = Base.metadata.tables[table_name]
        for year in years:
            top = connection.execute(
                select(func.max(table.c.seq)).where(table.c.unit_id == unit_id, table.c.year == year)
            ).scalar()
            if top is None:
                continue
            key = (NumberSequence.unit_id == unit_id) & (NumberSequence.series == f"{series}:{year}")
            last = connection.execute(select(NumberSequence.last).where(key)).scalar()
            if last is None:
                connection.execute(
                    insert(NumberSequence), {"unit_id": unit_id, "series": f"{series}:{year}", "last": top}
                )
            elif last < top:
                connection.execute(update(NumberSequence).where(key).values(last=top))
