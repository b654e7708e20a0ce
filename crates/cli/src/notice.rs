//! `estate notice`: notices for the notice board (通知/公告) — the office's
//! templates, notices issued from them with their placeholders filled, the A4
//! PDF to post, the plain text to send, withdrawal. Not `bill notices` (收费通知单).

use std::path::PathBuf;

use clap::Subcommand;
use estate_core::Result;
use estate_core::bulletins::{self, Bulletin, NewBulletin, Template, TemplateText, rules};
use estate_core::error::FileError;
use estate_core::staff::Permission;
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum NoticeCommand {
    /// 通知模板：列出、查看、新增、修改（新增和修改为主管操作）
    #[command(subcommand)]
    Template(TemplateCommand),
    /// 发布通知：从模板生成，每个占位符用 --set 键=值 填写（{小区}{电话}{落款}{日期} 自动填写）
    Add {
        /// 模板名称（如 停水通知）或编号
        #[arg(long)]
        template: String,
        /// 占位符的内容，如 --set 开始=11月25日8:00 --set 范围=3栋全体住户（可写多个）
        #[arg(long = "set", value_name = "键=值")]
        set: Vec<String>,
        /// 通知日期，如 2026-11-23（默认今天）
        #[arg(long, default_value = "")]
        date: String,
    },
    /// 通知列表（最新的在前，撤回的标明）
    List,
    /// 一份通知的全文
    Show {
        /// 通知编号（如 GG20261123-01）
        notice: String,
    },
    /// 打印通知（A4 PDF，张贴用）
    Pdf {
        notice: String,
        #[arg(long)]
        out: PathBuf,
        /// 在落款处留出盖章处
        #[arg(long)]
        seal: bool,
    },
    /// 通知的纯文本（标题、正文、落款），用于微信群或短信；--out 保存为 .txt
    Text {
        notice: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// 撤回通知（写明原因；撤回后不能再打印或复制）
    Withdraw {
        notice: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Subcommand)]
pub enum TemplateCommand {
    /// 模板列表：名称、标题、要填写的占位符
    List,
    /// 一个模板的全文
    Show {
        /// 模板名称或编号
        template: String,
    },
    /// 新增模板：占位符写成 {开始} 这样（主管）
    Add {
        /// 模板名称，如 停气通知
        name: String,
        #[arg(long)]
        title: String,
        /// 正文，分段用换行
        #[arg(long)]
        body: String,
    },
    /// 修改模板：只改写出的部分；已发布的通知不变（主管）
    Set {
        /// 模板名称或编号
        template: String,
        /// 新名称
        #[arg(long, default_value = "")]
        name: String,
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long, default_value = "")]
        body: String,
    },
}

pub fn notice(ctx: &Ctx, c: NoticeCommand) -> Result<Reply> {
    let mut db = ctx.open()?;
    let (b, title): (Bulletin, String) = match c {
        NoticeCommand::Template(c) => return template(ctx, c),
        NoticeCommand::Add { template, set, date } => {
            let values = set.iter().map(|s| rules::parse_set(s)).collect::<Result<Vec<_>, _>>()?;
            let n = NewBulletin { template, values, date };
            let b = ctx.write(&mut db, Permission::Service, |tx| bulletins::issue(tx, &n))?;
            let title = format!("已发布通知 {}（{}）", b.bulletin_no, b.operator);
            (b, title)
        }
        NoticeCommand::List => {
            let all = bulletins::list(db.conn())?;
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|b| {
                    let state = b.withdrawn.as_ref().map_or_else(String::new, |w| format!("已撤回：{}", w.reason));
                    vec![b.bulletin_no.clone(), b.title.clone(), b.dated.clone(), b.template_name.clone(), b.operator.clone(), state]
                })
                .collect();
            let mut text = format!("通知 {} 份\n", all.len());
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["编号", "标题", "日期", "模板", "发布人", "状态"], &rows, &[]);
            }
            return Ok(Reply::new(&json!({ "notices": all, "count": all.len() }), text));
        }
        NoticeCommand::Show { notice } => {
            let id = bulletins::find(db.conn(), &notice)?;
            (bulletins::get(db.conn(), id)?, "通知".into())
        }
        NoticeCommand::Pdf { notice, out, seal } => {
            let id = bulletins::find(db.conn(), &notice)?;
            let pdf = bulletins::pdf(db.conn(), id, seal)?;
            FileError::write(&out, &pdf)?;
            let b = bulletins::get(db.conn(), id)?;
            let path = out.display().to_string();
            return Ok(Reply::new(&json!({ "bulletin_no": b.bulletin_no, "file": path, "bytes": pdf.len() }), format!("通知 {} 已保存到 {path}", b.bulletin_no)));
        }
        NoticeCommand::Text { notice, out } => {
            let id = bulletins::find(db.conn(), &notice)?;
            let text = bulletins::text(db.conn(), id)?;
            let b = bulletins::get(db.conn(), id)?;
            return Ok(match out {
                Some(out) => {
                    FileError::write(&out, text.as_bytes())?;
                    let path = out.display().to_string();
                    Reply::new(&json!({ "bulletin_no": b.bulletin_no, "text": text, "file": path }), format!("通知 {} 的文本已保存到 {path}", b.bulletin_no))
                }
                None => Reply::new(&json!({ "bulletin_no": b.bulletin_no, "text": text }), text),
            });
        }
        NoticeCommand::Withdraw { notice, reason } => {
            let id = bulletins::find(db.conn(), &notice)?;
            let b = ctx.write(&mut db, Permission::Service, |tx| bulletins::withdraw(tx, id, &reason))?;
            let title = format!("已撤回通知 {}", b.bulletin_no);
            (b, title)
        }
    };
    Ok(Reply::new(&b, bulletin_text(&b, &title)))
}

