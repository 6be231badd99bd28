"""Offline units (issue 13), the unit's side: its sync package of the records changed since its last package.

What "changed since the last package" means: each record's content hash (`sync_records.content_hash`) is compared
with the hash it had when the unit's last package carried it (`sync_record`, the unit's watermark). This sees every
change however it was made (a form, a bulk import, a recomputation, a change with the audit log off); a record
that was sent and no longer exists travels as deleted. The watermark moves only after the package file is
completely written (atomic write): a failed or interrupted export sends the same records again next time, which the
import recognises as unchanged.
"""

from __future__ import annotations

import re
import uuid as uuid_module
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from models.db import Database
from models.domain.errors import UserError
from models.entities import SyncPackage, SyncRecord
from models.services import units
from models.services.sync_package import write_package
from models.services.sync_records import SPEC_BY_NAME, SPECS, TableSpec, row_record

EXPORTED, IMPORTED = "导出", "导入"
CHUNK = 500
Progress = Callable[[str], None]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    package_uuid: str
    unit: units.UnitInfo
    seq: int
    full: bool  # everything (the first package, or --all)
    counts: dict[str, int]
    files: int
    missing_files: list[str]
    deleted: int = 0  # records deleted on the unit since they were last sent

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def no_progress(_message: str) -> None:
    return None


def export_package(
    db: Database,
    out_dir: Path,
    *,
    since_last: bool = True,
    progress: Progress = no_progress,
    now: datetime | None = None,
) -> ExportResult:
    """Write the current unit's sync package into `out_dir`: the records changed since its last package
    (`since_last`; the first package holds everything), else every record. Returns what was written."""
    from exporters.atomic_file import atomic_write
    from models.services.attachments import stored_absolute
    from models.services.audit import now as clock

    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise UserError(f"文件夹不存在：{out_dir}")
    unit = units.current_unit(db)
    if unit is None:
        raise UserError("县级账号查看全部单位，不能导出同步包。请在单位的数据库中导出。")
    made = now or clock()
    progress("正在读取记录……")
    with db.reading() as session:
        connection = session.connection()
        current = _unit_records(connection, unit.id)
        sent = {
            (r.table_name, r.record_uuid): (r.content_hash, r.version)
            for r in connection.execute(select(SyncRecord).where(SyncRecord.unit_id == unit.id))
        }
        last = connection.execute(
            select(SyncPackage)
            .where(SyncPackage.unit_id == unit.id, SyncPackage.direction == EXPORTED)
            .order_by(SyncPackage.seq.desc())
            .limit(1)
        ).first()
    full = not since_last or last is None
    records, deleted = _changes(current, sent, since_last=since_last)
    files, missing = _attachment_files(db, records, stored_absolute)
    seq = (last.seq if last is not None else 0) + 1
    package_uuid = str(uuid_module.uuid4())
    counts = {name: len(rows) for name, rows in records.items()}
    manifest = {
        "package_uuid": package_uuid,
        "created": made.isoformat(sep=" "),
        "unit": {"uuid": unit.uuid, "code": unit.code, "name": unit.name},
        "range": {
            "seq": seq,
            "full": full,
            "previous_package_uuid": None if full or last is None else last.uuid,
            "previous_created": None if full or last is None else last.created.isoformat(sep=" "),
            "until": made.isoformat(sep=" "),
        },
        "counts": counts,
        "record_total": sum(counts.values()),
        "deleted": len(deleted),
        "missing_files": missing,
    }
    target = out_dir / f"同步包-{safe_name(unit.code)}-{seq:04d}-{made:%Y%m%d-%H%M%S}.zip"
    progress(f"正在写入 {target.name}……")
    try:
        atomic_write(target, lambda temp: write_package(temp, manifest, records, files, deleted), program="其他程序")
    except OSError as error:  # the stick pulled out, the disk full …: no file, the watermark stays
        raise UserError(f"同步包没有写成（{error.strerror or error}）：{target}。请检查U盘或磁盘后重新导出。") from None
    _advance_watermark(db, unit.id, package_uuid, seq, made, target.name, records, deleted, full)
    return ExportResult(target, package_uuid, unit, seq, full, counts, len(files), missing, len(deleted))


