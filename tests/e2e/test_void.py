"""Voiding a receipt: a supervisor may (reason required; the money goes back onto
the bills), a clerk may not (greyed out, and the core refuses in Chinese)."""

import sqlite3

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
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


def test_clerk_cannot_void(launch, paid):
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
    desk.tab("receipts")
    void = desk.find("receipt-void-SF0000001")
    assert not void.is_enabled(), "void is greyed out for a clerk"
    ActionChains(desk.driver).move_to_element(void.find_element(By.XPATH, "..")).perform()
    tip = desk.wait().until(seen.visibility_of_element_located((By.XPATH, '//*[@role="tooltip"][contains(., "只有主管可以作废收据")]')))
    assert tip.get_property("innerText").strip() == "只有主管可以作废收据"
    desk.shot("13-clerk-receipts")

    # Reached anyway (past the greyed button) without a supervisor's sign-in on the spot, the core refuses.
    outcome, error = desk.invoke("void_receipt", {"receiptNo": "SF0000001", "reason": "试试"})
    assert outcome == "error"
    assert error["code"] == "staff.approval_needed"
    assert error["message"].startswith("作废收据需要主管授权。"), error["message"]

    with sqlite3.connect(f"file:{paid.db}?mode=ro", uri=True) as db:
        assert db.execute("select count(*) from receipt_voids").fetchone()[0] == 0
    assert paid.balance("3-2-1502")["owed"] == "0.00"
    roles = {s["name"]: s["role"] for s in paid("staff", "list")["staff"]}
    assert roles[CLERK[0]] == "clerk"
