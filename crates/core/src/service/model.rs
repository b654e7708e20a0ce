//! The types of the service desk: the coded choices (kind, subject, urgency,
//! channel, status …) with their Chinese labels, what is typed in, and what a
//! request or a work order view carries.

use serde::{Serialize, Serializer};

use crate::money::Money;

/// A choice stored as a code and shown as a label; `parse` takes either.
macro_rules! coded {
    ($(#[$m:meta])* $name:ident { $($v:ident = $code:literal, $label:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($v),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            pub fn code(self) -> &'static str { match self { $($name::$v => $code),+ } }
            pub fn label(self) -> &'static str { match self { $($name::$v => $label),+ } }
            pub fn parse(text: &str) -> Option<$name> {
                let t = text.trim();
                Self::ALL.iter().copied().find(|x| x.code().eq_ignore_ascii_case(t) || x.label() == t)
            }
            /// Every label, joined with 、 (said when a value is refused).
            pub fn labels() -> String { Self::ALL.iter().map(|x| x.label()).collect::<Vec<_>>().join("、") }
        }
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.code()) }
        }
    };
}

coded!(
    /// What the caller wants.
    Kind { Consult = "consult", "咨询"; Service = "service", "服务"; Repair = "repair", "报修"; Complaint = "complaint", "投诉"; }
);
coded!(
    /// What a complaint is about.
    Subject {
        ServiceQuality = "service_quality", "服务质量"; Fees = "fees", "收费"; Activities = "activities", "社区活动";
        Emergency = "emergency", "紧急事件"; Neighbours = "neighbours", "毗邻关系"; Other = "other", "其他";
    }
);
coded!(
    /// How soon it must be answered (the response hours are a setting).
    Urgency { Normal = "normal", "一般"; Urgent = "urgent", "紧急"; Emergency = "emergency", "特急"; }
);
coded!(
    /// How it reached the desk.
    Channel {
        Phone = "phone", "电话"; Visit = "visit", "来访"; OnBehalf = "on_behalf", "代述"; Letter = "letter", "信函";
        Box = "box", "意见箱"; Staff = "staff", "员工转达"; Online = "online", "线上";
    }
);
coded!(
    /// How the owner was answered.
    ReplyChannel { Phone = "phone", "电话"; Visit = "visit", "上门"; Letter = "letter", "书面"; Online = "online", "线上"; InPerson = "in_person", "面谈"; }
);
coded!(
    /// Where a request stands: the last step written (kept by the database).
    Status {
        Recorded = "recorded", "已登记"; Classified = "classified", "已定性"; Investigated = "investigated", "已查明原因";
        Assigned = "assigned", "已指派"; Proposed = "proposed", "已拟定方案"; Replied = "replied", "已答复";
        Visited = "visited", "已回访"; Summarised = "summarised", "已总结"; Closed = "closed", "已关闭";
    }
);
coded!(
    /// Where a repair is done.
    Area { Public = "public", "公共区域"; Unit = "unit", "户内"; }
);
coded!(
    /// What kind of repair (the monthly summary counts by it).
    Category {
        Water = "water", "给排水"; Electric = "electric", "电路"; Doors = "doors", "门窗锁具"; Building = "building", "墙地面";
        Facilities = "facilities", "公共设施"; Other = "other", "其他";
    }
);
coded!(
    /// Where a work order stands.
    OrderStatus {
        Reported = "reported", "已报修"; Dispatched = "dispatched", "已派工"; Arrived = "arrived", "已到场"; Done = "done", "已完工";
        Checked = "checked", "已验收"; Visited = "visited", "已回访"; Closed = "closed", "已关闭";
    }
);

impl Status {
    /// The step as an action, named in refusals (不能{action}).
    pub fn action(self) -> &'static str {
        match self {
            Status::Recorded => "登记",
            Status::Classified => "定性",
            Status::Investigated => "登记调查原因",
            Status::Assigned => "指派责任人",
            Status::Proposed => "登记处理方案",
            Status::Replied => "登记答复",
            Status::Visited => "登记回访",
            Status::Summarised => "登记总结",
            Status::Closed => "关闭",
        }
    }
}