def _changes(
    current: dict[str, list[dict[str, Any]]], sent: dict[tuple[str, str], tuple[str, int | None]], *, since_last: bool
) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """The records to send (with their base: the hash and version they had when last sent), and the records sent
    before that no longer exist."""
    records: dict[str, list[dict[str, Any]]] = {}
    for spec in SPECS:
        chosen = []
        for record in current[spec.name]:
            base = sent.get((spec.name, record["uuid"]))
            if since_last and base is not None and base[0] == record["hash"]:
                continue
            chosen.append({**record, "base_hash": base[0] if base else None, "base_version": base[1] if base else None})
        if chosen:
            records[spec.name] = chosen
    present = {(spec.name, record["uuid"]) for spec in SPECS for record in current[spec.name]}
    deleted = [
        {"table": table, "uuid": record_uuid, "base_hash": base[0]}
        for (table, record_uuid), base in sorted(sent.items())
        if (table, record_uuid) not in present and table in SPEC_BY_NAME
    ]
    return records, deleted


def _advance_watermark(
    db: Database,
    unit_id: int,
    package_uuid: str,
    seq: int,
    made: datetime,
    file_name: str,
    records: dict[str, list[dict[str, Any]]],
    deleted: list[dict[str, Any]],
    full: bool,
) -> None:
    """Record the package and what each record was when it carried it (called once the file is complete)."""
    counts = {name: len(rows) for name, rows in records.items()}
    with db.transaction() as session:
        connection = session.connection()
        package_id = connection.execute(
            insert(SyncPackage).returning(SyncPackage.id),
            {"uuid": package_uuid, "direction": EXPORTED, "unit_id": unit_id, "seq": seq, "created": made,
             "file_name": file_name, "summary": {"counts": counts, "full": full}},
        ).scalar_one()  # fmt: skip
        for spec in SPECS:
            uuids = [r["uuid"] for r in records.get(spec.name, [])]
            for chunk in chunks(uuids):
                connection.execute(
                    delete(SyncRecord).where(SyncRecord.table_name == spec.name, SyncRecord.record_uuid.in_(chunk))
                )
            rows = [
                {"table_name": spec.name, "record_uuid": r["uuid"], "unit_id": unit_id, "content_hash": r["hash"],
                 "version": r["fields"].get("version"), "package_id": package_id}
                for r in records.get(spec.name, [])
            ]  # fmt: skip
            if rows:
                connection.execute(insert(SyncRecord), rows)
        for gone in deleted:  # sent once: the record is no longer watched
            connection.execute(
                delete(SyncRecord).where(SyncRecord.table_name == gone["table"], SyncRecord.record_uuid == gone["uuid"])
            )


def safe_name(text: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text)[:40] or "单位"


def chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _owned_rows(connection: Connection, spec: TableSpec, unit_id: int) -> list[Any]:
    table = spec.table
    query = select(table).order_by(table.c.id)
    if spec.owned:
        query = query.where(table.c.unit_id == unit_id)
    elif spec.parent and spec.name != "catalogue_node":
        parent = SPEC_BY_NAME[spec.ref_columns[spec.parent]].table
        query = query.where(table.c[spec.parent].in_(select(parent.c.id).where(parent.c.unit_id == unit_id)))
    return [row._mapping for row in connection.execute(query)]


def _unit_records(connection: Connection, unit_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every record of the unit, per table (parents before children)."""
    rows = {spec.name: _owned_rows(connection, spec, unit_id) for spec in SPECS}
    uuid_of = {name: {row["id"]: row["uuid"] for row in table_rows} for name, table_rows in rows.items()}
    records = {}
    for spec in SPECS:
        table_rows = rows[spec.name]
        if spec.name == "catalogue_node":
            table_rows = _parents_first(table_rows)
        records[spec.name] = [row_record(spec, row, uuid_of) for row in table_rows]
    return records


def _parents_first(rows: list[Any]) -> list[Any]:
    by_id = {row["id"]: row for row in rows}

    def depth(row: Any) -> int:
        level, seen = 0, set()
        while row["parent_id"] is not None and row["parent_id"] in by_id and row["id"] not in seen:
            seen.add(row["id"])
            row, level = by_id[row["parent_id"]], level + 1
        return level

    return sorted(rows, key=lambda row: (depth(row), row["id"]))


def _attachment_files(
    db: Database, records: dict[str, list[dict[str, Any]]], stored_absolute: Callable[[Database, str], Path]
) -> tuple[dict[str, Path], list[str]]:
    """The files of the attachments in the package (sha256 → path), and the hashes of those missing or changed."""
    from models.services.attachments import is_intact

    files: dict[str, Path] = {}
    missing: list[str] = []
    for spec in SPECS:
        if not spec.has_file:
            continue
        for record in records.get(spec.name, []):
            sha = record["fields"]["sha256"]
            path = stored_absolute(db, record["fields"]["stored_path"])
            if sha in files or sha in missing:
                continue
            if is_intact(path, sha):
                files[sha] = path
            else:
                missing.append(sha)
    return files, missing
