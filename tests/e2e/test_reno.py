"""A renovation permit in the real window, from application to deposit refund:
a clerk files the application, a supervisor approves on the spot (主管授权),
fees and deposit are taken, the permit is issued and its PDF read back; an
inspection records a violation that shows on the home card, it is put right;
a waterproof test, completion, acceptance, the refund with one deduction and
its voucher read back; the CLI confirms the deposit went back."""

import datetime
import glob

from selenium.webdriver.common.keys import Keys

from conftest import CLERK, SUPERVISOR
from estate_cli import pdf_text


def squeezed(path):
    return "".join(pdf_text(path).split())


def saved(db, stem):
    """The newest PDF the app saved in the 装修 folder beside the estate file under `stem`."""
    found = sorted(glob.glob(str(db.parent / "装修" / f"{stem}-*.pdf")))
    assert found, f"no {stem} PDF saved in {db.parent / '装修'}"
    return found[-1]


def approve_on_the_spot(desk, action):
    desk.find("approval")
    assert desk.shows("approval-action", action)
    assert desk.focused("approval-name")
    desk.type("approval-name", SUPERVISOR[0])
    desk.type("approval-password", SUPERVISOR[1]).send_keys(Keys.ENTER)
    desk.gone("approval")


def step(desk, action, first=None):
    """Opens a step's dialog from the permit's buttons; waits for its first field's focus."""
    desk.click(f"reno-act-{action}")
    desk.find("reno-step")
    if first:
        assert desk.focused(first)


def submit_step(desk):
    desk.click("reno-step-submit")


def status(desk, label):
    desk.text_is("reno-detail-status", label)