impl OrderStatus {
    pub fn action(self) -> &'static str {
        match self {
            OrderStatus::Reported => "登记",
            OrderStatus::Dispatched => "派工",
            OrderStatus::Arrived => "登记到场",
            OrderStatus::Done => "登记完工",
            OrderStatus::Checked => "验收",
            OrderStatus::Visited => "回访",
            OrderStatus::Closed => "关闭",
        }
    }

    pub fn is_open(self) -> bool {
        self != OrderStatus::Closed
    }
}

/// A request or complaint as taken at the desk.
#[derive(Debug, Clone, Default)]
pub struct NewRequest {
    /// 咨询/服务/报修/投诉 or the codes.
    pub kind: String,
    /// A complaint's subject; blank for the other kinds.
    pub subject: String,
    /// Blank for 一般.
    pub urgency: String,
    pub caller: String,
    pub phone: String,
    pub channel: String,
    /// When it came in (2026-11-23 09:05); blank for now.
    pub received_at: String,
    pub content: String,
}

/// A step of a request as typed. Which fields count depends on the step.
#[derive(Debug, Clone, Default)]
pub struct NewStep {
    /// The step: classified, investigated, … or its label.
    pub step: String,
    /// classified: a valid complaint (有效) or not.
    pub valid: Option<bool>,
    /// assigned: who answers for it, and by when.
    pub responsible: String,
    pub deadline: String,
    /// replied: how the owner was answered.
    pub reply_channel: String,
    /// When it happened (the reply's time); blank for now.
    pub at: String,
    /// visited: satisfied or not.
    pub satisfied: Option<bool>,
    /// The reason, cause, plan, what was said, comments or summary.
    pub note: String,
    /// summarised: the lesson drawn.
    pub lesson: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub step: Status,
    pub label: &'static str,
    pub valid: Option<bool>,
    pub responsible: Option<String>,
    pub deadline: Option<String>,
    pub reply_channel: Option<ReplyChannel>,
    pub reply_channel_label: Option<&'static str>,
    /// When it happened (2026-11-23 10:30).
    pub happened_at: String,
    pub satisfied: Option<bool>,
    pub note: String,
    pub lesson: String,
    /// When it was written, and by whom.
    pub at: String,
    pub operator: String,
}

/// What is late on a request, for the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Late {
    /// response / deadline / visit
    pub what: &'static str,
    /// 超过响应时限（4 小时）未处理 …
    pub text: String,
    /// When it was due (2026-11-23 13:05).
    pub due: String,
}

/// One request with everything on it: its list line (flattened in JSON) and the rest.
#[derive(Debug, Clone, Serialize)]
pub struct Request {
    #[serde(flatten)]
    pub line: RequestLine,
    pub subject: Option<Subject>,
    pub urgency: Urgency,
    pub unit_id: Option<i64>,
    pub phone: String,
    pub channel: Channel,
    pub recorded_at: String,
    /// Linked to the unit's arrears: the owner withholds fees over it (以投诉为由拒缴).
    pub withheld: Option<Withholding>,
    pub steps: Vec<Step>,
    /// Work orders opened from it.
    pub orders: Vec<String>,
    /// What comes next from here.
    pub next: &'static str,
}

