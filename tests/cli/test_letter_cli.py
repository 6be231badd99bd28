"""`letter NUMBER --kind K` and `letters list|kinds|void|template`, through main.main() as a clerk types them."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import docx
import pytest

from models.domain.case import EventKind
from models.migrate import open_database
from models.services import demo_letters
from tests.cli.runner import Cli

TODAY = "2025-12-31"


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, str, str]:
    """A database with a registered application (no reply yet) and an answered one (无法提供)."""
    path = tmp_path / "disclosure.db"  # the default database: its letters go to 答复文书/<year>/
    db = open_database(path)
    try:
        demo_letters.ensure_profile(db)
        plain = demo_letters.register(db)
        answered = demo_letters.with_reply(db, "4.2")
    finally:
        db.close()
    return path, plain, answered


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    return Cli(db, capsys)(*args)


def test_reply_before_the_reply_is_recorded_exits_2_and_writes_nothing(setup, capsys) -> None:
    db, plain, _answered = setup
    code, out, err = run(capsys, db, "letter", plain, "--kind", "reply", "--today", TODAY)
    assert code == 2 and out == ""
    assert "错误：尚未登记答复（办理结果），不能生成答复书" in err
    assert not (db.parent / "答复文书").exists()
    code, out, _ = run(capsys, db, "letters", "list")
    assert "没有文书" in out


def test_generate_list_and_void(setup, capsys) -> None:
    db, plain, answered = setup
    code, out, err = run(
        capsys, db, "letter", answered, "--kind", "reply", "--today", TODAY, "--attachment", "检索记录"
    )
    assert (code, err) == (0, "")
    assert "已生成答复书（白鹤镇政府信息公开〔2025〕1号）" in out
    path = Path(out.split("：", 1)[1].strip())
    assert path.is_file() and path.parent == db.parent / "答复文书" / "2025"
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "第三十八条" in text and "附件：检索记录" in text
    code, out, _ = run(capsys, db, "letter", plain, "--kind", "receipt", "--today", TODAY, "--out", str(db.parent))
    assert code == 0 and "已生成登记回执：" in out
    items = json.loads(run(capsys, db, "letters", "list", "--json")[1])
    assert [(i["label"], i["number"], i["status"]) for i in items] == [
        ("登记回执", "", "有效"),
        ("答复书", "白鹤镇政府信息公开〔2025〕1号", "有效"),
    ]
    reply_id = str(items[1]["id"])
    code, out, _ = run(capsys, db, "letters", "void", reply_id, "--reason", "文号打错")
    assert code == 0 and "已作废" in out
    code, out, _ = run(capsys, db, "letters", "list")
    assert "作废（文号打错）" in out
    code, out, _ = run(capsys, db, "letter", answered, "--kind", "reply", "--today", TODAY)
    assert "〔2025〕2号" in out  # the voided number is never reused


def test_kind_choices_and_unknown_kind(setup, capsys) -> None:
    db, plain, _ = setup
    code, _out, err = run(capsys, db, "letter", plain, "--kind", "memo")
    assert code == 2 and "没有“memo”这种文书" in err
    code, out, _ = run(capsys, db, "letters", "kinds", plain, "--today", TODAY)
    lines = dict(line.split("\t", 1) for line in out.strip().splitlines())
    assert set(lines) >= {"reply", "supplement", "extension", "consultation", "fee", "receipt", "service"}
    assert lines["receipt"].endswith("可以生成") and "不能生成" in lines["reply"]


@pytest.mark.parametrize(
    ("kind", "event", "data"),
    [
        ("supplement", EventKind.SUPPLEMENT_NOTICE, {"deadline": date(2025, 10, 15), "items": "请写明工程名称"}),
        ("extension", EventKind.EXTENSION, {"days": 15, "approver": "王建华", "reason": "需要调取档案"}),
        ("consultation", EventKind.CONSULTATION_SENT, {"party_kind": "第三方", "party": "某公司"}),
        ("fee", EventKind.FEE_NOTICE, {"method": "按件", "amount": 100, "basis": "本月第11件"}),
    ],
)
def test_each_procedural_kind_from_the_command_line(setup, capsys, kind, event, data) -> None:
    db, plain, _ = setup
    code, _out, err = run(capsys, db, "letter", plain, "--kind", kind, "--today", TODAY)
    assert code == 2 and "尚未登记" in err
    database = open_database(db)
    try:
        demo_letters.record(database, plain, event, date(2025, 9, 25), **data)
    finally:
        database.close()
    code, out, err = run(capsys, db, "letter", plain, "--kind", kind, "--today", TODAY, "--pdf")
    assert (code, err) == (0, ""), err
    assert "白鹤镇政府信息公开〔2025〕1号" in out and "PDF：" in out


def test_service_after_the_reply(setup, capsys) -> None:
    db, _plain, answered = setup
    code, out, _ = run(capsys, db, "letter", answered, "--kind", "service", "--today", TODAY, "--server", "李晓梅")
    assert code == 0 and "已生成送达回证" in out


def test_template_commands(setup, capsys, tmp_path: Path) -> None:
    db, _plain, _ = setup
    target = tmp_path / "模板.docx"
    code, out, _ = run(capsys, db, "letters", "template", "export", "reply", str(target))
    assert code == 0 and target.is_file()
    code, out, _ = run(capsys, db, "letters", "template", "load", "reply", str(target))
    assert code == 0 and "已导入本单位模板" in out
    code, out, _ = run(capsys, db, "letters", "template", "list")
    assert "reply\t答复书\t本单位模板" in out
    code, out, _ = run(capsys, db, "letters", "template", "restore", "reply")
    assert code == 0 and "已恢复内置模板" in out
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a docx")
    code, _out, err = run(capsys, db, "letters", "template", "load", "reply", str(bad))
    assert code == 2 and "不是有效的Word文档" in err


def _record(db: Path, number: str, kind: EventKind, day: date, **data) -> None:  # noqa: ANN003
    database = open_database(db)
    try:
        demo_letters.record(database, number, kind, day, **data)
    finally:
        database.close()


def test_rule1_a_late_reply_exits_2_until_late_is_given(setup, capsys) -> None:
    db, plain, _ = setup
    # Received 2025-09-22: the reply was due 2025-10-24 (20th working day); it was made on 2025-10-27.
    _record(db, plain, EventKind.REPLY, date(2025, 10, 27), result="无法提供", detail="没有现成信息需要另行制作")
    code, out, err = run(capsys, db, "letter", plain, "--kind", "reply", "--today", TODAY)
    assert code == 2 and out == ""
    assert "法定期限2025年10月24日" in err and "请加 --late 确认" in err
    assert not (db.parent / "答复文书").exists()
    code, out, err = run(capsys, db, "letter", plain, "--kind", "reply", "--today", TODAY, "--late")
    assert (code, err) == (0, "") and "白鹤镇政府信息公开〔2025〕1号" in out  # the refusal used no number


@pytest.mark.parametrize("ground", ["5.2", "6.3", "1", "x"])
def test_rule3_refused_ground_accepts_only_a_withholding_row(setup, capsys, ground: str) -> None:
    db, plain, _ = setup
    _record(db, plain, EventKind.REPLY, date(2025, 10, 17), result="部分公开", detail="")
    args = ["--provided", "招标文件", "--refused", "报价明细", "--reasons", "该企业不同意公开"]
    code, out, err = run(
        capsys, db, "letter", plain, "--kind", "reply", "--today", TODAY, *args, "--refused-ground", ground
    )
    assert code == 2 and out == "" and "不予公开部分的理由类型" in err
    assert not (db.parent / "答复文书").exists()
    code, out, err = run(
        capsys, db, "letter", plain, "--kind", "reply", "--today", TODAY, *args, "--refused-ground", "3.4"
    )
    assert (code, err) == (0, ""), err


def test_rule10_kind_accepts_every_kind_its_help_lists(setup, capsys) -> None:
    db, plain, _ = setup
    code, out, _ = run(capsys, db, "letter", "--help")
    listed = re.search(r"--kind \{([a-z_,]+)\}", out)
    assert code == 0 and listed is not None
    kinds = listed.group(1).split(",")
    # The seven, the three the 条例 requires, and the 第35条 request.
    assert set(kinds) == {
        "reply", "supplement", "extension", "consultation", "fee", "receipt", "service",
        "third_party_notice", "coproducer", "reasons", "reasons_request",
    }  # fmt: skip
    for kind in kinds:
        code, _out, err = run(capsys, db, "letter", plain, "--kind", kind, "--today", TODAY)
        assert "--kind" not in err and "这种文书" not in err, (kind, err)


def test_rule9_reasons_request_from_the_command_line(setup, capsys) -> None:
    db, plain, _ = setup
    code, _out, err = run(capsys, db, "letter", plain, "--kind", "reasons_request", "--today", TODAY)
    assert code == 2 and "尚未登记要求说明理由" in err
    _record(db, plain, EventKind.REASONS_REQUEST, date(2025, 9, 26), deadline=date(2025, 10, 10))
    code, out, err = run(capsys, db, "letter", plain, "--kind", "reasons_request", "--today", TODAY)
    assert (code, err) == (0, "") and "已生成要求说明理由告知书（白鹤镇政府信息公开〔2025〕1号）" in out
