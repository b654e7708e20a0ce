"""Bringing the owner register in through the import wizard: check first (a dry
run listing every problem), then import; rows with problems are skipped only when asked."""

import sqlite3

from conftest import SUPERVISOR
from estate_cli import REGISTER, Estate

# A second file from the office: one good row, one with a wrong area and a short phone.
MORE = """*楼号,单元号,房间号,房屋类型,建筑面积（㎡）,*业主,手机号,身份证号,交房日期,期初欠费(元),备注
6栋,1单元,201,住宅,88.00,赵六,13900000009,,2020-01-01,0,
6栋,1单元,202,住宅,九十,钱七,12345,,2020-01-01,0,
"""


def unit_codes(estate):
    with sqlite3.connect(f"file:{estate.db}?mode=ro", uri=True) as db:
        return {code for (code,) in db.execute("select code from units")}


def open_wizard(desk):
    desk.click("menu-units")
    desk.click("register-import")
    desk.focused("import-path")


def test_import_the_messy_register_then_a_file_with_a_bad_row(launch, tmp_path):
    estate = Estate(tmp_path / "estate" / "estate.db")
    estate.db.parent.mkdir()
    estate("init", "--name", "翠湖花园")
    estate.add_staff(*SUPERVISOR, "主管")
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)

    open_wizard(desk)
    desk.type("import-path", str(REGISTER))
    desk.click("import-preview")
    desk.find("import-summary")
    assert [desk.text(t) for t in ("import-rows", "import-units", "import-people")] == ["7", "7", "6"]
    assert desk.text("import-problem-count").startswith("0 处")
    assert unit_codes(estate) == set(), "the check writes nothing"
    desk.shot("14-import-preview")
    desk.click("import-run")
    desk.find("import-result")
    assert (desk.text("import-result-units"), desk.text("import-result-people")) == ("7", "6")
    desk.shot("15-import-result")

    # What the wizard wrote is the register the desk works from.
    assert estate.balance("3-2-1502")["owed"] == "1234.50"
    hits = estate("search", "zs")["hits"]
    assert {h["unit_code"] for h in hits if h["title"].endswith("张三")} == {"3-2-1502", "地下车库-A001"}

    more = tmp_path / "more.csv"
    more.write_text(MORE, encoding="utf-8")
    desk.click("import-again")
    desk.type("import-path", str(more))
    desk.click("import-preview")
    desk.find("import-summary")
    assert desk.shows("import-problem-count", "2 处 / 1 行")
    problems = desk.text("import-problems")
    assert "九十" in problems and "手机" in problems and "3" in problems, problems
    assert not desk.find("import-run").is_enabled(), "not imported while a row has problems, unless told to skip it"
    desk.click("import-skip-bad")
    desk.wait().until(lambda _: desk.find("import-run").is_enabled())
    desk.shot("16-import-problems")
    desk.click("import-run")
    desk.find("import-result")
    assert desk.text("import-result-units") == "1" and desk.text("import-result-skipped") == "1"

    codes = unit_codes(estate)
    assert "6-1-201" in codes and "6-1-202" not in codes and len(codes) == 8
