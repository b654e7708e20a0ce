"""Backups at the desk: a supervisor makes one under 设置 → 备份与恢复, a unit
is added afterwards, and the backup is restored after a confirmation naming
it; the unit is gone, the data of just before is kept as the 恢复前 backup,
and the app asks for sign-in again. `estate backup list` sees the same files.
A clerk restores too, with a supervisor's name and password typed on the spot."""

import json
import shutil
import sqlite3

from selenium.webdriver.common.keys import Keys

from conftest import CLERK, SUPERVISOR
from estate_cli import Estate


def test_a_supervisor_backs_up_and_restores_in_the_window(launch, estate, tmp_path):
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.click("menu-settings")
    desk.click("settings-backups")
    desk.find("backups")
    assert desk.shows("backup-folder", str(estate.db.parent / "backups"))
    desk.click("backup-now")
    desk.find("backup-restore-0")
    assert desk.shows("backup-table", "手动")
    [made] = estate("backup", "list")["backups"]
    assert made["reason"] == "on_demand"
    desk.shot("50-backups")

    # Written after the backup: a restore takes it away (and keeps it in the safety backup).
    estate("unit", "add", "9-9-901", "--area", "50")
    assert estate("search", "9-9-901")["hits"]

    desk.click("backup-restore-0")
    desk.find("restore-dialog")
    for want in (made["name"], str(estate.db), "恢复前"):
        assert desk.shows("restore-confirm-text", want)
    desk.shot("51-restore-confirm")
    desk.click("restore-confirm")
    desk.find("sign-in")

    assert not estate("search", "9-9-901")["hits"], "the data as at the backup"
    newest, older = estate("backup", "list")["backups"]
    assert (newest["reason"], older["name"]) == ("restore", made["name"])
    kept = tmp_path / "safety.db"
    shutil.copy(newest["file"], kept)
    assert Estate(kept)("search", "9-9-901")["hits"], "the data of just before the restore is kept"
    desk.sign_in(*SUPERVISOR)


def test_a_damaged_estate_is_refused_at_start_and_restored_from_a_backup(launch, estate):
    made = estate("backup")["backup"]
    # Damage the file behind the program's back: still SQLite, no longer whole.
    data = bytearray(estate.db.read_bytes())
    data[4096 + 16:len(data) - 16] = b"\x5a" * (len(data) - 4096 - 32)
    estate.db.write_bytes(bytes(data))

    desk = launch(estate.db)
    desk.find("first-start")
    for want in ("损坏", "estate restore", "从备份恢复"):
        assert desk.shows("startup-problem", want)
    assert desk.shows("startup-problem", str(estate.db)), "the refused file is named"
    desk.find("first-start-restore")
    desk.shot("52-start-refused-restore")
    assert estate.db.read_bytes() == bytes(data), "refused, never repaired or recreated"

    # The button's native file dialog cannot be driven here: the command behind it is called as the UI calls it.
    status, value = desk.invoke("restore_at_start", {"estate": str(estate.db), "file": made["file"]})
    assert status == "ok", value
    desk.driver.refresh()
    desk.sign_in(*SUPERVISOR)
    assert estate("search", "3-2-1502")["hits"], "the register is back"
    newest = estate("backup", "list")["backups"][0]
    assert newest["reason"] == "restore"
    assert open(newest["file"], "rb").read() == bytes(data), "the damaged file is kept as found"


def test_a_clerk_restores_with_a_supervisors_sign_in_on_the_spot(launch, estate):
    estate.add_staff(*CLERK, "前台", operator=SUPERVISOR[0], operator_password=SUPERVISOR[1])
    made = estate("backup")["backup"]
    desk = launch(estate.db)
    desk.sign_in(*CLERK)
    desk.click("menu-settings")
    desk.click("settings-backups")
    desk.find("backups")
    assert desk.shows("restore-approval-hint", "主管授权")
    desk.click("backup-restore-0")
    desk.find("restore-dialog")
    desk.click("restore-confirm")
    desk.find("approval")
    assert desk.text("approval-action").strip() == f"从备份恢复 {made['name']}"
    assert desk.focused("approval-name")
    desk.type("approval-name", SUPERVISOR[0])
    desk.type("approval-password", SUPERVISOR[1]).send_keys(Keys.ENTER)
    desk.find("sign-in")

    # The restored file's log names the clerk who restored it and the supervisor who approved.
    with sqlite3.connect(f"file:{estate.db}?mode=ro", uri=True) as db:
        actor, detail = db.execute("select actor, detail from audit_log where action = 'backup.restore' order by id desc limit 1").fetchone()
    assert (actor, json.loads(detail)["approved_by"]) == (CLERK[0], SUPERVISOR[0])