fn bulletin_text(b: &Bulletin, title: &str) -> String {
    let mut rows = vec![
        ("编号", b.bulletin_no.clone()),
        ("标题", b.title.clone()),
        ("日期", b.date_text.clone()),
        ("落款", b.issuer.clone()),
        ("模板", b.template_name.clone()),
        ("发布人", format!("{}（{}）", b.operator, b.issued_at.get(..16).unwrap_or_default().replace('T', " "))),
    ];
    if let Some(w) = &b.withdrawn {
        rows.push(("已撤回", format!("{}（{} {}）", w.reason, w.operator, w.at.get(..16).unwrap_or_default().replace('T', " "))));
    }
    format!("{title}\n{}\n{}\n", fields(&rows), b.body)
}

fn template(ctx: &Ctx, c: TemplateCommand) -> Result<Reply> {
    let mut db = ctx.open()?;
    let today = db.now().date_naive();
    let (t, title): (Template, String) = match c {
        TemplateCommand::List => {
            let all = bulletins::templates(db.conn(), today)?;
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|t| vec![t.id.to_string(), t.name.clone(), t.title.clone(), braced(&t.to_type), t.used.to_string()])
                .collect();
            let mut text = format!("通知模板 {} 个（{{小区}}{{电话}}{{落款}}{{日期}} 自动填写）\n\n", all.len());
            text += &table(&["编号", "名称", "标题", "发布时填写", "已发布"], &rows, &[4]);
            return Ok(Reply::new(&json!({ "templates": all, "count": all.len() }), text));
        }
        TemplateCommand::Show { template } => {
            let id = bulletins::find_template(db.conn(), &template)?;
            (bulletins::template(db.conn(), id, today)?, "通知模板".into())
        }
        TemplateCommand::Add { name, title, body } => {
            let t = TemplateText { name, title, body };
            let t = ctx.write(&mut db, Permission::EditSettings, |tx| bulletins::add_template(tx, &t))?;
            let title = format!("已新增通知模板“{}”", t.name);
            (t, title)
        }
        TemplateCommand::Set { template, name, title, body } => {
            let id = bulletins::find_template(db.conn(), &template)?;
            let edit = TemplateText { name, title, body };
            let t = ctx.write(&mut db, Permission::EditSettings, |tx| bulletins::edit_template(tx, id, &edit))?;
            let title = format!("已修改通知模板“{}”（已发布的 {} 份通知不变）", t.name, t.used);
            (t, title)
        }
    };
    Ok(Reply::new(&t, template_text(&t, &title)))
}

fn braced(names: &[String]) -> String {
    names.iter().map(|n| format!("{{{n}}}")).collect::<Vec<_>>().join("")
}

fn template_text(t: &Template, title: &str) -> String {
    let automatic: Vec<String> = t.automatic.iter().map(|f| format!("{{{}}} = {}", f.name, if f.value.is_empty() { "（未设置，发布时须填写）" } else { f.value.as_str() })).collect();
    let rows = vec![
        ("名称", t.name.clone()),
        ("标题", t.title.clone()),
        ("发布时填写", if t.to_type.is_empty() { "（无）".into() } else { braced(&t.to_type) }),
        ("自动填写", if automatic.is_empty() { "（无）".into() } else { automatic.join("，") }),
        ("修改", format!("{}（{}）", t.updated_by, t.updated_at.get(..16).unwrap_or_default().replace('T', " "))),
        ("已发布", format!("{} 份", t.used)),
    ];
    format!("{title}\n{}\n{}\n", fields(&rows), t.body)
}
