"""First start on a new PC: make the estate file, make the first supervisor, land signed in."""

import json

from conftest import SUPERVISOR
from estate_cli import Estate


def test_new_estate_then_first_supervisor_then_signed_in(launch, tmp_path):
    desk = launch()
    desk.find("first-start-create")
    desk.shot("01-first-start")

    desk.click("first-start-create")
    assert desk.focused("create-name"), "the name field takes the focus when the dialog opens"
    db = tmp_path / "office" / "estate.db"
    db.parent.mkdir()
    desk.type("create-name", "翠湖花园")
    desk.type("create-path", str(db))
    desk.shot("02-create-estate")
    desk.click("create-confirm")

    desk.find("sign-in")
    assert desk.shows("sign-in", "还没有员工账号"), "an estate without accounts asks for its first supervisor"
    desk.type("sign-in-name", SUPERVISOR[0])
    desk.type("sign-in-password", SUPERVISOR[1])
    desk.type("sign-in-repeat", SUPERVISOR[1] + "x")
    assert desk.shows("sign-in", "两次输入的密码不一样")
    assert not desk.find("sign-in-submit").is_enabled()
    desk.type("sign-in-repeat", SUPERVISOR[1])
    desk.shot("03-first-supervisor")
    desk.click("sign-in-submit")

    desk.find("home")
    desk.text_is("staff-name", SUPERVISOR[0])
    assert desk.shows("staff-menu", "主管")
    assert desk.shows("home", f"您好，{SUPERVISOR[0]}")
    desk.shot("04-home")

    # The file is really there, with the estate's name and its one supervisor.
    estate = Estate(db)
    assert estate("settings", "show")["estate_name"] == "翠湖花园"
    staff = estate("staff", "list")["staff"]
    assert [(s["name"], s["role"], s["active"]) for s in staff] == [(SUPERVISOR[0], "supervisor", True)]
    # The file the clerk chose is remembered for the next start.
    remembered = json.loads((tmp_path / "home" / ".config" / "com.estatedesk.desk" / "desk.json").read_text())
    assert remembered["database"] == str(db)
