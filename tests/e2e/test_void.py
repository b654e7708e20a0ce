"""Voiding a receipt: a supervisor may (reason required; the money goes back onto
the bills); a clerk may with a supervisor's name and password typed on the spot
(主管授权), and both names are recorded."""

import sqlite3

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as seen

from conftest import CLERK, SUPERVISOR
from estate_cli import pdf_text, receipts_dir


@pytest.fixture
def paid(estate):
    """张三 paid ¥2,000.00 at the desk yesterday: receipt SF0000001, nothing owed, ¥94.25 ahead."""
    estate("pay", "3-2-1502", "--amount", "2000.00", "--method", "cash", "--operator", SUPERVISOR[0])
    assert estate.balance("3-2-1502")["owed"] == "0.00"
    return estate


def test_supervisor_voids_with_a_reason_and_the_balance_returns(launch, paid):
    desk = launch(paid.db)
    desk.sign_in(*SUPERVISOR)
    desk.open_unit("3-2-1502")
    desk.text_is("unit-owed", "¥0.00")
    desk.tab("receipts")
    desk.click("receipt-void-SF0000001")

    desk.find("void-dialog")
    assert desk.focused("void-reason"), "the reason field takes the focus"
    assert not desk.find("void-confirm").is_enabled(), "no void without a reason"
    desk.type("void-reason", "收错户")
    desk.shot("10-void")
    desk.click("void-confirm")
    desk.gone("void-dialog")

    desk.text_is("unit-owed", "¥1,905.75")
    desk.text_is("unit-prepaid", "¥0.00")
    assert desk.shows("receipts", "已作废")
    assert not desk.find("receipt-void-SF0000001").is_enabled(), "a void receipt cannot be voided twice"
    desk.shot("11-voided")
    balance = paid.balance("3-2-1502")
    assert (balance["owed"], balance["prepaid"]) == ("1905.75", "0.00")

    # Printed now, the receipt carries the 作废 stamp and the reason.
    desk.click("receipt-print-SF0000001")
    pdf = receipts_dir(paid.db) / "SF0000001.pdf"
    desk.wait().until(lambda _: pdf.exists())
    text = pdf_text(pdf)
    assert "作废" in text and "作废原因：收错户" in text, text


def test_clerk_voids_with_a_supervisors_sign_in_on_the_spot(launch, paid):
    desk = launch(paid.db)
    # The supervisor adds the clerk in 设置 → 员工账号, then hands the desk over.
    desk.sign_in(*SUPERVISOR)
    desk.click("menu-settings")
    desk.click("staff-add")
    assert desk.focused("staff-form-name")
    desk.type("staff-form-name", CLERK[0])
    desk.click("staff-form-role-clerk")
    desk.type("staff-form-password", CLERK[1])
    desk.type("staff-form-repeat", CLERK[1])
    desk.click("staff-form-save")
    desk.gone("staff-dialog")
    assert desk.shows("staff-table", CLERK[0])
    desk.shot("12-staff")
    desk.sign_out()

    desk.sign_in(*CLERK)
    desk.find("home")  # the next person starts on 首页, not in the supervisor's settings
    assert desk.shows("staff-menu", "前台")
    desk.open_unit("3-2-1502")
    desk.text_is("unit-owed", "¥0.00")
    desk.tab("receipts")
    void = desk.find("receipt-void-SF0000001")
    assert void.is_enabled(), "a clerk may void, with a supervisor's approval"
    ActionChains(desk.driver).move_to_element(void.find_element(By.XPATH, "..")).perform()
    tip = desk.wait().until(seen.visibility_of_element_located((By.XPATH, '//*[@role="tooltip"][contains(., "作废需要主管当场授权")]')))
    assert tip.get_property("innerText").strip() == "作废需要主管当场授权"

    # Without a supervisor's sign-in the core refuses (the dialog is how the desk asks for one).
    outcome, error = desk.invoke("void_receipt", {"receiptNo": "SF0000001", "reason": "试试"})
    assert (outcome, error["code"]) == ("error", "staff.approval_needed")
    assert error["message"].startswith("作废收据需要主管授权。"), error["message"]

    def ask_to_void():
        desk.click("receipt-void-SF0000001")
        desk.find("void-dialog")
        assert desk.shows("void-approval-hint", "主管授权")
        desk.type("void-reason", "收错户")
        desk.click("void-confirm")
        desk.find("approval")
        assert desk.text("approval-action").strip() == "作废收据 SF0000001（¥2,000.00）"
        assert desk.focused("approval-name"), "the supervisor's name takes the focus"

    # 取消 (Esc) leaves the void unasked: nothing written, the void dialog says so.
    ask_to_void()
    desk.find("approval-name").send_keys(Keys.ESCAPE)
    desk.gone("approval")
    assert desk.shows("void-error", "没有主管授权，已取消，数据没有改动。")
    assert voids(paid.db) == []
    desk.click("void-cancel")
    desk.gone("void-dialog")

    # A wrong password is refused in the dialog, which stays open; nothing is voided.
    ask_to_void()
    desk.type("approval-name", SUPERVISOR[0])
    desk.type("approval-password", "wrong-pass").send_keys(Keys.ENTER)
    assert desk.shows("approval-error", "主管姓名或密码不对，没有授权。请主管重新输入。")
    assert desk.find("approval").is_displayed()
    assert desk.focused("approval-password"), "the cursor goes back to the password"
    desk.shot("14-approval-refused")
    assert voids(paid.db) == []
    assert paid.balance("3-2-1502")["owed"] == "0.00"

    # The right one: voided, by the clerk, approved by the supervisor; both names shown and stored.
    desk.type("approval-password", SUPERVISOR[1]).send_keys(Keys.ENTER)
    desk.gone("approval")
    desk.gone("void-dialog")
    desk.text_is("unit-owed", "¥1,905.75")
    desk.text_is("receipt-voided-by-SF0000001", f"{CLERK[0]} / {SUPERVISOR[0]}")
    desk.shot("15-approved-void")
    assert voids(paid.db) == [("SF0000001", CLERK[0], SUPERVISOR[0])]
    assert paid.balance("3-2-1502")["owed"] == "1905.75"
    roles = {s["name"]: s["role"] for s in paid("staff", "list")["staff"]}
    assert roles[CLERK[0]] == "clerk"


def voids(db):
    """(receipt, who voided, who approved) for every void, read straight from the file."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute("select r.receipt_no, v.operator, v.approved_by from receipt_voids v join receipts r on r.id = v.receipt_id").fetchall()
