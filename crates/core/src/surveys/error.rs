//! Refusals of the satisfaction surveys: each says why and what to do.

use crate::error::Coded;

#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    #[error("找不到满意度调查 {0}，请核对编号或名称（estate survey list 可查）。")]
    NotFound(String),
    #[error("{0}不能为空，请填写后再提交。")]
    Required(&'static str),
    #[error("调查期间“{0}”认不出，应写成 2026年下半年、2026年上半年 或 2026-H2。")]
    BadPeriod(String),
    #[error("{period}已经有满意度调查“{name}”，每半年只做一次调查。")]
    PeriodTaken { period: String, name: String },
    #[error("已经有名为“{0}”的调查，请换一个名称。")]
    NameTaken(String),
    #[error("日期“{0}”认不出，应写成 2026-11-23。")]
    BadDate(String),
    #[error("日期 {0} 还没到，请写已经发生的日期。")]
    FutureDate(String),
    #[error("日期 {date} 早于调查开始的 {opened}，请核对。")]
    BeforeOpened { date: String, opened: String },
    #[error("{0} 之前没有做过调查，没有题目可以沿用；请逐题添加（estate survey question）。")]
    NothingToCopy(String),
    #[error("“{0}”已经有答卷，题目不能再改（改了前后答卷就不可比）。如要换题目，请新建一次调查。")]
    QuestionsLocked(String),
    #[error("这次调查已经有题目“{0}”，同一题目不要重复添加。")]
    QuestionTwice(String),
    #[error("“{0}”已经结束，不能再录入答卷或改题目。")]
    Closed(String),
    #[error("{unit} 已经交过“{survey}”的答卷（{visited_on} 由 {by} 走访），每户每次调查只收一份。")]
    Answered { unit: String, survey: String, visited_on: String, by: String },
    #[error("评分“{0}”不对：每题打 1 到 5 分（5 = 非常满意，1 = 非常不满意），写成 5,4,3 这样的整数。")]
    BadScore(String),
    #[error("这次调查有 {want} 道评分题，收到 {got} 个评分；请每题都打分，按题目顺序写，如 5,4,3。")]
    ScoreCount { want: usize, got: usize },
    #[error("这次调查有 {want} 道意见题，收到 {got} 条意见；意见可以不写，但不能多于题数。")]
    CommentCount { want: usize, got: usize },
    #[error("“{0}”还没有评分题，先添加题目（estate survey question）再录入答卷。")]
    NoQuestions(String),
    #[error("“{0}”已经结束了。")]
    AlreadyClosed(String),
    #[error("题目内容太长（{0} 字），请控制在 100 字以内。")]
    TooLong(usize),
}

impl Coded for SurveyError {
    fn code(&self) -> &'static str {
        use SurveyError::*;
        match self {
            NotFound(_) => "survey.not_found",
            Required(_) => "survey.required",
            BadPeriod(_) => "survey.bad_period",
            PeriodTaken { .. } => "survey.period_taken",
            NameTaken(_) => "survey.name_taken",
            BadDate(_) => "survey.bad_date",
            FutureDate(_) => "survey.future_date",
            BeforeOpened { .. } => "survey.before_opened",
            NothingToCopy(_) => "survey.nothing_to_copy",
            QuestionsLocked(_) => "survey.questions_locked",
            QuestionTwice(_) => "survey.question_twice",
            Closed(_) => "survey.closed",
            Answered { .. } => "survey.answered",
            BadScore(_) => "survey.bad_score",
            ScoreCount { .. } => "survey.score_count",
            CommentCount { .. } => "survey.comment_count",
            NoQuestions(_) => "survey.no_questions",
            AlreadyClosed(_) => "survey.already_closed",
            TooLong(_) => "survey.too_long",
        }
    }
    fn is_input(&self) -> bool {
        true
    }
}
