//! What the desk's forms send: every field as the clerk typed it, read here
//! with the register's own rules so the app decides nothing. A field left
//! blank is "not given".

use chrono::NaiveDate;
use serde::Deserialize;

use super::model::{NewPerson, NewUnit, Role, UnitDetails, UnitType};
use super::{RegisterError, rules};

fn given(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

fn bad(message: String) -> RegisterError {
    RegisterError::BadInput(message)
}

/// A unit's type, area and handover date as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UnitDetailsForm {
    pub unit_type: String,
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub handover: String,
}

impl UnitDetailsForm {
    pub fn read(&self) -> Result<UnitDetails, RegisterError> {
        let unit_type = UnitType::parse(&self.unit_type)
            .ok_or_else(|| bad(format!("房屋类型“{}”不认识，可选：住宅、商铺、车位、储藏室、办公", self.unit_type.trim())))?;
        Ok(UnitDetails {
            unit_type,
            area: given(&self.area).map(rules::parse_area).transpose().map_err(bad)?,
            handover: given(&self.handover).map(rules::parse_date).transpose().map_err(bad)?,
        })
    }
}

/// A new unit: its building, entrance (blank where the building has none) and room, and its details.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewUnitForm {
    pub building: String,
    #[serde(default)]
    pub entrance: String,
    pub room: String,
    #[serde(flatten)]
    pub details: UnitDetailsForm,
}

impl NewUnitForm {
    pub fn read(&self) -> Result<NewUnit, RegisterError> {
        let code = rules::unit_code_from_parts(&self.building, &self.entrance, &self.room).map_err(bad)?;
        let UnitDetails { unit_type, area, handover } = self.details.read()?;
        Ok(NewUnit { code, unit_type, area, handover })
    }
}

/// A person: name, phones in one field ("138 0000 0001 / 0571-88886666"), ID number.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonForm {
    pub name: String,
    #[serde(default)]
    pub phones: String,
    #[serde(default)]
    pub id_number: String,
}

impl PersonForm {
    /// The ID number's check digit is checked when the person is written. A
    /// phone left as the desk showed it (masked) stands for the number on file.
    pub fn read(&self) -> Result<NewPerson, RegisterError> {
        Ok(NewPerson {
            name: self.name.trim().to_string(),
            phones: rules::parse_phones_keeping_masked(&self.phones).map_err(bad)?,
            id_number: given(&self.id_number).map(str::to_string),
        })
    }
}

/// A date the form requires ("2026-11-23", "2026/11/23", "2026年11月23日").
pub fn read_date(text: &str, what: &str) -> Result<NaiveDate, RegisterError> {
    match given(text) {
        Some(t) => rules::parse_date(t).map_err(bad),
        None => Err(bad(format!("请填写{what}，例如 2026-11-23"))),
    }
}

/// A person tied to a unit in a role from a date.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OccupantForm {
    #[serde(flatten)]
    pub person: PersonForm,
    /// `owner`, `co_owner`, `tenant`, `family`, `authorised` or the Chinese label.
    pub role: String,
    pub from: String,
}

impl OccupantForm {
    pub fn read(&self) -> Result<(NewPerson, Role, NaiveDate), RegisterError> {
        let role = Role::parse(self.role.trim()).ok_or_else(|| bad(format!("身份“{}”不认识，可选：业主、共有人、租户、家属、授权人", self.role.trim())))?;
        Ok((self.person.read()?, role, read_date(&self.from, "起始日期")?))
    }
}

/// An ownership transfer: the new owner, the date it takes effect, a note (合同号, 原因).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TransferForm {
    #[serde(flatten)]
    pub person: PersonForm,
    pub date: String,
    #[serde(default)]
    pub note: String,
}

impl TransferForm {
    pub fn read(&self) -> Result<(NewPerson, NaiveDate, String), RegisterError> {
        Ok((self.person.read()?, read_date(&self.date, "过户日期")?, self.note.trim().to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::model::Area;

    #[test]
    fn a_new_unit_is_read_from_its_parts_and_details() {
        let form = NewUnitForm {
            building: "3栋".into(),
            entrance: "2".into(),
            room: "1502室".into(),
            details: UnitDetailsForm { unit_type: "住宅".into(), area: "89.5㎡".into(), handover: "2019/5/1".into() },
        };
        let unit = form.read().unwrap();
        assert_eq!(unit.code.to_string(), "3-2-1502");
        assert_eq!(unit.area, Some(Area(8950)));
        assert_eq!(unit.handover.map(|d| d.to_string()).as_deref(), Some("2019-05-01"));
        let shop = NewUnitForm { building: "S1".into(), room: "105".into(), details: UnitDetailsForm { unit_type: "商铺".into(), ..Default::default() }, ..Default::default() };
        let shop = shop.read().unwrap();
        assert_eq!((shop.code.to_string(), shop.area, shop.handover), ("S1-105".to_string(), None, None), "blank fields are not given");
    }

    #[test]
    fn bad_fields_say_which_and_how_to_write_them() {
        let details = |t: &str, a: &str, h: &str| UnitDetailsForm { unit_type: t.into(), area: a.into(), handover: h.into() }.read().unwrap_err().to_string();
        assert!(details("别墅区", "", "").contains("房屋类型“别墅区”不认识"));
        assert!(details("住宅", "约90", "").contains("面积“约90”不是数字"));
        assert!(details("住宅", "90", "明年").contains("日期“明年”认不出"));
        let no_room = NewUnitForm { building: "3".into(), details: details_ok(), ..Default::default() };
        assert!(no_room.read().unwrap_err().to_string().contains("房号"));
    }

    fn details_ok() -> UnitDetailsForm {
        UnitDetailsForm { unit_type: "住宅".into(), area: "90".into(), handover: String::new() }
    }

    #[test]
    fn a_person_is_read_with_phones_split_and_a_blank_id_number_not_given() {
        let p = PersonForm { name: " 张三 ".into(), phones: "138 0000 0001/0571-88886666".into(), id_number: " ".into() }.read().unwrap();
        assert_eq!((p.name.as_str(), p.phones.as_slice(), p.id_number), ("张三", ["13800000001".to_string(), "0571-88886666".to_string()].as_slice(), None));
        let bad_phone = PersonForm { name: "张三".into(), phones: "1380000000".into(), ..Default::default() };
        assert!(bad_phone.read().unwrap_err().to_string().contains("位数不对"));
    }

    #[test]
    fn occupants_and_transfers_need_a_known_role_and_a_date() {
        let person = PersonForm { name: "李四".into(), ..Default::default() };
        let occupant = |role: &str, from: &str| OccupantForm { person: person.clone(), role: role.into(), from: from.into() }.read();
        let (p, role, from) = occupant("租户", "2026/11/1").unwrap();
        assert_eq!((p.name.as_str(), role, from.to_string()), ("李四", Role::Tenant, "2026-11-01".to_string()));
        assert_eq!(occupant("co_owner", "2026-11-01").unwrap().1, Role::CoOwner);
        assert!(occupant("房东", "2026-11-01").unwrap_err().to_string().contains("身份“房东”不认识"));
        assert!(occupant("owner", "").unwrap_err().to_string().contains("请填写起始日期"));
        let t = TransferForm { person, date: "2026-12-01".into(), note: " 合同 HT-1 ".into() }.read().unwrap();
        assert_eq!((t.1.to_string(), t.2.as_str()), ("2026-12-01".to_string(), "合同 HT-1"));
    }
}
