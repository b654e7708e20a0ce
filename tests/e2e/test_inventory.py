"""Cards and the monthly count (卡证与盘点) at the desk: a clerk adds resident
cards to stock, issues one to 张三 with the estate's ¥50 deposit (its 押金收据
saved and read back), then runs the month's count from the keyboard: Enter marks
a card found, Q marks one missing, the difference is explained, and the clerk's
sign-off is approved on the spot by the supervisor (主管授权). The CLI reads back
what the screen did."""

from selenium.webdriver.common.keys import Keys

from conftest import CLERK, SUPERVISOR
from estate_cli import pdf_text, receipts_dir


def test_a_card_is_issued_with_its_deposit_receipt_and_a_count_is_signed_off(launch, estate):
    estate.add_staff(*CLERK, "前台", operator=SUPERVISOR[0], operator_password=SUPERVISOR[1])
    estate("settings", "set", "inventory_card_deposit", "50")
    desk = launch(estate.db)
    desk.sign_in(*CLERK)
    desk.click("menu-inventory")
    desk.find("inventory-stock")

    # 入库: a range of three cards.
    desk.click("stock-add")
    desk.find("stock-dialog")
    assert desk.focused("stock-serials"), "the serials take the focus"
    desk.driver.switch_to.active_element.send_keys("ZH0001..ZH0003")
    assert desk.shows("stock-dialog", "共 3 件")
    desk.click("stock-dialog-submit")
    desk.gone("stock-dialog")
    desk.text_is("stock-counts", "共 3 件，在库 3，已发出 0")

    # 发放 to the owner of 3-2-1502: the deposit is taken and its receipt saved.
    desk.click("stock-issue-ZH0001")
    desk.find("issue-dialog")
    assert desk.find("issue-serial").get_property("value") == "ZH0001"
    desk.type("issue-unit", "3栋2单元1502").send_keys(Keys.ENTER)
    desk.gone("issue-dialog")
    desk.text_is("stock-counts", "共 3 件，在库 2，已发出 1")
    receipt = receipts_dir(estate.db) / "YJ0000001.pdf"
    desk.wait().until(lambda _: receipt.exists())
    text = pdf_text(receipt)
    for want in ("押金收据", "YJ0000001", "3-2-1502", "张三", "门禁卡押金（住户卡 ZH0001）", "50.00", "伍拾元整", CLERK[0]):
        assert want in text, f"{want} on the deposit receipt:\n{text}"
    assert desk.shows("stock-table", "YJ0000001")
    desk.shot("70-inventory-stock")
    held = estate("deposit", "list", "--held")
    assert (held["count"], held["held"], held["deposits"][0]["receipt_no"]) == (1, "50.00", "YJ0000001")

    # The count: the expected list, Enter marks the cursor's card found, Q marks the next missing.
    desk.tab("count")
    desk.click("count-start")
    desk.text_is("count-status-1", "已发出")
    desk.text_is("count-status-2", "未点")
    # The keys go to the list (a click on it would also move the cursor to the row clicked).
    desk.driver.execute_script("arguments[0].focus()", desk.find("count-sheet"))
    assert desk.active_test() == "count-sheet"
    desk.driver.switch_to.active_element.send_keys(Keys.ENTER)
    desk.text_is("count-status-2", "相符")
    desk.driver.switch_to.active_element.send_keys("q")
    desk.text_is("count-status-3", "缺失")
    assert desk.shows("count-holdup", "还有 1 处差异没有写说明")
    assert not desk.find("count-sign-off").is_enabled(), "a difference needs its explanation first"
    desk.type("count-note-3", "借给装修队试门禁，尚未归还").send_keys(Keys.ENTER)
    desk.wait().until(lambda _: desk.find("count-sign-off").is_enabled())
    assert desk.all("count-holdup") == []
    desk.shot("71-inventory-count")

    # The clerk's sign-off is a supervisor's, given on the spot.
    desk.click("count-sign-off")
    desk.find("approval")
    assert desk.text("approval-action").strip().startswith("盘点") and "签字结束" in desk.text("approval-action")
    desk.type("approval-name", SUPERVISOR[0])
    desk.type("approval-password", SUPERVISOR[1]).send_keys(Keys.ENTER)
    desk.gone("approval")
    assert desk.shows("count-closed", f"签字主管 {SUPERVISOR[0]}")
    desk.shot("72-inventory-count-signed")

    shown = estate("count", "show", "1")
    assert (shown["closed"]["closed_by"], shown["closed"]["signed_off_by"], shown["differences"]) == (CLERK[0], SUPERVISOR[0], 1)
    assert [(l["label"], l["status"], l["note"]) for l in shown["lines"]] == [
        ("ZH0001", "已发出", ""), ("ZH0002", "相符", ""), ("ZH0003", "缺失", "借给装修队试门禁，尚未归还")]
    code, refused = estate.run("count", "record", "1", "2", "--missing", "--note", "x")
    assert (code, refused["code"]) == (2, "inventory.count_closed")
