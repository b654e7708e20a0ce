-- Notices for the notice board (通知/公告, issue 9): the office's templates
-- and the notices issued from them. Not the billing notices (收费通知单,
-- `notices/`), which are printed from the ledger and stored nowhere.
--
-- A template is the office's wording, a title and a body with named
-- placeholders in braces ({开始} {结束} {范围}); it may be edited at any time
-- (the audit log keeps each version). A notice keeps the title and the body
-- as they were filled when it was issued, so a later edit of its template
-- changes nothing already posted. A notice is written once: a mistake is
-- withdrawn (撤回) with a reason, never edited or deleted.

CREATE TABLE bulletin_templates (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),   -- 停水通知
    title       TEXT NOT NULL CHECK (length(trim(title)) > 0),        -- printed large at the top
    body        TEXT NOT NULL CHECK (length(trim(body)) > 0),         -- paragraphs separated by '\n'
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
CREATE TRIGGER bulletin_templates_keep BEFORE DELETE ON bulletin_templates
BEGIN SELECT RAISE(ABORT, 'notice templates are never deleted'); END;

CREATE TABLE bulletins (
    id             INTEGER PRIMARY KEY,
    bulletin_no    TEXT NOT NULL UNIQUE,                 -- GG20261123-01: the day it was issued, its place that day
    template_id    INTEGER NOT NULL REFERENCES bulletin_templates(id),
    template_name  TEXT NOT NULL,                        -- the template's name when it was issued
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    body           TEXT NOT NULL CHECK (length(trim(body)) > 0),   -- every placeholder filled
    issuer         TEXT NOT NULL CHECK (length(trim(issuer)) > 0), -- the 落款 printed at the foot
    dated          TEXT NOT NULL,                        -- the date printed (2026-11-23)
    filled         TEXT NOT NULL DEFAULT '[]',           -- JSON [[name, value], …]: what was typed and taken from settings
    issued_at      TEXT NOT NULL,
    operator       TEXT NOT NULL
);
CREATE INDEX bulletins_by_dated ON bulletins(dated);
CREATE TRIGGER bulletins_write_once BEFORE UPDATE ON bulletins
BEGIN SELECT RAISE(ABORT, 'a notice is written once: withdraw it and issue another'); END;
CREATE TRIGGER bulletins_keep BEFORE DELETE ON bulletins
BEGIN SELECT RAISE(ABORT, 'notices are never deleted'); END;

-- A notice taken down (撤回), once, with the reason.
CREATE TABLE bulletin_withdrawals (
    bulletin_id  INTEGER PRIMARY KEY REFERENCES bulletins(id),
    reason       TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    at           TEXT NOT NULL,
    operator     TEXT NOT NULL
);
CREATE TRIGGER bulletin_withdrawals_write_once BEFORE UPDATE ON bulletin_withdrawals
BEGIN SELECT RAISE(ABORT, 'a withdrawal is written once'); END;
CREATE TRIGGER bulletin_withdrawals_keep BEFORE DELETE ON bulletin_withdrawals
BEGIN SELECT RAISE(ABORT, 'notices are never deleted'); END;

-- The four notices every office posts, in the words offices use; each estate edits them.
-- {小区} {电话} {落款} {日期} are filled from the settings and the notice's date; the others are typed.
INSERT INTO bulletin_templates (name, title, body, created_at, updated_at, updated_by) VALUES
('停水通知', '停水通知',
 '尊敬的各位业主、住户：' || char(10) ||
 '因{原因}，{小区}物业服务中心定于{开始}至{结束}对{范围}暂停供水。请各位住户提前做好储水准备，停水期间请关闭家中水龙头，以免恢复供水时跑水、漏水。如遇特殊情况，恢复供水时间将另行通知。' || char(10) ||
 '由此给您带来的不便，敬请谅解！如有疑问，请致电物业服务中心：{电话}。',
 strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '系统'),
('停电通知', '停电通知',
 '尊敬的各位业主、住户：' || char(10) ||
 '因{原因}，{小区}物业服务中心定于{开始}至{结束}对{范围}暂停供电。停电期间电梯、门禁和楼道照明将停止使用，请各位住户提前做好准备，关闭家用电器电源，切勿乘坐电梯；如有家人使用医疗用电设备，请提前告知物业服务中心。' || char(10) ||
 '由此给您带来的不便，敬请谅解！如有疑问，请致电物业服务中心：{电话}。',
 strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '系统'),
('收费期通知', '关于缴纳{费用}的通知',
 '尊敬的各位业主：' || char(10) ||
 '{小区}{费用}收缴工作即将开始，收费期为{开始}至{结束}。请各位业主在收费期内到{地点}缴纳，也可通过微信、支付宝或银行转账缴纳；已办理预存的，将从预存款中抵扣。' || char(10) ||
 '按时缴费是物业服务正常开展的保障，感谢您对物业服务工作的理解与支持！如有疑问，请致电物业服务中心：{电话}。',
 strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '系统'),
('消防演练通知', '消防演练通知',
 '尊敬的各位业主、住户：' || char(10) ||
 '为提高小区居民的消防安全意识和火灾应急处置能力，{小区}物业服务中心定于{开始}在{地点}组织消防演练。演练期间将鸣响警报、施放烟雾模拟火情，请大家不要惊慌，听从工作人员指挥，保持消防通道畅通。' || char(10) ||
 '欢迎各位业主、住户积极参加。如有疑问，请致电物业服务中心：{电话}。',
 strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '系统');