def test_a_permit_from_application_to_refund(launch, estate):
    estate.add_staff(*CLERK, "前台", operator=SUPERVISOR[0], operator_password=SUPERVISOR[1])
    today = datetime.date.today()
    desk = launch(estate.db)
    desk.sign_in(*CLERK)
    desk.click("menu-reno")
    desk.find("reno")

    # The application, typed by the clerk.
    desk.click("reno-apply-open")
    desk.find("reno-apply")
    assert desk.focused("reno-apply-unit")
    desk.type("reno-apply-unit", "3-2-1502")
    desk.type("reno-apply-applicant", "张三")
    desk.type("reno-apply-contractor", "美家装饰公司")
    desk.type("reno-apply-foreman", "刘工")
    desk.type("reno-apply-foreman-phone", "13900001234")
    desk.click("reno-apply-scope-墙体")
    desk.click("reno-apply-scope-水电")
    desk.type("reno-apply-start", str(today))
    desk.type("reno-apply-end", str(today + datetime.timedelta(days=40)))
    desk.type("reno-apply-worker-name-0", "王师傅")
    desk.type("reno-apply-worker-id-0", "123X")
    desk.shot("90-reno-apply")
    desk.type("reno-apply-attachments", "平面图 1 张").send_keys(Keys.ENTER)
    desk.gone("reno-apply")
    status(desk, "已申请")

    # Approval is a supervisor's: asked for on the spot.
    step(desk, "approve", "reno-step-note")
    submit_step(desk)
    approve_on_the_spot(desk, "批准装修申请 3-2-1502")
    desk.gone("reno-step")
    status(desk, "已批准")

    # Fees and deposit: the dialog shows what is due and fills the total.
    step(desk, "pay")
    assert desk.shows("reno-step-fees", "2,000.00")
    assert desk.shows("reno-step-fees", "268.50")
    submit_step(desk)
    desk.gone("reno-step")
    status(desk, "已缴费")
    assert desk.shows("reno-detail-deposit", "在押 ¥2,000.00")

    # The permit is issued and its PDF saved beside the estate file.
    desk.click("reno-act-issue")
    status(desk, "施工中")
    no = f"ZX{today.year}-0001"
    assert desk.shows("reno-detail-no", no)
    permit = squeezed(saved(estate.db, "装修许可证-1"))
    for expected in [f"许可证号：{no}", "房号3-2-1502", "业主张三（业主）", "施工单位美家装饰公司", "施工负责人刘工电话13900001234", "施工范围墙体、水电", "施工时间及管理规定"]:
        assert expected in permit, f"{expected} not in the permit: {permit}"
    desk.shot("91-reno-issued")

    # A daily inspection finds rubbish in the corridor: a violation, on the home card.
    step(desk, "inspect", "reno-step-day")
    desk.type("reno-step-inspector", "巡查员老周")
    desk.click("reno-step-problem-3")
    desk.type("reno-step-what-3", "楼道堆放建筑垃圾")
    submit_step(desk)
    desk.gone("reno-step")
    assert desk.shows("reno-violations", "楼道堆放建筑垃圾")
    desk.click("menu-home")
    assert desk.shows("home-reno", "楼道堆放建筑垃圾")
    assert desk.shows("home-reno", "未整改违规 1 项")
    desk.shot("92-reno-home-violation")

    # Put right, from the permit opened again from the home card's link.
    desk.click("home-reno-open")
    desk.click("reno-open-1")
    desk.click("reno-fix-1")
    desk.find("reno-step")
    assert desk.focused("reno-step-note")
    desk.type("reno-step-note", "已清运，复查合格").send_keys(Keys.ENTER)
    desk.gone("reno-step")
    desk.gone("reno-fix-1")

    # The waterproof test (the scope has 水电), completion, acceptance.
    step(desk, "waterproof", "reno-step-start")
    now = datetime.datetime.now().replace(second=0, microsecond=0)
    desk.type("reno-step-start", (now - datetime.timedelta(hours=50)).strftime("%Y-%m-%d %H:%M"))
    desk.type("reno-step-end", (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"))
    desk.type("reno-step-below-note", "楼下无渗漏")
    submit_step(desk)
    desk.gone("reno-step")
    assert desk.shows("reno-waterproof", "合格")
    step(desk, "complete", "reno-step-note")
    submit_step(desk)
    desk.gone("reno-step")
    status(desk, "待验收")
    step(desk, "accept", "reno-step-note")
    desk.type("reno-step-note", "验收合格")
    submit_step(desk)
    approve_on_the_spot(desk, "竣工验收通过 3-2-1502")
    desk.gone("reno-step")
    status(desk, "已验收")

    # The refund with one deduction; the voucher is saved and read back.
    step(desk, "refund", "reno-step-deduct-amount-0")
    desk.type("reno-step-deduct-amount-0", "300")
    desk.type("reno-step-deduct-reason-0", "楼道墙面损坏修复")
    assert desk.shows("reno-step-figures", "实退 ¥1,700.00")
    desk.shot("93-reno-refund")
    submit_step(desk)
    approve_on_the_spot(desk, "退装修押金 3-2-1502")
    desk.gone("reno-step")
    status(desk, "押金已退")
    assert desk.shows("reno-detail-deposit", "已退 ¥1,700.00，扣款 ¥300.00")
    voucher = squeezed(saved(estate.db, "押金退还单-1"))
    for expected in ["装修押金退还单", f"许可证号：{no}", "收取押金¥2,000.00", "1楼道墙面损坏修复300.00", "扣款合计300.00", "壹仟柒佰元整¥1,700.00",
                     f"经办人：{CLERK[0]}审批主管：{SUPERVISOR[0]}"]:
        assert expected in voucher, f"{expected} not in the voucher: {voucher}"
    desk.shot("94-reno-refunded")

    # The CLI confirms: nothing held, 1,700.00 back and 300.00 kept, by the clerk with the supervisor's approval.
    deposits = estate("deposit", "list", "3-2-1502")["deposits"]
    reno = [d for d in deposits if d["kind"] == "装修押金"]
    assert [(d["amount"], d["refunded"], d["deducted"], d["held"]) for d in reno] == [("2000.00", "1700.00", "300.00", "0.00")]
    assert [(r["operator"], r["approved_by"]) for r in reno[0]["refunds"]] == [(CLERK[0], SUPERVISOR[0])]
    assert estate("reno", "show", "1")["status"] == "refunded"
