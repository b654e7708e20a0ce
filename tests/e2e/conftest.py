"""Fixtures: one virtual screen for the run; per test a fresh folder (its own
HOME, estate file and receipts) and `launch()`, which starts the real app."""

import os

import pytest

from desk import Desk, Screen
from estate_cli import REGISTER, Estate

SUPERVISOR = ("王主管", "zhuguan123")
CLERK = ("李前台", "qiantai123")


@pytest.fixture(scope="session")
def screen():
    s = Screen()
    yield s
    s.close()


@pytest.fixture
def launch(screen, tmp_path, request):
    """launch(db=None) starts estate-desk with ESTATE_DB=db (none: the first-start screen);
    HOME and the XDG folders point into the test's own folder, so nothing is remembered from elsewhere."""
    desks = []

    def start(db=None):
        home = tmp_path / "home"
        env = {k: v for k, v in os.environ.items() if not k.startswith("ESTATE_")}
        env.update(DISPLAY=screen.display, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
                   XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CACHE_HOME=str(home / ".cache"),
                   ESTATE_NO_VIEWER="1")
        if db:
            env["ESTATE_DB"] = str(db)
        desk = Desk(env, tmp_path / "driver.log")
        desks.append(desk)
        return desk

    yield start
    failed = getattr(request.node, "failed_call", False)
    for desk in desks:
        if failed:
            desk.shot(f"FAILED-{request.node.name}")
        desk.close()
    if failed and (tmp_path / "driver.log").exists():
        print("--- tauri-driver / app log ---\n" + (tmp_path / "driver.log").read_text(errors="replace")[-4000:])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.failed_call = True
    return report


@pytest.fixture
def estate(tmp_path):
    """A new estate file with its supervisor, the messy register imported
    (张三 at 3-2-1502 owes ¥1,234.50 from before) and three months of 物业费 billed."""
    e = Estate(tmp_path / "estate" / "estate.db")
    e.db.parent.mkdir()
    e("init", "--name", "翠湖花园")
    e.add_staff(*SUPERVISOR, "主管")
    e("import", "owners", REGISTER, "--skip-bad-rows")
    e("fee", "add", "--name", "物业服务费", "--basis", "area", "--price", "2.50", "--unit-type", "住宅")
    e("bill", "run", "--from", "2026-08", "--to", "2026-10")
    return e
