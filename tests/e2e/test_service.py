"""The service desk (报修投诉) in the real window: a complaint taken on the phone
and followed step by step to the return visit, and a repair from the request
to the closed work order with its charge taken at the desk. The ledger and the
request are read back through the command line."""

import datetime

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as seen

from conftest import SUPERVISOR


def choose(desk, group, label):
    """Clicks the radio button `label` in the el-radio-group named `group`."""
    button = f"//*[@data-test='{group}']//label[normalize-space(.)='{label}']"
    desk.wait().until(seen.element_to_be_clickable((By.XPATH, button))).click()


def step(desk, name, fields=()):
    """Clicks the request's next-step button, fills the dialog (focus first), submits it."""
    desk.click(f"request-step-{name}")
    desk.find("request-step")
    for test, text in fields:
        desk.type(test, text)
    desk.click("request-step-submit")
    desk.gone("request-step")


def order_step(desk, name, fields=()):
    desk.click(f"order-{name}")
    desk.find("order-step")
    for test, text in fields:
        desk.type(test, text)
    desk.click("order-step-submit")
    desk.gone("order-step")


def take(desk, kind, content, subject=None):
    desk.click("request-new")
    assert desk.focused("request-add-caller"), "the dialog waits for the caller's name"
    desk.type("request-add-caller", "张三")
    desk.type("request-add-unit", "3-2-1502")
    desk.type("request-add-phone", "13812345678")
    choose(desk, "request-add-kind", kind)
    if subject:
        desk.pick("request-add-subject", subject)
    desk.type("request-add-content", content)
    desk.click("request-add-submit")
    desk.gone("request-add")


def test_a_complaint_goes_from_the_phone_call_to_the_return_visit(launch, estate):
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.menu("menu-service-group", "menu-service")
    desk.find("service")
    take(desk, "投诉", "楼上漏水到我家吊顶，三天没人管", subject="服务质量")
    assert desk.shows("request-list", "TS")
    desk.shot("80-service-taken")
    no = estate("request", "list")["requests"][0]["request_no"]
    desk.driver.find_element(By.XPATH, f"//*[@data-test='request-list']//td[normalize-space(.)='{no}']").click()
    desk.text_is("request-detail-status", "已登记")
    # The database refuses a visit before the reply: the screen offers only the next step.
    assert not desk.all("request-step-visited")
    step(desk, "classified")
    desk.text_is("request-detail-status", "已定性")
    step(desk, "investigated", [("request-step-note", "1602 卫生间防水层破损")])
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    step(desk, "assigned", [("request-step-responsible", "赵工程"), ("request-step-deadline", tomorrow)])
    step(desk, "proposed", [("request-step-note", "通知 1602 维修防水，物业修复吊顶")])
    step(desk, "replied", [("request-step-note", "已约周四维修")])
    desk.text_is("request-detail-status", "已答复")
    step(desk, "visited", [("request-step-note", "已不漏，满意")])
    desk.text_is("request-detail-status", "已回访")
    assert desk.shows("request-steps", "电话答复") and desk.shows("request-steps", "满意")
    desk.shot("81-service-complaint-visited")
    shown = estate("request", "show", no)
    assert shown["status"] == "visited" and shown["owner"] == SUPERVISOR[0], shown
    assert [s["step"] for s in shown["steps"]] == ["classified", "investigated", "assigned", "proposed", "replied", "visited"]
    assert shown["steps"][4]["reply_channel"] == "phone" and shown["steps"][5]["satisfied"] is True


def test_a_repair_goes_from_the_request_to_the_closed_work_order(launch, estate):
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.menu("menu-service-group", "menu-service")
    take(desk, "报修", "厨房水龙头漏水")
    no = estate("request", "list")["requests"][0]["request_no"]
    desk.driver.find_element(By.XPATH, f"//*[@data-test='request-list']//td[normalize-space(.)='{no}']").click()
    desk.text_is("request-detail-status", "已登记")
    desk.click("request-order")
    assert desk.focused("order-add-location")
    desk.type("order-add-location", "厨房")
    desk.click("order-add-submit")
    desk.gone("order-add")
    desk.text_is("order-detail-status", "已报修")
    assert not desk.all("order-visited"), "no return visit before the repair is done"
    order_step(desk, "dispatched", [("order-step-technician", "赵师傅")])
    order_step(desk, "arrived")
    desk.click("order-done")
    desk.find("order-step")
    desk.type("order-step-materials", "水龙头 1 个")
    desk.type("order-step-charge", "50")
    choose(desk, "order-step-method", "现金")
    desk.click("order-step-submit")
    desk.gone("order-step")
    desk.text_is("order-detail-status", "已完工")
    assert desk.shows("order-detail", "收据 SF")
    order_step(desk, "visited")
    order_step(desk, "closed")
    desk.text_is("order-detail-status", "已关闭")
    desk.shot("82-service-order-closed")
    wx = estate("order", "list")["orders"][0]["order_no"]
    shown = estate("order", "show", wx)
    assert (shown["status"], shown["charge"], shown["technician"], shown["request_no"]) == ("closed", "50.00", "赵师傅", no), shown
    assert shown["receipt_no"].startswith("SF") and shown["outstanding"] == "0.00"
    desk.click("menu-home")
    desk.find("home-service")
    desk.shot("83-home-service")
