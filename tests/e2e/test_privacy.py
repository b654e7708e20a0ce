"""Personal data: a supervisor erases a former tenant's name, phones and ID number
from the unit card; the money history stays whole (balance, receipts) and the
audit chain and the ledger seal still verify."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen

from conftest import SUPERVISOR
from estate_cli import pdf_text


def test_a_supervisor_erases_a_former_tenant_and_the_money_history_stays(launch, estate, tmp_path):
    tenant = estate("unit", "occupant", "3-2-1502", "--name", "李租户", "--role", "tenant",
                    "--phone", "13912345678", "--from", "2025-01-01")
    paid = estate("pay", "3-2-1502", "--amount", "100.00", "--method", "cash", "--payer", "李租户")
    before = estate.balance("3-2-1502")
    occupancy = next(o for o in estate("unit", "show", "3-2-1502")["occupancies"] if o["person"]["id"] == tenant["person_id"])

    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    # The tenant moves out, as 迁出 on the card does it.
    assert desk.invoke("end_occupancy", {"unit": "3-2-1502", "occupancyId": occupancy["id"], "to": "2026-10-31"})[0] == "ok"
    desk.open_unit("3-2-1502")
    desk.tab("people")
    assert desk.shows("unit-history", "李租户")
    desk.click(f"person-erase-{occupancy['id']}")

    box = desk.wait().until(seen.visibility_of_element_located((By.CSS_SELECTOR, ".el-message-box")))
    assert "收款、收据、账单和余额不变" in box.text, box.text
    box.find_element(By.CSS_SELECTOR, "input").send_keys("租约结束两年，本人要求删除")
    desk.shot("60-erase-confirm")
    box.find_element(By.CSS_SELECTOR, ".el-message-box__btns .el-button--primary").click()

    placeholder = f"已删除住户#{tenant['person_id']}"
    assert desk.shows("unit-history", placeholder)
    assert "李租户" not in desk.text("unit-history")
    assert "5678" not in desk.text("unit-history"), "the phone is cleared"
    desk.shot("61-erased")

    # The money stays as it was; the receipt names the placeholder, not the tenant.
    assert estate.balance("3-2-1502") == before
    receipt = tmp_path / "receipt.pdf"
    estate("receipt", "pdf", paid["receipt_no"], "--out", receipt)
    text = pdf_text(receipt)
    assert placeholder in text and "李租户" not in text, text
    verified = estate("audit", "verify")
    assert verified["first_broken"] is None and verified["ledger"]["problem_count"] == 0, verified
