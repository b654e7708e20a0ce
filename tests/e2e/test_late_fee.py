"""Late fees at the desk: a supervisor sets 物业服务费's rule on the 收费项目 screen,
then takes a payment on 张三's overdue bills. The panel shows each bill's late fee
to date, the receipt has a line of its own for each, and `estate late-fee show`
(the same day, before the payment) gives the same figures."""

from decimal import Decimal

import pytest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import CLERK, SUPERVISOR
from estate_cli import pdf_text, receipts_dir


def grouped(amount):
    return f"{Decimal(amount):,.2f}"


def pay_and_confirm(desk, late_fees, approver=None):
    """Takes the payment as the panel offers it (a clerk's waiver approved by `approver` in the
    主管授权 dialog); checks the late fees collected and returns the receipt number."""
    desk.click("pay-submit")
    desk.find("pay-confirm-dialog")
    desk.click("pay-confirm")
    if approver:
        desk.find("approval")
        assert desk.focused("approval-name")
        desk.type("approval-name", approver[0])
        desk.type("approval-password", approver[1]).send_keys(Keys.ENTER)
        desk.gone("approval")
    desk.text_is("pay-result-late-fees", f"¥{grouped(late_fees)}")
    return desk.text("pay-result-receipt")


def test_a_late_fee_set_on_screen_is_collected_first_and_agrees_with_the_cli(launch, estate):
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.click("menu-fee-items")
    desk.tab("late-fees")
    desk.click("late-fee-set-物业服务费")
    assert desk.focused("late-fee-rate"), "the first field takes the focus"
    desk.type("late-fee-rate", "万分之三")
    desk.type("late-fee-grace", "15")
    desk.type("late-fee-cap", "100")
    desk.find("late-fee-from").find_element(By.CSS_SELECTOR, "input").send_keys("2026-01-01", Keys.ENTER)
    desk.click("late-fee-dialog-submit")
    desk.shows("late-fee-table", "0.0003（万分之3）")
    desk.shows("late-fee-table", "2026-01-01")
    rules = estate("late-fee", "list")["rules"]
    assert [(r["item"], r["daily_rate"], r["grace_days"], r["cap_percent"], r["from"]) for r in rules] == [("物业服务费", "0.0003", 15, 100, "2026-01-01")]
    desk.shot("30-late-fee-rules")

    shown = estate("late-fee", "show", "3-2-1502")
    owed = [b for b in shown["bills"] if Decimal(b["late_fee"]) > 0]
    assert len(owed) == 3, f"August to October are past their grace days: {shown}"
    total = shown["total"]

    desk.open_unit("3-2-1502")
    desk.click("unit-pay")
    for b in owed:
        desk.text_is(f"pay-late-fee-{b['bill_id']}", grouped(b["late_fee"]))
    desk.text_is("pay-late-fee-total", f"¥{grouped(total)}")
    everything = Decimal(estate.balance("3-2-1502")["owed"]) + Decimal(total)
    assert desk.find("pay-amount").get_attribute("value") == f"{everything:.2f}", "the amount starts as everything owed, late fees included"
    desk.shot("31-pay-with-late-fee")

    receipt = pay_and_confirm(desk, total)
    desk.shot("32-paid-with-late-fee")
    text = pdf_text(receipts_dir(estate.db) / f"{receipt}.pdf")
    for b in owed:
        line = next(l for l in text.splitlines() if f"违约金（物业服务费 {b['period']}）" in l)
        assert grouped(b["late_fee"]) in line.split(), f"the receipt's late-fee line for {b['period']}: {line}"
    assert estate("late-fee", "show", "3-2-1502")["total"] == "0.00", "collected: nothing more today"
    assert estate.balance("3-2-1502")["owed"] == "0.00"


@pytest.mark.parametrize("who", ["supervisor", "clerk"])
def test_a_supervisor_waives_one_late_fee_with_a_reason_and_the_receipt_says_so(launch, estate, who):
    """The supervisor at the desk, or a clerk with the supervisor's sign-in on the spot (主管授权)."""
    clerk = who == "clerk"
    if clerk:
        estate.add_staff(*CLERK, "前台", operator=SUPERVISOR[0], operator_password=SUPERVISOR[1])
    estate("late-fee", "set", "物业服务费", "--rate", "万分之三", "--grace", "15", "--cap-percent", "100", "--from", "2026-01-01")
    shown = estate("late-fee", "show", "3-2-1502")
    oldest, *rest = [b for b in shown["bills"] if Decimal(b["late_fee"]) > 0]
    assert rest, f"more than one bill owes a late fee: {shown}"
    kept = sum(Decimal(b["late_fee"]) for b in rest)

    desk = launch(estate.db)
    desk.sign_in(*(CLERK if clerk else SUPERVISOR))
    desk.open_unit("3-2-1502")
    desk.click("unit-pay")
    # Once the late fees have loaded (a load resets any waiver being typed), waive the oldest.
    desk.text_is(f"pay-late-fee-{oldest['bill_id']}", grouped(oldest["late_fee"]))
    desk.click(f"pay-late-fee-waive-{oldest['bill_id']}")
    assert desk.focused("late-fee-waive-reason"), "the reason takes the focus"
    if clerk:
        assert desk.shows("late-fee-waive-approval-hint", "主管授权"), "a clerk is told a supervisor will be asked"
    desk.type("late-fee-waive-reason", "首次逾期")
    desk.click("late-fee-waive-submit")
    desk.gone("late-fee-waive")  # its overlay fades out before the panel takes clicks again
    desk.text_is(f"pay-late-fee-waived-{oldest['bill_id']}", f"已减免 {grouped(oldest['late_fee'])}")
    everything = Decimal(estate.balance("3-2-1502")["owed"]) + kept
    assert desk.find("pay-amount").get_attribute("value") == f"{everything:.2f}", "the waived late fee is no longer asked for"
    desk.shot(f"33-late-fee-waived-{who}")

    receipt = pay_and_confirm(desk, kept, approver=SUPERVISOR if clerk else None)
    desk.text_is("pay-result-late-fees-waived", f"¥{grouped(oldest['late_fee'])}")
    if clerk:
        desk.text_is("pay-result-approved-by", SUPERVISOR[0])
    text = pdf_text(receipts_dir(estate.db) / f"{receipt}.pdf")
    line = next((l for l in text.splitlines() if "已减免" in l), "")
    assert f"已减免 {grouped(oldest['late_fee'])} 元" in " ".join(line.split()), f"the receipt has a line for the waived late fee: {text}"
    assert estate("late-fee", "show", "3-2-1502")["total"] == "0.00", "waived and collected: nothing more today"
    assert estate.balance("3-2-1502")["owed"] == "0.00"
