"""The notice board (公告通知) in the real window: a 停水通知 issued from its
template — refused first while a placeholder is left empty, the refusal shown
in the dialog — then printed (the PDF saved in 公告/ beside the estate file
and read back), its text copied, and withdrawn. The notice is read back
through the command line."""

import glob

from selenium.webdriver.common.keys import Keys

from conftest import SUPERVISOR
from estate_cli import pdf_text


def printed(db, no):
    found = sorted(glob.glob(str(db.parent / "公告" / f"公告-{no}-*.pdf")))
    assert found, f"no PDF of {no} in {db.parent / '公告'}"
    return "".join(pdf_text(found[-1]).split())


def test_a_water_cut_notice_is_issued_printed_copied_and_withdrawn(launch, estate):
    estate("settings", "set", "office_phone", "0571-88886666")
    desk = launch(estate.db)
    desk.sign_in(*SUPERVISOR)
    desk.menu("menu-service-group", "menu-bulletins")
    desk.find("bulletins")
    desk.click("notice-new")
    desk.find("notice-issue")
    # 停水通知 is the first template: a field for each placeholder the clerk types.
    desk.type("notice-issue-field-原因", "二次供水管道检修")
    desk.type("notice-issue-field-开始", "11月25日8:00")
    desk.type("notice-issue-field-结束", "11月25日18:00")
    assert desk.shows("notice-issue-preview", "因二次供水管道检修，翠湖花园物业服务中心定于11月25日8:00至11月25日18:00对{范围}暂停供水")
    assert desk.shows("notice-issue-missing", "{范围}")
    # Issued with {范围} left empty: the core refuses and names it.
    desk.click("notice-issue-submit")
    assert desk.shows("notice-issue-error", "还有占位符没有填写：{范围}")
    desk.shot("90-notice-refused")
    assert estate("notice", "list")["count"] == 0, "nothing issued"

    desk.type("notice-issue-field-范围", "3栋、5栋全体住户")
    assert desk.shows("notice-issue-preview", "对3栋、5栋全体住户暂停供水")
    desk.click("notice-issue-submit")
    desk.gone("notice-issue")
    no = estate("notice", "list")["notices"][0]["bulletin_no"]
    desk.text_is("notice-detail-no", no)
    assert desk.shows("notice-detail-text", "0571-88886666")
    desk.click("notice-seal")
    desk.click("notice-print")
    assert desk.shows("status-line", "通知已保存到")
    text = printed(estate.db, no)
    for part in ["停水通知", f"编号：{no}", "尊敬的各位业主、住户：", "因二次供水管道检修", "对3栋、5栋全体住户暂停供水", "0571-88886666", "翠湖花园物业服务中心", "盖章处"]:
        assert part in text, f"{part} in {text}"
    desk.shot("91-notice-printed")

    desk.click("notice-copy")
    assert desk.shows("status-line", f"已复制通知 {no} 的文本")
    shown = estate("notice", "text", no)["text"]
    assert shown.startswith("停水通知\n\n尊敬的各位业主、住户：\n因二次供水管道检修"), shown

    desk.click("notice-withdraw")
    # What 复制文本 put on the clipboard, pasted into the first field at hand (a one-line field drops the line breaks).
    field = desk.find("notice-withdraw-reason")
    field.send_keys(Keys.CONTROL, "v")
    pasted = field.get_property("value")
    assert pasted.startswith("停水通知") and "因二次供水管道检修" in pasted and "翠湖花园物业服务中心" in pasted, pasted
    desk.type("notice-withdraw-reason", "停水改期")
    desk.click("notice-withdraw-dialog-submit")
    desk.gone("notice-withdraw-reason")
    assert desk.shows("notice-detail-withdrawn", "已撤回：停水改期")
    assert not desk.find("notice-print").is_enabled()
    desk.shot("92-notice-withdrawn")
    shown = estate("notice", "show", no)
    assert shown["withdrawn"]["reason"] == "停水改期" and shown["operator"] == SUPERVISOR[0], shown
