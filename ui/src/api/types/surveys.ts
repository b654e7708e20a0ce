// Satisfaction surveys (满意度调查): estate-core surveys::Survey, Answer, Results.
// Figures arrive as strings with two decimals ("4.33", a rate "83.33" in percent), null where there is nothing.

export type QuestionKind = 'score' | 'comment'

export interface SurveyLine {
  id: number
  name: string
  /** "2026-H2" */
  period: string
  /** "2026年下半年" */
  period_label: string
  opened_on: string
  closed_on: string | null
  closed_by: string | null
  answers: number
  operator: string
}

export interface Question {
  id: number
  position: number
  kind: QuestionKind
  kind_label: string
  text: string
}

export interface Survey extends SurveyLine {
  questions: Question[]
  /** A sheet is in: the questions can no longer change. */
  locked: boolean
}

export interface SurveyForm {
  name: string
  period: string
  opened_on: string
  copy_last: boolean
}

export interface AnswerForm {
  unit: string
  respondent: string
  visited_on: string
  visited_by: string
  scores: number[]
  comments: string[]
}

export interface SurveyReply {
  question_id: number
  position: number
  text: string
  score: number | null
  comment: string | null
}

export interface Answer {
  id: number
  survey_id: number
  survey: string
  unit: string
  respondent: string
  visited_on: string
  visited_by: string
  replies: SurveyReply[]
  at: string
  operator: string
}

export interface Figures {
  scores: number
  average: string | null
  satisfaction_rate: string | null
  previous_average: string | null
  previous_rate: string | null
  average_change: string | null
  rate_change: string | null
}

export interface QuestionResult extends Figures {
  position: number
  kind: QuestionKind
  text: string
  answers: number
  in_previous: boolean
}

export interface BuildingResult extends Figures {
  building: string
  visited: number
  units: number
  coverage: string | null
}

export interface CommentLine {
  position: number
  question: string
  unit: string
  comment: string
}

export interface SurveyResults {
  survey: SurveyLine
  previous: SurveyLine | null
  questions: QuestionResult[]
  buildings: BuildingResult[]
  overall: BuildingResult
  comments: CommentLine[]
}
