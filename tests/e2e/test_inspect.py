"""Inspections (巡检) in the real window: the weekly public round walked item by
item, finishing refused while items are unanswered (the core's message shown in
the window), one fault (电梯) that opens a public work order, read back through
the command line (`estate order show`, `estate inspect show`)."""


from conftest import SUPERVISOR


def test_a_weekly_round_with_a_fault_opens_a_work_order(launch, estate):
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.menu("menu-service-group", "menu-inspections")
    desk.find("inspections")
    assert desk.shows("inspect-due", "近 7 天没有公共区域巡检")

    desk.click("inspect-new")
    assert desk.focused("inspect-start-inspector"), "the dialog waits for the inspector"
    desk.type("inspect-start-inspector", "巡检员老周")
    desk.click("inspect-start-submit")
    desk.gone("inspect-start")
    desk.text_is("inspect-round-status", "进行中")
    no = desk.text("inspect-round-no").strip()
    assert no.startswith("XJ"), no

    # 异常 with what was found; the rest 正常 but one.
    desk.type("answer-note-7", "2 号楼电梯按钮失灵")
    desk.click("answer-fault-7")
    desk.text_is("answer-result-7", "异常")
    for n in range(1, 8):
        if n != 7:
            desk.click(f"answer-ok-{n}")
            desk.text_is(f"answer-result-{n}", "正常")

    # The core refuses to finish with 绿化 unanswered, and the window says why.
    desk.click("inspect-finish")
    assert desk.shows("inspect-round-error", "还有 1 项没填：绿化")
    desk.shot("95-inspect-refused")
    desk.click("answer-ok-8")
    desk.text_is("answer-result-8", "正常")
    desk.click("inspect-finish")
    desk.text_is("inspect-round-status", "已完成")

    desk.click("answer-order-7")
    desk.find("inspect-order")
    # A public round's finding is a 公共设施 order unless the clerk picks another category.
    assert desk.shows("inspect-order-category", "公共设施")
    desk.click("inspect-order-submit")
    desk.gone("inspect-order")
    assert desk.shows("answer-order-no-7", "WX")
    desk.shot("96-inspect-finished-with-order")

    shown = estate("inspect", "show", no)
    assert shown["finished"] is True and shown["faults"] == 1, shown
    lift = shown["answers"][6]
    assert (lift["item"], lift["ok"], lift["note"]) == ("电梯", False, "2 号楼电梯按钮失灵"), lift
    order = estate("order", "show", lift["order_no"])
    assert (order["source"], order["source_ref"], order["area"], order["category"], order["location"]) == ("巡检", f"{no}/7", "public", "facilities", "电梯"), order
    assert order["status"] == "reported" and "2 号楼电梯按钮失灵" in order["description"], order

    desk.click("menu-home")
    desk.find("home-inspections")
    desk.shot("97-home-inspections")
