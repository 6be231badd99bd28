"""The sync package file (issue 13): a .zip with

- `manifest.json`: format and version, the package's uuid, the unit (uuid, code, name), when it was made, the range
  of changes it covers (its number in the unit's series, the previous package, whether it holds everything), the
  record counts per table, and the SHA-256 and size of every other member;
- `manifest.sha256`: the SHA-256 of `manifest.json` (an edited manifest is refused);
- `records/<table>.json`: the records of each table (`models.services.sync_records`);
- `files/<sha256>`: each attachment's file, named by its content.

`read_package` checks everything before anything is written and raises a `PackageError` (a UserError whose
Chinese message names the package and the member, record or field) at the first problem.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.domain.errors import UserError
from models.services.sync_records import SPEC_BY_NAME, SPECS, UUID_PATTERN, record_problem

FORMAT = "disclosure-desk-sync"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
DELETED = "records/deleted.json"


class PackageError(UserError):
    """A sync package refused whole (nothing was written)."""


@dataclass
class Package:
    """A package read and checked: its manifest, its records per table, and a reader of its files."""

    path: Path
    manifest: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]
    deleted: list[dict[str, Any]]  # {"table", "uuid", "base_hash"}: records deleted on the unit since last sent

    def file_bytes(self, sha256: str) -> bytes:
        with zipfile.ZipFile(self.path) as archive:
            return archive.read(f"files/{sha256}")

    def has_file(self, sha256: str) -> bool:
        return f"files/{sha256}" in self.manifest["members"]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _stream_sha(archive: zipfile.ZipFile, member: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with archive.open(member) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def write_package(
    target: Path,
    manifest: dict[str, Any],
    records: dict[str, list[dict[str, Any]]],
    files: dict[str, Path],
    deleted: list[dict[str, Any]],
) -> None:
    """Write the package to `target` (a temporary file: the caller moves it into place). `files`: sha256 → path."""
    members: dict[str, dict[str, Any]] = {}
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for spec in SPECS:
            if spec.name not in records:
                continue
            data = json.dumps(records[spec.name], ensure_ascii=False, indent=0).encode("utf-8")
            name = f"records/{spec.name}.json"
            archive.writestr(name, data)
            members[name] = {"sha256": _sha(data), "size": len(data)}
        if deleted:
            data = json.dumps(deleted, ensure_ascii=False, indent=0).encode("utf-8")
            archive.writestr(DELETED, data)
            members[DELETED] = {"sha256": _sha(data), "size": len(data)}
        for sha, path in sorted(files.items()):
            data = path.read_bytes()
            archive.writestr(f"files/{sha}", data)
            members[f"files/{sha}"] = {"sha256": _sha(data), "size": len(data)}
        manifest = {**manifest, "format": FORMAT, "format_version": FORMAT_VERSION, "members": members}
        text = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        archive.writestr(MANIFEST, text)
        archive.writestr(MANIFEST_SUM, _sha(text))


def read_package(path: Path) -> Package:
    """Open and check the package at `path` whole (see the module docstring)."""
    name = path.name

    def refuse(detail: str) -> PackageError:
        return PackageError(f"同步包“{name}”被拒绝，未导入任何内容：{detail}")

    if not path.is_file():
        raise UserError(f"找不到同步包：{path}")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            for required in (MANIFEST, MANIFEST_SUM):
                if required not in names:
                    raise refuse(f"缺少成员 {required}")
            data: dict[str, bytes] = {}
            streamed: dict[str, tuple[str, int]] = {}  # attachment files: checked without holding them in memory
            for member in sorted(names):
                try:
                    if member.startswith("files/"):
                        streamed[member] = _stream_sha(archive, member)
                    else:
                        data[member] = archive.read(member)
                except (zipfile.BadZipFile, EOFError) as error:
                    raise refuse(f"成员 {member} 已损坏（{error}）") from None
                except Exception as error:  # zlib.error: the member's compressed bytes were changed
                    raise refuse(f"成员 {member} 已损坏（{type(error).__name__}）") from None
    except PackageError:
        raise
    except zipfile.BadZipFile:
        raise refuse("文件已损坏或不完整（不是完整的zip文件，可能复制时被截断）") from None
    except (zipfile.LargeZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as error:
        raise refuse(f"无法读取：{error}") from None
    if _sha(data[MANIFEST]) != data[MANIFEST_SUM].decode("ascii", "replace").strip():
        raise refuse(f"{MANIFEST} 与其校验值（{MANIFEST_SUM}）不符：清单被改动过")
    try:
        manifest = json.loads(data[MANIFEST])
    except ValueError:
        raise refuse(f"{MANIFEST} 不是有效的JSON") from None
    _check_manifest(manifest, refuse)
    members = manifest["members"]
    expected = set(members) | {MANIFEST, MANIFEST_SUM}
    for member in sorted(expected - names):
        raise refuse(f"缺少成员 {member}")
    for member in sorted(names - expected):
        raise refuse(f"多出了清单中没有的成员 {member}")
    for member, facts in sorted(members.items()):
        sha, size = streamed[member] if member in streamed else (_sha(data[member]), len(data[member]))
        if sha != facts.get("sha256") or size != facts.get("size"):
            raise refuse(f"成员 {member} 的SHA-256与清单不符（内容被改动或损坏）")
        if member.startswith("files/") and member != f"files/{facts['sha256']}":
            raise refuse(f"文件成员 {member} 的名称与其SHA-256不符")
    records = _records(data, set(names), manifest, refuse)
    return Package(path, manifest, records, _deleted(data, manifest, refuse))


def _check_manifest(manifest: Any, refuse: Any) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse(f"{MANIFEST} 不是政务公开工作台的同步包清单")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise refuse(f"格式版本 {version} 不受支持（本程序支持版本 {FORMAT_VERSION}），请升级本程序后再导入")
    unit = manifest.get("unit")
    if not isinstance(unit, dict) or not isinstance(unit.get("uuid"), str) or not UUID_PATTERN.match(unit["uuid"]):
        raise refuse(f"{MANIFEST} 的 unit.uuid 缺失或无效")
    for key in ("code", "name"):
        if not isinstance(unit.get(key), str):
            raise refuse(f"{MANIFEST} 的 unit.{key} 缺失")
    if not isinstance(manifest.get("package_uuid"), str) or not UUID_PATTERN.match(manifest["package_uuid"]):
        raise refuse(f"{MANIFEST} 的 package_uuid 缺失或无效")
    if not isinstance(manifest.get("created"), str):
        raise refuse(f"{MANIFEST} 的 created 缺失")
    changes = manifest.get("range")
    if not isinstance(changes, dict) or type(changes.get("seq")) is not int:
        raise refuse(f"{MANIFEST} 的 range.seq 缺失")
    counts, members = manifest.get("counts"), manifest.get("members")
    if not isinstance(counts, dict) or not isinstance(members, dict):
        raise refuse(f"{MANIFEST} 的 counts 或 members 缺失")
    for member, facts in members.items():
        if not isinstance(facts, dict) or not isinstance(facts.get("sha256"), str):
            raise refuse(f"{MANIFEST} 中成员 {member} 的SHA-256缺失")
        if not (
            member.startswith("files/") or member == DELETED or member[len("records/") : -len(".json")] in SPEC_BY_NAME
        ):
            raise refuse(f"{MANIFEST} 列出了未知成员 {member}")


def _records(
    data: dict[str, bytes], names: set[str], manifest: dict[str, Any], refuse: Any
) -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = {}
    counts = manifest["counts"]
    for table in counts:
        if table not in SPEC_BY_NAME:
            raise refuse(f"{MANIFEST} 的 counts 中有未知的表 {table}")
    seen: set[str] = set()
    for spec in SPECS:
        member = f"records/{spec.name}.json"
        if member not in data:
            if counts.get(spec.name, 0):
                raise refuse(f"清单记有 {counts[spec.name]} 条 {spec.name} 记录，但缺少成员 {member}")
            continue
        try:
            rows = json.loads(data[member])
        except ValueError:
            raise refuse(f"成员 {member} 不是有效的JSON") from None
        if not isinstance(rows, list):
            raise refuse(f"成员 {member} 应为记录列表")
        if len(rows) != counts.get(spec.name):
            raise refuse(f"成员 {member} 有 {len(rows)} 条记录，清单记为 {counts.get(spec.name)} 条")
        for index, record in enumerate(rows, start=1):
            problem = record_problem(spec, record)
            if problem:
                raise refuse(f"成员 {member} 第{index}条记录：{problem}")
            if record["uuid"] in seen:
                raise refuse(f"成员 {member} 第{index}条记录：uuid {record['uuid']} 重复")
            seen.add(record["uuid"])
            if spec.has_file:
                sha = record["fields"]["sha256"]
                if f"files/{sha}" not in names and sha not in manifest.get("missing_files", []):
                    raise refuse(f"成员 {member} 第{index}条记录：缺少附件文件 files/{sha}")
        records[spec.name] = rows
    return records


def _deleted(data: dict[str, bytes], manifest: dict[str, Any], refuse: Any) -> list[dict[str, Any]]:
    expected = manifest.get("deleted", 0)
    if DELETED not in data:
        if expected:
            raise refuse(f"清单记有 {expected} 条已删除记录，但缺少成员 {DELETED}")
        return []
    try:
        rows = json.loads(data[DELETED])
    except ValueError:
        raise refuse(f"成员 {DELETED} 不是有效的JSON") from None
    if not isinstance(rows, list) or len(rows) != expected:
        raise refuse(f"成员 {DELETED} 的条数与清单（{expected}）不符")
    for index, row in enumerate(rows, start=1):
        if (
            not isinstance(row, dict)
            or set(row) != {"table", "uuid", "base_hash"}
            or row["table"] not in SPEC_BY_NAME
            or not (isinstance(row["uuid"], str) and UUID_PATTERN.match(row["uuid"]))
            or not (isinstance(row["base_hash"], str) and len(row["base_hash"]) == 64)
        ):
            raise refuse(f"成员 {DELETED} 第{index}条：应为 table（已知的表）、uuid、base_hash（SHA-256）")
    return rows
