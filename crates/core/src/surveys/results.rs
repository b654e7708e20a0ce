//! The results of a survey: per question (sheets, average score, 满意率), per
//! building (average of all its scores, 满意率, units visited over units = 覆盖率)
//! and for the whole estate, each beside the survey before it — questions
//! matched by their text, buildings by their code; "—" (`None`) where there is
//! nothing to compare. One grouped query adds the scores up; the figures are
//! computed from those integer sums (`rules::Tally`).

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;

use super::model::*;
use super::rules::{Hundredths, Tally, change};
use super::{SurveyError, store};
use crate::error::Result;

/// What one survey adds up to, before any comparison.
struct Sums {
    questions: Vec<Question>,
    by_question: HashMap<i64, Tally>,
    /// building → (tally of all its scores, units, visited).
    by_building: BTreeMap<BuildingKey, (Tally, i64, i64)>,
    overall: Tally,
}

/// Buildings in the order people count them: 2 before 10, then by text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct BuildingKey(Option<u64>, String);

impl BuildingKey {
    fn of(code: &str) -> BuildingKey {
        BuildingKey(code.parse().ok(), code.to_string())
    }
}

fn sums(conn: &Connection, survey_id: i64) -> Result<Sums> {
    let mut by_question: HashMap<i64, Tally> = HashMap::new();
    let mut by_building: BTreeMap<BuildingKey, (Tally, i64, i64)> = BTreeMap::new();
    for (building, units, visited) in store::coverage(conn, survey_id)? {
        by_building.insert(BuildingKey::of(&building), (Tally::default(), units, visited));
    }
    let mut overall = Tally::default();
    for (question, building, t) in store::tallies(conn, survey_id)? {
        by_question.entry(question).or_default().add(t);
        by_building.entry(BuildingKey::of(&building)).or_default().0.add(t);
        overall.add(t);
    }
    Ok(Sums { questions: store::questions(conn, survey_id)?, by_question, by_building, overall })
}

fn figures(now: Tally, before: Option<Tally>) -> Figures {
    let (average, satisfaction_rate) = (now.average(), now.rate());
    let (previous_average, previous_rate) = before.map_or((None, None), |b| (b.average(), b.rate()));
    Figures {
        scores: now.count,
        average_change: change(average, previous_average),
        rate_change: change(satisfaction_rate, previous_rate),
        average,
        satisfaction_rate,
        previous_average,
        previous_rate,
    }
}

fn building(name: String, (tally, units, visited): (Tally, i64, i64), before: Option<Tally>) -> BuildingResult {
    BuildingResult { building: name, visited, units, coverage: Hundredths::ratio(visited, units, 100), figures: figures(tally, before) }
}

/// The survey's results beside the survey of the latest earlier half-year.
pub fn results(conn: &Connection, survey_id: i64) -> Result<Results> {
    let survey = store::survey_line(conn, survey_id)?.ok_or_else(|| SurveyError::NotFound(survey_id.to_string()))?;
    let previous = match store::before(conn, &survey.period)? {
        Some(id) => Some((store::survey_line(conn, id)?.ok_or_else(|| SurveyError::NotFound(id.to_string()))?, sums(conn, id)?)),
        None => None,
    };
    let now = sums(conn, survey_id)?;
    let comment_counts = store::comment_counts(conn, survey_id)?;
    // The previous survey's tallies by question text (how questions compare).
    let before_by_text: HashMap<&str, (QuestionKind, Tally)> = previous
        .as_ref()
        .map(|(_, p)| p.questions.iter().map(|q| (q.text.as_str(), (q.kind, p.by_question.get(&q.id).copied().unwrap_or_default()))).collect())
        .unwrap_or_default();
    let questions = now
        .questions
        .iter()
        .map(|q| {
            let before = before_by_text.get(q.text.as_str()).filter(|(k, _)| *k == q.kind).map(|(_, t)| *t);
            let tally = now.by_question.get(&q.id).copied().unwrap_or_default();
            let (answers, figures) = match q.kind {
                QuestionKind::Score => (tally.count, figures(tally, before)),
                QuestionKind::Comment => (comment_counts.get(&q.id).copied().unwrap_or(0), Figures::default()),
            };
            QuestionResult { position: q.position, kind: q.kind, text: q.text.clone(), answers, in_previous: before.is_some(), figures }
        })
        .collect();
    let building_before = |key: &BuildingKey| previous.as_ref().and_then(|(_, p)| p.by_building.get(key)).map(|(t, _, _)| *t).filter(|t| t.count > 0);
    let buildings = now.by_building.iter().map(|(key, v)| building(key.1.clone(), *v, building_before(key))).collect();
    let (units, visited) = now.by_building.values().fold((0, 0), |(u, v), (_, units, visited)| (u + units, v + visited));
    let overall_before = previous.as_ref().map(|(_, p)| p.overall).filter(|t| t.count > 0);
    let overall = building("全小区".into(), (now.overall, units, visited), overall_before);
    Ok(Results { survey, previous: previous.map(|(line, _)| line), questions, buildings, overall, comments: store::comments(conn, survey_id)? })
}
