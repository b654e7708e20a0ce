//! Turning a match into the line the clerk reads: the unit code and a name
//! up front, role, masked phone and plates after. Only the lines shown are
//! written out, so a query matching thousands costs no formatting.

use super::{Hit, HitKind, Index, Person, Target, Why};
use crate::register::Role;
use crate::register::rules::mask_phone;

const SEP: &str = " · ";

impl Index {
    pub(super) fn hit(&self, target: Target, why: Why) -> Hit {
        match target {
            Target::Unit(i) => self.unit_hit(i, why),
            Target::Person(i, phone) => self.person_hit(i, phone, why),
            Target::Vehicle(i) => self.vehicle_hit(i, why),
        }
    }

    fn line(&self, kind: HitKind, unit: usize, person_id: Option<i64>, title: String, detail: Vec<String>, why: Why) -> Hit {
        let u = &self.units[unit];
        Hit {
            kind,
            unit_id: u.id,
            unit_code: u.code.clone(),
            person_id,
            title,
            detail: detail.into_iter().filter(|d| !d.is_empty()).collect::<Vec<_>>().join(SEP),
            why,
            why_label: why.label(),
        }
    }

    /// The current owners and co-owners of a unit.
    fn owners(&self, unit: usize) -> impl Iterator<Item = &Person> {
        self.units[unit].people.iter().map(|&i| &self.people[i]).filter(|p| p.current && is_owner(p.role))
    }

    fn unit_hit(&self, i: usize, why: Why) -> Hit {
        let u = &self.units[i];
        let owners: Vec<&str> = self.owners(i).map(|p| p.name.as_str()).collect();
        let title = if owners.is_empty() { u.code.clone() } else { format!("{} {}", u.code, owners.join("、")) };
        let plates: Vec<&str> = u.vehicles.iter().map(|&v| self.vehicles[v].plate.as_str()).collect();
        let detail = vec![
            u.unit_type.label().to_string(),
            u.area.map(|a| format!("{a}㎡")).unwrap_or_default(),
            if owners.is_empty() { "暂无业主".to_string() } else { String::new() },
            plates.join("、"),
        ];
        self.line(HitKind::Unit, i, None, title, detail, why)
    }

    fn person_hit(&self, i: usize, phone: Option<usize>, why: Why) -> Hit {
        let p = &self.people[i];
        let title = format!("{} {}", self.units[p.unit].code, p.name);
        let shown = phone.and_then(|k| p.phones.get(k)).or(p.phones.first());
        let detail = vec![role_label(p), shown.map(|ph| mask_phone(ph)).unwrap_or_default(), self.plates_of(p).join("、")];
        self.line(HitKind::Person, p.unit, Some(p.id), title, detail, why)
    }

    /// The plates registered to this person on this unit; a current owner
    /// also has the unit's plates registered to nobody in particular.
    fn plates_of(&self, p: &Person) -> Vec<&str> {
        let owner = p.current && is_owner(p.role);
        self.units[p.unit]
            .vehicles
            .iter()
            .map(|&v| &self.vehicles[v])
            .filter(|v| v.person_id == Some(p.id) || (owner && v.person_id.is_none()))
            .map(|v| v.plate.as_str())
            .collect()
    }

    fn vehicle_hit(&self, i: usize, why: Why) -> Hit {
        let v = &self.vehicles[i];
        let u = &self.units[v.unit];
        let title = format!("{} {}", u.code, v.plate);
        let driver = v.person_id.and_then(|id| u.people.iter().map(|&k| &self.people[k]).find(|p| p.id == id));
        let detail = match driver {
            Some(p) => vec![format!("车主 {}", p.name), p.phones.first().map(|ph| mask_phone(ph)).unwrap_or_default()],
            None => {
                let owners: Vec<&Person> = self.owners(v.unit).collect();
                let names: Vec<&str> = owners.iter().map(|p| p.name.as_str()).collect();
                let phone = owners.first().and_then(|p| p.phones.first()).map(|ph| mask_phone(ph)).unwrap_or_default();
                if names.is_empty() { vec!["暂无业主".into()] } else { vec![format!("业主 {}", names.join("、")), phone] }
            }
        };
        self.line(HitKind::Vehicle, v.unit, driver.map(|p| p.id), title, detail, why)
    }
}

fn is_owner(role: Role) -> bool {
    matches!(role, Role::Owner | Role::CoOwner)
}

/// 业主, or 原业主 for someone whose tie to the unit has ended.
fn role_label(p: &Person) -> String {
    if p.current { p.role.label().to_string() } else { format!("原{}", p.role.label()) }
}
