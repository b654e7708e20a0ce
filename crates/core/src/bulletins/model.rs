//! The notice board's types: templates, notices, their withdrawal, a preview.

use serde::{Deserialize, Serialize};

/// A template as the office keeps it, with what an issue of it asks for.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Template {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub body: String,
    /// Every placeholder of the title and the body, in the order they appear.
    pub placeholders: Vec<String>,
    /// Those filled from the settings and the date ({小区} {电话} {落款} {日期}),
    /// each with the value it would take now (blank: the setting is empty, so it must be typed).
    pub automatic: Vec<Filled>,
    /// Those the clerk types when issuing (a field each on the screen).
    pub to_type: Vec<String>,
    pub updated_at: String,
    pub updated_by: String,
    /// How many notices were issued from it (an edit changes none of them).
    pub used: i64,
}

/// A placeholder's name and its value.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Filled {
    pub name: String,
    pub value: String,
}

/// A new template, or the new version of one (blank fields of an edit stay as they were).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TemplateText {
    pub name: String,
    pub title: String,
    pub body: String,
}

/// A notice to issue: the template (its name or id), the values typed, the date (blank: today).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewBulletin {
    pub template: String,
    pub values: Vec<Filled>,
    pub date: String,
}

/// A notice as issued: written once.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Bulletin {
    pub id: i64,
    /// GG20261123-01.
    pub bulletin_no: String,
    pub template_id: i64,
    pub template_name: String,
    pub title: String,
    /// Paragraphs separated by '\n', every placeholder filled.
    pub body: String,
    /// The 落款: who posts it, printed at the foot.
    pub issuer: String,
    /// 2026-11-23.
    pub dated: String,
    /// 2026年11月23日, as printed.
    pub date_text: String,
    pub filled: Vec<Filled>,
    pub issued_at: String,
    pub operator: String,
    pub withdrawn: Option<Withdrawal>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Withdrawal {
    pub reason: String,
    pub at: String,
    pub operator: String,
}

/// What a notice would say with the values typed so far: the screen's live
/// preview. Placeholders still without a value stay in braces and are listed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Preview {
    pub title: String,
    pub body: String,
    pub issuer: String,
    pub date_text: String,
    pub missing: Vec<String>,
}
