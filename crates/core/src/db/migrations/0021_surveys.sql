-- Satisfaction surveys (满意度调查, issue 9): a half-yearly survey, its
-- questions (scores 1–5 and comments, in order) and one answer sheet per
-- visited unit.
--
-- The database keeps the rules that must never be broken, whatever writes:
-- one survey per half-year; questions only while no answer exists (so every
-- sheet answered the same questions); one answer sheet per unit and survey;
-- no answer once the survey is closed; a score between 1 and 5 for score
-- questions only; nothing changed or deleted afterwards, but the close (once)
-- and the respondent's name (only to the erasure's placeholder).

CREATE TABLE surveys (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    period      TEXT NOT NULL UNIQUE CHECK (period GLOB '[0-9][0-9][0-9][0-9]-H[12]'),   -- 2026-H2 = 2026年下半年
    opened_on   TEXT NOT NULL,                      -- 2026-11-01
    closed_on   TEXT,                               -- set once, by `survey close`
    closed_by   TEXT,
    created_at  TEXT NOT NULL,
    operator    TEXT NOT NULL,
    CHECK ((closed_on IS NULL) = (closed_by IS NULL)),
    CHECK (closed_on IS NULL OR closed_on >= opened_on)
);
CREATE TRIGGER surveys_close_once BEFORE UPDATE ON surveys
WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name OR NEW.period IS NOT OLD.period OR NEW.opened_on IS NOT OLD.opened_on
  OR NEW.created_at IS NOT OLD.created_at OR NEW.operator IS NOT OLD.operator OR OLD.closed_on IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a survey changes only by its close, once'); END;
CREATE TRIGGER surveys_keep BEFORE DELETE ON surveys BEGIN SELECT RAISE(ABORT, 'survey rows are never deleted'); END;

CREATE TABLE survey_questions (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys(id),
    position    INTEGER NOT NULL CHECK (position > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('score', 'comment')),
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    UNIQUE (survey_id, position),
    UNIQUE (survey_id, text)
);
CREATE TRIGGER survey_questions_write_once BEFORE UPDATE ON survey_questions BEGIN SELECT RAISE(ABORT, 'survey rows are written once'); END;
CREATE TRIGGER survey_questions_keep BEFORE DELETE ON survey_questions BEGIN SELECT RAISE(ABORT, 'survey rows are never deleted'); END;

-- One answer sheet per unit per survey: who answered (optional), when and by whom the unit was visited.
CREATE TABLE survey_answers (
    id          INTEGER PRIMARY KEY,
    survey_id   INTEGER NOT NULL REFERENCES surveys(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    respondent  TEXT NOT NULL DEFAULT '',
    visited_on  TEXT NOT NULL,                      -- 2026-11-23
    visited_by  TEXT NOT NULL CHECK (length(trim(visited_by)) > 0),
    at          TEXT NOT NULL,
    operator    TEXT NOT NULL,
    UNIQUE (survey_id, unit_id)
);
CREATE INDEX survey_answers_by_unit ON survey_answers(unit_id);
CREATE TRIGGER survey_answers_while_open BEFORE INSERT ON survey_answers
WHEN NOT EXISTS (SELECT 1 FROM surveys s WHERE s.id = NEW.survey_id AND s.closed_on IS NULL)
BEGIN SELECT RAISE(ABORT, 'a closed survey takes no answers'); END;
CREATE TRIGGER survey_answers_written_once BEFORE UPDATE ON survey_answers
WHEN NEW.id IS NOT OLD.id OR NEW.survey_id IS NOT OLD.survey_id OR NEW.unit_id IS NOT OLD.unit_id
  OR NEW.visited_on IS NOT OLD.visited_on OR NEW.visited_by IS NOT OLD.visited_by OR NEW.at IS NOT OLD.at OR NEW.operator IS NOT OLD.operator
  OR (NEW.respondent IS NOT OLD.respondent AND NEW.respondent NOT GLOB '*已删除住户#*')
BEGIN SELECT RAISE(ABORT, 'survey rows are written once'); END;
CREATE TRIGGER survey_answers_keep BEFORE DELETE ON survey_answers BEGIN SELECT RAISE(ABORT, 'survey rows are never deleted'); END;

-- A sheet's reply to one question: a score (score questions) or a comment (comment questions).
CREATE TABLE survey_replies (
    answer_id    INTEGER NOT NULL REFERENCES survey_answers(id),
    question_id  INTEGER NOT NULL REFERENCES survey_questions(id),
    score        INTEGER CHECK (score BETWEEN 1 AND 5),
    comment      TEXT,
    PRIMARY KEY (answer_id, question_id),
    CHECK ((score IS NULL) <> (comment IS NULL))
) WITHOUT ROWID;
CREATE INDEX survey_replies_by_question ON survey_replies(question_id);
CREATE TRIGGER survey_replies_match BEFORE INSERT ON survey_replies
WHEN NOT EXISTS (SELECT 1 FROM survey_questions q JOIN survey_answers a ON a.survey_id = q.survey_id
                 WHERE q.id = NEW.question_id AND a.id = NEW.answer_id
                   AND (q.kind = 'score') = (NEW.score IS NOT NULL))
BEGIN SELECT RAISE(ABORT, 'a reply answers a question of its own survey, a score for a score question'); END;
CREATE TRIGGER survey_replies_write_once BEFORE UPDATE ON survey_replies BEGIN SELECT RAISE(ABORT, 'survey rows are written once'); END;
CREATE TRIGGER survey_replies_keep BEFORE DELETE ON survey_replies BEGIN SELECT RAISE(ABORT, 'survey rows are never deleted'); END;

-- Questions are fixed once the first sheet is in (and once the survey is closed).
CREATE TRIGGER survey_questions_before_answers BEFORE INSERT ON survey_questions
WHEN EXISTS (SELECT 1 FROM survey_answers a WHERE a.survey_id = NEW.survey_id)
  OR EXISTS (SELECT 1 FROM surveys s WHERE s.id = NEW.survey_id AND s.closed_on IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'survey questions are fixed once answers exist'); END;
