//! The types of the satisfaction surveys: what is typed in, and what a survey,
//! an answer sheet and the results carry.

use serde::Serialize;

use super::rules::Hundredths;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Scored 1–5 (5 = 非常满意).
    Score,
    /// Free words (意见和建议), optional on each sheet.
    Comment,
}

impl QuestionKind {
    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Score => "score",
            QuestionKind::Comment => "comment",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            QuestionKind::Score => "评分题",
            QuestionKind::Comment => "意见题",
        }
    }
    pub fn parse(text: &str) -> Option<QuestionKind> {
        match text.trim() {
            "score" | "评分题" | "评分" => Some(QuestionKind::Score),
            "comment" | "意见题" | "意见" => Some(QuestionKind::Comment),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewSurvey {
    pub name: String,
    /// 2026年下半年, 2026-H2 …
    pub period: String,
    /// The day it opened; blank = today.
    pub opened_on: String,
    /// Take the questions of the survey before it (the latest earlier half-year).
    pub copy_last: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    pub id: i64,
    pub position: i64,
    pub kind: QuestionKind,
    pub kind_label: &'static str,
    pub text: String,
}

/// A survey as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyLine {
    pub id: i64,
    pub name: String,
    /// "2026-H2".
    pub period: String,
    /// "2026年下半年".
    pub period_label: String,
    pub opened_on: String,
    pub closed_on: Option<String>,
    pub closed_by: Option<String>,
    pub answers: i64,
    pub operator: String,
}

/// A survey with its questions, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Survey {
    #[serde(flatten)]
    pub line: SurveyLine,
    pub questions: Vec<Question>,
    /// True once a sheet is in: the questions can no longer change.
    pub locked: bool,
}

impl std::ops::Deref for Survey {
    type Target = SurveyLine;
    fn deref(&self) -> &SurveyLine {
        &self.line
    }
}

/// One visited unit's sheet as typed: a score per score question in their
/// order, comments (optional) for the comment questions in theirs.
#[derive(Debug, Clone, Default)]
pub struct NewAnswer {
    pub respondent: String,
    /// The day of the visit; blank = today.
    pub visited_on: String,
    /// The clerk who visited; blank = the one entering it.
    pub visited_by: String,
    pub scores: Vec<i64>,
    pub comments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    pub question_id: i64,
    pub position: i64,
    pub text: String,
    pub score: Option<i64>,
    pub comment: Option<String>,
}

/// A sheet as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub id: i64,
    pub survey_id: i64,
    pub survey: String,
    pub unit: String,
    pub respondent: String,
    pub visited_on: String,
    pub visited_by: String,
    pub replies: Vec<Reply>,
    pub at: String,
    pub operator: String,
}

/// A figure and how it moved since the previous survey (`None` where it cannot be said).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Figures {
    /// Scores counted.
    pub scores: i64,
    pub average: Option<Hundredths>,
    /// 满意率 in percent: scores of 4 or 5 over all scores.
    pub satisfaction_rate: Option<Hundredths>,
    pub previous_average: Option<Hundredths>,
    pub previous_rate: Option<Hundredths>,
    /// average − previous average, as shown.
    pub average_change: Option<Hundredths>,
    /// 满意率 − previous 满意率, in percentage points.
    pub rate_change: Option<Hundredths>,
}

/// One question's results; comment questions count their comments only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionResult {
    pub position: i64,
    pub kind: QuestionKind,
    pub text: String,
    /// Sheets that answered it (a comment question: sheets with a comment).
    pub answers: i64,
    /// False when the previous survey had no question of this text ("—").
    pub in_previous: bool,
    #[serde(flatten)]
    pub figures: Figures,
}

/// One building's results: its units visited over its units (覆盖率), and every score of its sheets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuildingResult {
    pub building: String,
    pub visited: i64,
    pub units: i64,
    /// 覆盖率 in percent.
    pub coverage: Option<Hundredths>,
    #[serde(flatten)]
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommentLine {
    pub position: i64,
    pub question: String,
    pub unit: String,
    pub comment: String,
}

/// What `survey results` shows, the PDF prints and the workbook lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    pub survey: SurveyLine,
    /// The survey compared with: the latest one of an earlier half-year.
    pub previous: Option<SurveyLine>,
    pub questions: Vec<QuestionResult>,
    pub buildings: Vec<BuildingResult>,
    /// The whole estate (every building), as one line.
    pub overall: BuildingResult,
    pub comments: Vec<CommentLine>,
}
