"""Keys in custody at the desk: a key lent and returned in the real window; a
borrower the owner did not authorise refused with the reason shown, nothing
written; a clerk's override approved on the spot by a supervisor (主管授权),
both names recorded."""

import datetime
import sqlite3

import pytest
from selenium.webdriver.common.keys import Keys

from conftest import CLERK, SUPERVISOR


@pytest.fixture
def held(estate):
    """张三's keys to 3-2-1502 on hook A-01: 李四 named in his written authorisation, 工程部 allowed."""
    estate("key", "deposit", "3-2-1502", "--hook", "A-01", "--count", "2", "--description", "入户门", "--by", "张三", "--authorise", "李四", "--engineering")
    return estate


def tomorrow_noon():
    """A due time ahead of now whenever the test runs (the default, today 18:00, is past in the evening)."""
    return f"{datetime.date.today() + datetime.timedelta(days=1)} 12:00"


def loans(db):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        return c.execute("SELECT borrower, borrower_kind, id_type, id_last4, purpose, operator, approved_by, override_reason FROM key_loans ORDER BY id").fetchall()


def returns(db):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        return c.execute("SELECT loan_id, returned_by, condition, operator FROM key_returns ORDER BY id").fetchall()


def open_keys(desk):
    desk.click("menu-keys")
    assert desk.shows("keys-table", "A-01")
    desk.text_is("key-status-A-01", "在柜")


def fill_loan(desk, borrower, purpose):
    desk.click("key-lend-A-01")
    desk.find("key-lend")
    assert desk.focused("key-lend-borrower"), "the borrower's name takes the focus"
    desk.type("key-lend-borrower", borrower)
    desk.type("key-lend-id-last4", "123X")
    desk.type("key-lend-due", tomorrow_noon())
    return desk.type("key-lend-purpose", purpose)


def test_a_key_is_lent_to_an_authorised_person_and_returned(launch, held):
    desk = launch(held.db)
    desk.sign_in(*SUPERVISOR)
    open_keys(desk)
    desk.click("key-lend-A-01")
    desk.find("key-lend")
    assert desk.shows("key-lend-candidates", "李四")
    pick = next(b for b in desk.all("key-lend-candidates")[0].find_elements("css selector", "button") if "李四" in b.get_property("innerText"))
    pick.click()
    assert desk.find("key-lend-borrower").get_property("value") == "李四", "picking fills the name"
    # A whole ID number is refused as it is typed: only the last 4 characters are kept.
    desk.type("key-lend-id-last4", "110101198001010011")
    assert desk.shows("key-lend-id-problem", "不要输入完整号码")
    assert not desk.find("key-lend-submit").is_enabled()
    desk.type("key-lend-id-last4", "123X")
    desk.type("key-lend-due", tomorrow_noon())
    desk.shot("60-key-lend")
    desk.type("key-lend-purpose", "开窗通风").send_keys(Keys.ENTER)
    desk.gone("key-lend")
    desk.text_is("key-status-A-01", "借出")
    desk.shot("61-key-out")
    assert loans(held.db) == [("李四", "authorised", "身份证", "123X", "开窗通风", SUPERVISOR[0], None, None)]

    desk.click("key-return-A-01")
    desk.find("key-return")
    assert desk.find("key-return-by").get_property("value") == "李四"
    desk.type("key-return-condition", "完好").send_keys(Keys.ENTER)
    desk.gone("key-return")
    desk.text_is("key-status-A-01", "在柜")
    assert returns(held.db) == [(1, "李四", "完好", SUPERVISOR[0])]
    desk.tab("loans")
    assert desk.shows("key-loans", "已还")


def test_a_borrower_not_authorised_is_refused_with_the_reason(launch, held):
    desk = launch(held.db)
    desk.sign_in(*SUPERVISOR)
    open_keys(desk)
    fill_loan(desk, "王五", "看房").send_keys(Keys.ENTER)
    assert desk.shows("key-lend-refused", "不能借给“王五”")
    assert desk.shows("key-lend-refused", "没有“王五”"), "the reason: the register's owner is someone else"
    desk.shot("62-key-refused")
    assert loans(held.db) == []
    desk.click("key-lend-cancel")
    desk.gone("key-lend")
    desk.text_is("key-status-A-01", "在柜")


def test_a_clerks_override_is_approved_on_the_spot_by_a_supervisor(launch, held):
    held.add_staff(*CLERK, "前台", operator=SUPERVISOR[0], operator_password=SUPERVISOR[1])
    desk = launch(held.db)
    desk.sign_in(*CLERK)
    open_keys(desk)
    fill_loan(desk, "王五", "业主委托看房").send_keys(Keys.ENTER)
    assert desk.shows("key-lend-refused", "不能借给“王五”")
    desk.click("key-lend-override")
    desk.type("key-lend-reason", "业主电话同意，书面授权明天补交")
    desk.click("key-lend-submit")
    desk.find("approval")
    assert desk.shows("approval-action", "特批借出钥匙 A-01")
    # Typed before the dialog has finished opening, keys are lost when its focus trap starts.
    assert desk.focused("approval-name")
    desk.type("approval-name", SUPERVISOR[0])
    desk.type("approval-password", SUPERVISOR[1]).send_keys(Keys.ENTER)
    desk.gone("approval")
    desk.gone("key-lend")
    desk.text_is("key-status-A-01", "借出")
    desk.shot("63-key-override")
    assert loans(held.db) == [("王五", "owner", "身份证", "123X", "业主委托看房", CLERK[0], SUPERVISOR[0], "业主电话同意，书面授权明天补交")]
