"""单位信息 per unit (issue 13 "the unit profile becomes per unit"): each unit's letters carry its own name and
contact details, a unit without a profile is asked for it, the county role reads every unit's letters, the
catalogue is per unit, and the upgrade keeps the profile the township had."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import docx
import pytest

from models.db import Database
from models.domain.errors import UserError
from models.domain.letters import LetterKind
from models.migrate import open_database
from models.services import demo_letters, document_catalogue, letters, profile, units, users
from tests.db.test_migrations import OLD_PROFILE_INSERT, upgrade_to

BAIHE = {
    "单位名称": "白鹤镇人民政府",
    "印章/落款名称": "白鹤镇人民政府",
    "文号前缀": "白鹤镇政府信息公开",
    "复议机关": "青山县人民政府",
    "诉讼法院": "青山县人民法院",
    "联系人": "李晓梅",
    "联系电话": "023-55671234",
    "地址": "白鹤镇政府街18号",
}
SHIQIAO = {
    "单位名称": "石桥镇人民政府",
    "印章/落款名称": "石桥镇人民政府",
    "文号前缀": "石桥镇政府信息公开",
    "复议机关": "青山县人民政府",
    "诉讼法院": "青山县人民法院",
    "联系人": "周红",
    "联系电话": "023-55889900",
    "地址": "石桥镇正街2号",
}


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _reply(db: Database) -> letters.GeneratedLetter:
    number = demo_letters.with_reply(db, "4.2")
    return letters.generate(db, number, LetterKind.REPLY, today=demo_letters.TODAY)


@pytest.fixture
def two_profiles(db: Database) -> Database:
    profile.save_profile(db, BAIHE)
    units.add_unit(db, "石桥镇", "")
    units.use_unit(db, "石桥镇")
    profile.save_profile(db, SHIQIAO)
    units.use_unit(db, "本单位")
    return db


def test_unit_profile_each_units_letter_carries_its_own_name_number_and_contact(two_profiles: Database) -> None:
    db = two_profiles
    baihe = _reply(db)
    units.use_unit(db, "石桥镇")
    shiqiao = _reply(db)
    assert baihe.number == "白鹤镇政府信息公开〔2025〕1号"
    assert shiqiao.number == "石桥镇政府信息公开〔2025〕1号"
    first, second = _text(baihe.path), _text(shiqiao.path)
    assert "白鹤镇人民政府" in first and "023-55671234" in first
    assert "石桥镇人民政府" not in first and "023-55889900" not in first
    assert "石桥镇人民政府" in second and "023-55889900" in second
    assert "白鹤镇人民政府" not in second and "023-55671234" not in second


def test_unit_profile_settings_show_the_current_units_profile_only(two_profiles: Database) -> None:
    db = two_profiles
    assert profile.get_profile(db).unit_name == "白鹤镇人民政府"
    units.use_unit(db, "石桥镇")
    assert profile.get_profile(db).address == "石桥镇正街2号"
    profile.set_field(db, "联系人", "周红梅")
    units.use_unit(db, "本单位")
    assert profile.get_profile(db).contact_person == "李晓梅"  # the other unit's profile is untouched


def test_unit_profile_a_new_unit_without_profile_is_asked_to_fill_it_in_before_a_letter(db: Database) -> None:
    profile.save_profile(db, BAIHE)
    units.add_unit(db, "石桥镇", "青山县石桥镇人民政府")
    units.use_unit(db, "石桥镇")
    assert profile.get_profile(db).unit_name == ""
    number = demo_letters.with_reply(db, "4.2")
    with pytest.raises(UserError, match="请先在“设置”中填写单位信息：单位名称、印章/落款名称、文号前缀"):
        letters.generate(db, number, LetterKind.REPLY, today=demo_letters.TODAY)
    assert letters.list_letters(db) == []


def test_unit_profile_county_role_reads_both_units_letters_and_cannot_change_a_profile(
    two_profiles: Database,
) -> None:
    db = two_profiles
    _reply(db)
    units.use_unit(db, "石桥镇")
    _reply(db)
    users.add_user(db, "王管理", "管理员", "county-2026!")
    users.add_user(db, "县政务公开办", "县级", "county-2026!")
    users.set_login_enabled(db, True)
    users.sign_in(db, "县政务公开办", "county-2026!")
    assert sorted(r.number for r in letters.list_letters(db)) == [
        "白鹤镇政府信息公开〔2025〕1号",
        "石桥镇政府信息公开〔2025〕1号",
    ]
    with pytest.raises(UserError, match="县级"):
        profile.save_profile(db, {"联系人": "县里改的"})
    users.sign_out(db)
    units.use_unit(db, "本单位")
    assert profile.get_profile(db).contact_person == "李晓梅"


def test_unit_profile_the_catalogue_is_per_unit(db: Database) -> None:
    document_catalogue.add_node(db, "政府信息公开目录")
    units.add_unit(db, "石桥镇", "")
    units.use_unit(db, "石桥镇")
    assert document_catalogue.list_catalogue(db) == []
    document_catalogue.add_node(db, "石桥镇公开目录")
    assert [e.name for e in document_catalogue.list_catalogue(db)] == ["石桥镇公开目录"]
    units.use_unit(db, "本单位")
    assert [e.name for e in document_catalogue.list_catalogue(db)] == ["政府信息公开目录"]


def test_unit_profile_the_upgrade_keeps_the_townships_profile_and_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    upgrade_to(path, "0008")
    with sqlite3.connect(path) as conn:
        conn.execute(OLD_PROFILE_INSERT)
        conn.execute(
            "INSERT INTO catalogue_node (uuid, parent_id, name, position, created_at, updated_at)"
            " VALUES ('6f1c1d1e-0000-4000-8000-000000000001', NULL, '政府信息公开目录', 1,"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
        )
    conn.close()
    db = open_database(path)
    try:
        kept = profile.get_profile(db)
        assert (kept.unit_name, kept.contact_phone, kept.postcode) == ("白鹤镇人民政府", "023-55671234", "404100")
        assert [e.name for e in document_catalogue.list_catalogue(db)] == ["政府信息公开目录"]
        units.add_unit(db, "石桥镇", "")
        units.use_unit(db, "石桥镇")
        assert profile.get_profile(db).unit_name == ""
        assert document_catalogue.list_catalogue(db) == []
    finally:
        db.close()