impl std::ops::Deref for Request {
    type Target = RequestLine;
    fn deref(&self) -> &RequestLine {
        &self.line
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Withholding {
    pub note: String,
    pub at: String,
    pub operator: String,
}

/// A request as lists show it. `owner` is who took it: its owner until it is closed.
#[derive(Debug, Clone, Serialize)]
pub struct RequestLine {
    pub id: i64,
    pub request_no: String,
    pub kind: Kind,
    pub kind_label: &'static str,
    pub subject_label: Option<&'static str>,
    pub urgency_label: &'static str,
    pub unit: String,
    pub caller: String,
    pub channel_label: &'static str,
    pub received_at: String,
    pub content: String,
    pub status: Status,
    pub status_label: &'static str,
    pub owner: String,
    pub withholding: bool,
    pub late: Option<Late>,
}

/// A complaint tied to a unit, as the unit card, the arrears list and dunning show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitComplaint {
    pub request_no: String,
    pub subject_label: &'static str,
    pub status_label: &'static str,
    pub open: bool,
    /// The owner withholds fees over it.
    pub withholding: bool,
    pub received_at: String,
    pub content: String,
}

impl UnitComplaint {
    /// "TS20261123-001 收费投诉（已指派）" for a list column.
    pub fn short(&self) -> String {
        format!("{} {}投诉（{}）", self.request_no, self.subject_label, self.status_label)
    }
}

/// A repair as taken at the desk (or from a request).
#[derive(Debug, Clone, Default)]
pub struct NewOrder {
    /// The request it comes from (TS…/XQ… or its id); blank for one on its own.
    pub request: String,
    /// 公共区域 / 户内.
    pub area: String,
    pub unit: String,
    pub category: String,
    pub location: String,
    pub description: String,
    /// When the fault was reported; blank: the request's time, or now.
    pub reported_at: String,
}

/// The repair finished: what was used and what the owner pays.
#[derive(Debug, Clone, Default)]
pub struct NewDone {
    pub at: String,
    pub materials: String,
    /// Charged to the owner (in-unit repairs only); zero or none for free.
    pub charge: Option<Money>,
    /// Taken at once (a receipt), or left on the unit's account when none.
    pub pay: Option<crate::fees::Method>,
    pub payer: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrderStep {
    pub step: OrderStatus,
    pub label: &'static str,
    pub technician: Option<String>,
    pub happened_at: String,
    pub materials: String,
    pub charge: Money,
    pub satisfied: Option<bool>,
    pub note: String,
    pub at: String,
    pub operator: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Order {
    pub id: i64,
    pub order_no: String,
    pub request_no: Option<String>,
    pub source: &'static str,
    pub source_ref: String,
    pub area: Area,
    pub area_label: &'static str,
    pub unit: String,
    pub category: Category,
    pub category_label: &'static str,
    pub location: String,
    pub description: String,
    /// Who reported it and their phone (from the request), when it came from one.
    pub caller: String,
    pub phone: String,
    pub reported_at: String,
    pub dispatched_at: Option<String>,
    pub arrived_at: Option<String>,
    pub done_at: Option<String>,
    pub technician: String,
    pub materials: String,
    pub charge: Money,
    /// The bill of the charge, what is still owed on it, and its receipt when paid.
    pub bill_id: Option<i64>,
    pub outstanding: Money,
    pub receipt_no: Option<String>,
    pub status: OrderStatus,
    pub status_label: &'static str,
    pub recorded_at: String,
    pub operator: String,
    pub steps: Vec<OrderStep>,
    /// Hours from reported to done, once done.
    pub hours_to_finish: Option<f64>,
}

impl Order {
    /// Where it came from, as the desk says it: 业户需求 TS…, 巡检 XJ…/3, 前台.
    pub fn source_text(&self) -> String {
        match (&self.request_no, self.source_ref.is_empty()) {
            (Some(r), _) => format!("业户需求 {r}"),
            (None, false) => format!("{} {}", self.source, self.source_ref),
            (None, true) => self.source.to_string(),
        }
    }
}

/// A work order as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct OrderLine {
    pub id: i64,
    pub order_no: String,
    pub request_no: Option<String>,
    pub area_label: &'static str,
    pub unit: String,
    pub category_label: &'static str,
    pub location: String,
    pub description: String,
    pub technician: String,
    pub reported_at: String,
    pub status: OrderStatus,
    pub status_label: &'static str,
    pub charge: Money,
}
