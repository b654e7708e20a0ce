//! `estate survey`: satisfaction surveys (满意度调查) — start one for a
//! half-year (taking over the last one's questions), its questions, one
//! answer sheet per visited unit, close it, the results beside the survey
//! before, and the A4 summary PDF.

use std::path::PathBuf;

use clap::{ArgGroup, Subcommand};
use estate_core::Result;
use estate_core::error::FileError;
use estate_core::register as reg;
use estate_core::staff::Permission;
use estate_core::surveys::rules::{moved, percent, shown};
use estate_core::surveys::{self, NewAnswer, NewSurvey, QuestionKind, Results, Survey};
use serde_json::json;

use crate::Ctx;
use crate::reply::{Reply, fields, table};

#[derive(Subcommand)]
pub enum SurveyCommand {
    /// 新建一次满意度调查（每半年一次）；--copy-last 沿用上一次调查的题目，便于对比
    Add {
        /// 调查名称，如 2026年下半年满意度调查
        name: String,
        /// 调查期间：2026年下半年、2026年上半年 或 2026-H2
        #[arg(long)]
        period: String,
        /// 开始日期（默认今天）
        #[arg(long, default_value = "")]
        opened: String,
        /// 沿用上一次调查的题目
        #[arg(long)]
        copy_last: bool,
    },
    /// 添加题目（排在最后）：--score 评分题（1–5 分）或 --comment 意见题；有答卷后不能再改
    #[command(group(ArgGroup::new("kind").required(true).args(["score", "comment"])))]
    Question {
        /// 调查（编号、名称或期间）
        survey: String,
        /// 评分题的题目
        #[arg(long)]
        score: Option<String>,
        /// 意见题的题目
        #[arg(long)]
        comment: Option<String>,
    },
    /// 录入一户的答卷：每道评分题打 1–5 分（按题目顺序，如 5,4,3），意见可不写；每户只收一份
    Answer {
        survey: String,
        /// 房号，如 3-2-1502
        unit: String,
        /// 各评分题的分数，按顺序：5,4,3（5 = 非常满意）
        #[arg(long)]
        score: String,
        /// 意见题的回答，按顺序，可写多次
        #[arg(long)]
        comment: Vec<String>,
        /// 答卷人（可不写）
        #[arg(long, default_value = "")]
        respondent: String,
        /// 走访人（默认录入的人）
        #[arg(long, default_value = "")]
        by: String,
        /// 走访日期（默认今天）
        #[arg(long, default_value = "")]
        on: String,
    },
    /// 结束调查：之后不再收答卷
    Close {
        survey: String,
        /// 结束日期（默认今天）
        #[arg(long, default_value = "")]
        on: String,
    },
    /// 调查列表（最近的在前）
    List,
    /// 一次调查的题目
    Show { survey: String },
    /// 调查结果：按题目、按楼栋、全小区，与上一次对比
    Results { survey: String },
    /// 打印调查汇总（A4 PDF）
    Pdf {
        survey: String,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn survey(ctx: &Ctx, c: SurveyCommand) -> Result<Reply> {
    let mut db = ctx.open()?;
    let (s, title): (Survey, String) = match c {
        SurveyCommand::Add { name, period, opened, copy_last } => {
            let new = NewSurvey { name, period, opened_on: opened, copy_last };
            let s = ctx.write(&mut db, Permission::Surveys, |tx| surveys::add(tx, &new))?;
            let title = if s.questions.is_empty() { format!("已新建调查 {}", s.name) } else { format!("已新建调查 {}，沿用上次的 {} 道题", s.name, s.questions.len()) };
            (s, title)
        }
        SurveyCommand::Question { survey, score, comment } => {
            let (kind, text) = match (score, comment) {
                (Some(t), _) => (QuestionKind::Score, t),
                (None, t) => (QuestionKind::Comment, t.unwrap_or_default()),
            };
            let id = surveys::find(db.conn(), &survey)?;
            (ctx.write(&mut db, Permission::Surveys, |tx| surveys::add_question(tx, id, kind, &text))?, "已添加题目".into())
        }
        SurveyCommand::Answer { survey, unit, score, comment, respondent, by, on } => {
            let scores = surveys::rules::parse_scores(&score)?;
            let id = surveys::find(db.conn(), &survey)?;
            let unit = reg::find_unit(db.conn(), &unit)?;
            let new = NewAnswer { respondent, visited_on: on, visited_by: by, scores, comments: comment };
            let a = ctx.write(&mut db, Permission::Service, |tx| surveys::answer(tx, id, &unit, &new))?;
            let rows: Vec<Vec<String>> = a.replies.iter().map(|r| vec![r.position.to_string(), r.text.clone(), r.score.map_or_else(|| r.comment.clone().unwrap_or_default(), |s| s.to_string())]).collect();
            let text = format!(
                "已录入 {} 的答卷（{}）\n{}\n{}",
                a.unit,
                a.survey,
                fields(&[("走访", format!("{} {}", a.visited_on, a.visited_by)), ("录入", a.operator.clone())]),
                table(&["序号", "题目", "回答"], &rows, &[])
            );
            return Ok(Reply::new(&a, text));
        }
        SurveyCommand::Close { survey, on } => {
            let id = surveys::find(db.conn(), &survey)?;
            let s = ctx.write(&mut db, Permission::Surveys, |tx| surveys::close(tx, id, &on))?;
            let title = format!("已结束调查 {}（共 {} 份答卷）", s.name, s.answers);
            (s, title)
        }
        SurveyCommand::List => {
            let lines = surveys::list(db.conn())?;
            let rows: Vec<Vec<String>> = lines
                .iter()
                .map(|l| vec![l.id.to_string(), l.name.clone(), l.period_label.clone(), l.opened_on.clone(), l.closed_on.clone().unwrap_or_else(|| "进行中".into()), l.answers.to_string()])
                .collect();
            let mut text = format!("满意度调查 {} 次\n", lines.len());
            if !rows.is_empty() {
                text += "\n";
                text += &table(&["编号", "名称", "期间", "开始", "结束", "答卷"], &rows, &[5]);
            }
            return Ok(Reply::new(&json!({ "surveys": lines, "count": lines.len() }), text));
        }
        SurveyCommand::Show { survey } => {
            let id = surveys::find(db.conn(), &survey)?;
            (surveys::survey(db.conn(), id)?, "满意度调查".into())
        }
        SurveyCommand::Results { survey } => {
            let id = surveys::find(db.conn(), &survey)?;
            let r = surveys::results(db.conn(), id)?;
            let text = results_text(&r);
            return Ok(Reply::new(&r, text));
        }
        SurveyCommand::Pdf { survey, out } => {
            let me = ctx.staff(&mut db)?;
            let id = surveys::find(db.conn(), &survey)?;
            let pdf = surveys::results_pdf(db.conn(), id, &db.now().to_rfc3339(), &me.name)?;
            FileError::write(&out, &pdf)?;
            let path = out.display().to_string();
            let s = surveys::survey(db.conn(), id)?;
            return Ok(Reply::new(&json!({ "survey": s.name, "file": path, "bytes": pdf.len() }), format!("调查汇总 {} 已保存到 {path}", s.name)));
        }
    };
    let text = survey_text(&s, &title);
    Ok(Reply::new(&s, text))
}

fn survey_text(s: &Survey, title: &str) -> String {
    let rows = [
        ("编号", s.id.to_string()),
        ("名称", s.name.clone()),
        ("期间", s.period_label.clone()),
        ("开始", s.opened_on.clone()),
        ("结束", s.closed_on.as_ref().map_or_else(|| "进行中".into(), |d| format!("{d}（{}）", s.closed_by.clone().unwrap_or_default()))),
        ("答卷", s.answers.to_string()),
    ];
    let mut text = format!("{title}\n{}", fields(&rows));
    if s.questions.is_empty() {
        text += "还没有题目：estate survey question 添加。\n";
    } else {
        let q: Vec<Vec<String>> = s.questions.iter().map(|q| vec![q.position.to_string(), q.kind_label.into(), q.text.clone()]).collect();
        text = format!("{}\n\n{}", text.trim_end(), table(&["序号", "类型", "题目"], &q, &[]));
    }
    text
}

fn results_text(r: &Results) -> String {
    let o = &r.overall;
    let rows = [
        ("调查", format!("{}（{}）", r.survey.name, r.survey.period_label)),
        ("对比", r.previous.as_ref().map_or_else(|| "无（第一次调查）".into(), |p| format!("{}（{}）", p.name, p.period_label))),
        ("走访", format!("{} / {} 户，覆盖率 {}", o.visited, o.units, percent(o.coverage))),
        ("平均分", format!("{}（较上次 {}）", shown(o.figures.average), moved(o.figures.average_change))),
        ("满意率", format!("{}（较上次 {} 个百分点）", percent(o.figures.satisfaction_rate), moved(o.figures.rate_change))),
    ];
    let questions: Vec<Vec<String>> = r
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::Score)
        .map(|q| {
            let f = &q.figures;
            let (a, b) = if q.in_previous { (moved(f.average_change), moved(f.rate_change)) } else { ("新题".into(), "新题".into()) };
            vec![q.position.to_string(), q.text.clone(), q.answers.to_string(), shown(f.average), percent(f.satisfaction_rate), a, b]
        })
        .collect();
    let buildings: Vec<Vec<String>> = r
        .buildings
        .iter()
        .map(|b| vec![format!("{}栋", b.building), format!("{}/{}", b.visited, b.units), percent(b.coverage), shown(b.figures.average), percent(b.figures.satisfaction_rate), moved(b.figures.average_change), moved(b.figures.rate_change)])
        .collect();
    let mut text = format!(
        "满意度调查结果\n{}\n按题目\n{}\n按楼栋\n{}",
        fields(&rows),
        table(&["序号", "题目", "答卷", "平均分", "满意率", "平均分变化", "满意率变化"], &questions, &[2, 3, 4, 5, 6]),
        table(&["楼栋", "走访/户数", "覆盖率", "平均分", "满意率", "平均分变化", "满意率变化"], &buildings, &[1, 2, 3, 4, 5, 6])
    );
    if !r.comments.is_empty() {
        let c: Vec<Vec<String>> = r.comments.iter().map(|c| vec![c.unit.clone(), c.question.clone(), c.comment.clone()]).collect();
        text += &format!("\n意见和建议\n{}", table(&["房号", "题目", "意见"], &c, &[]));
    }
    text
}
