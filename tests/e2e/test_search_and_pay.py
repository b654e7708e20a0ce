"""The front desk's everyday path: find the owner by pinyin initials, take the
money, the receipt PDF is saved beside the estate file, the card shows the new balance."""

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from conftest import SUPERVISOR
from estate_cli import pdf_text, receipts_dir

# 3-2-1502 (张三, 89.50 ㎡): ¥1,234.50 owed from before plus 物业服务费 2.50/㎡ for 2026-08..10 (3 × 223.75).
OWED = "1905.75"


def test_pinyin_initials_find_zhang_san_and_open_his_card(launch, estate):
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.shot("05-home-signed-in")

    ActionChains(desk.driver).send_keys("/").perform()
    assert desk.focused("search"), "/ jumps to the search box"
    desk.driver.switch_to.active_element.send_keys("zs")
    hits = '[data-test="search-hit"][data-unit="3-2-1502"]'
    hit = desk.wait().until(lambda d: next((e for e in d.find_elements(By.CSS_SELECTOR, hits) if e.is_displayed()), None))
    assert "张三" in hit.get_property("innerText")
    desk.shot("06-search-zs")
    hit.click()

    desk.text_is("unit-code", "3-2-1502")
    assert desk.shows("unit-occupants", "张三")
    assert desk.shows("unit-occupants", "138****0001"), "phones are masked on screen"
    desk.text_is("unit-owed", "¥1,905.75")
    desk.shot("07-unit-card")


def test_payment_saves_the_receipt_and_the_card_shows_the_new_balance(launch, estate):
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.open_unit("3-2-1502")
    desk.click("unit-pay")

    desk.text_is("pay-owed", "¥1,905.75")
    assert desk.find("pay-amount").get_attribute("value") == OWED, "the amount starts as everything owed"
    desk.type("pay-amount", "2000.00")
    assert desk.shows("pay-panel", "多出 ¥94.25 转为预存")
    desk.click("pay-method-wechat")
    desk.type("pay-reference", "WX20261105001")
    desk.shot("08-take-payment")
    desk.click("pay-submit")
    desk.find("pay-confirm-dialog")
    desk.click("pay-confirm")

    desk.text_is("pay-result-receipt", "SF0000001")
    pdf = receipts_dir(estate.db) / "SF0000001.pdf"
    assert str(pdf) in desk.text("pay-result-pdf")
    desk.shot("09-receipt")
    text = pdf_text(pdf)
    for want in ("3-2-1502", "张三", "2,000.00", "贰仟元整", "SF0000001", "微信"):
        assert want in text, f"{want} on the receipt PDF:\n{text}"

    desk.click("pay-done")
    desk.text_is("unit-owed", "¥0.00")
    desk.text_is("unit-prepaid", "¥94.25")
    balance = estate.balance("3-2-1502")
    assert (balance["owed"], balance["prepaid"]) == ("0.00", "94.25")
    desk.tab("receipts")
    assert desk.shows("receipts", "SF0000001") and desk.shows("receipts", "已打印")
