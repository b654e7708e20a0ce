//! Types of the owner register.

use std::fmt;

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// What a unit is used as. The labels are the words offices use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum UnitType {
    #[serde(rename = "住宅")]
    Residence,
    #[serde(rename = "商铺")]
    Shop,
    #[serde(rename = "车位")]
    Parking,
    #[serde(rename = "储藏室")]
    Storage,
    #[serde(rename = "办公")]
    Office,
}

impl UnitType {
    pub const ALL: [UnitType; 5] = [UnitType::Residence, UnitType::Shop, UnitType::Parking, UnitType::Storage, UnitType::Office];

    pub fn label(self) -> &'static str {
        match self {
            UnitType::Residence => "住宅",
            UnitType::Shop => "商铺",
            UnitType::Parking => "车位",
            UnitType::Storage => "储藏室",
            UnitType::Office => "办公",
        }
    }

    /// Reads the label or a word registers commonly use for it.
    pub fn parse(text: &str) -> Option<UnitType> {
        let t = text.trim();
        let found = match t {
            "住宅" | "住房" | "普通住宅" | "公寓" | "洋房" | "别墅" | "高层住宅" | "多层住宅" => UnitType::Residence,
            "商铺" | "商业" | "门面" | "底商" | "商铺房" | "门市" => UnitType::Shop,
            "车位" | "停车位" | "车库" | "地下车位" | "产权车位" => UnitType::Parking,
            "储藏室" | "储物间" | "杂物间" | "地下室" | "储藏间" => UnitType::Storage,
            "办公" | "写字楼" | "办公室" | "办公用房" => UnitType::Office,
            _ => return None,
        };
        Some(found)
    }

    /// Units of these types are billed by area and must have one.
    pub fn needs_area(self) -> bool {
        matches!(self, UnitType::Residence | UnitType::Shop | UnitType::Office)
    }
}

/// How a person is tied to a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    CoOwner,
    Tenant,
    Family,
    Authorised,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::CoOwner => "co_owner",
            Role::Tenant => "tenant",
            Role::Family => "family",
            Role::Authorised => "authorised",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "业主",
            Role::CoOwner => "共有人",
            Role::Tenant => "租户",
            Role::Family => "家属",
            Role::Authorised => "授权人",
        }
    }

    /// Accepts the code or the Chinese label.
    pub fn parse(text: &str) -> Option<Role> {
        [Role::Owner, Role::CoOwner, Role::Tenant, Role::Family, Role::Authorised]
            .into_iter()
            .find(|r| r.code() == text || r.label() == text)
    }

    /// Roles that belong to the owning side and end when the unit is sold.
    pub fn ends_with_sale(self) -> bool {
        !matches!(self, Role::Tenant)
    }
}

/// A unit's place: 楼栋-单元-房号. The entrance is empty where a building has none.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitCode {
    pub building: String,
    pub entrance: String,
    pub room: String,
}

impl fmt::Display for UnitCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.entrance.is_empty() {
            write!(f, "{}-{}", self.building, self.room)
        } else {
            write!(f, "{}-{}-{}", self.building, self.entrance, self.room)
        }
    }
}

/// Floor area in hundredths of a square metre (89.50 ㎡ = 8950).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Area(pub i64);

impl Area {
    pub fn to_decimal(self) -> rust_decimal::Decimal {
        rust_decimal::Decimal::new(self.0, 2)
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl Serialize for Area {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

#[derive(Debug, Clone)]
pub struct NewUnit {
    pub code: UnitCode,
    pub unit_type: UnitType,
    pub area: Option<Area>,
    pub handover: Option<NaiveDate>,
}

/// What can be corrected about a unit after it is registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDetails {
    pub unit_type: UnitType,
    pub area: Option<Area>,
    pub handover: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Unit {
    pub id: i64,
    pub code: String,
    pub unit_type: UnitType,
    pub area: Option<Area>,
    pub handover: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default)]
pub struct NewPerson {
    pub name: String,
    pub phones: Vec<String>,
    pub id_number: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub id: i64,
    pub name: String,
    /// Sent masked (138****1234) to every screen, the CLI and exports; a supervisor's
    /// reveal (`privacy::reveal`) is the one way to see them in full.
    #[serde(serialize_with = "masked_phones")]
    pub phones: Vec<String>,
    /// Never sent in full: the desk sees `id_masked` (110105********002X) to know one is on file.
    #[serde(rename = "id_masked", serialize_with = "masked_id")]
    pub id_number: Option<String>,
}

fn masked_phones<S: Serializer>(phones: &[String], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(phones.iter().map(|p| super::rules::mask_phone(p)))
}

fn masked_id<S: Serializer>(id: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
    match id {
        Some(n) => s.serialize_some(&super::rules::mask_id_number(n)),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Occupancy {
    pub id: i64,
    pub person: Person,
    pub role: Role,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Vehicle {
    pub id: i64,
    pub plate: String,
    pub person: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Transfer {
    pub id: i64,
    pub date: NaiveDate,
    pub from_people: String,
    pub to_person: String,
    pub note: String,
}

/// Everything the desk needs to see about one unit.
#[derive(Debug, Clone, Serialize)]
pub struct UnitCard {
    pub unit: Unit,
    /// Current and past occupancies, current first.
    pub occupancies: Vec<Occupancy>,
    pub vehicles: Vec<Vehicle>,
    pub transfers: Vec<Transfer>,
    /// The unit's complaints (service desk), oldest first; those the owner
    /// withholds fees over are marked.
    pub complaints: Vec<crate::service::UnitComplaint>,
}
