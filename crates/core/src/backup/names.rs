//! Backup file names: `<estate stem>-YYYYMMDD-HHMMSS-<why>.db`, with `-2`, `-3`…
//! before `.db` when two are made in the same second. They sort by time in
//! any file manager, say why they were made, and are recognised as ours, so
//! pruning never touches another file in the folder.

use chrono::NaiveDateTime;
use serde::Serialize;

/// Why a backup was made; the Chinese word is part of the file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// At a daily close (日结).
    DayClose,
    /// Just before the file's schema is upgraded by a newer program.
    Upgrade,
    /// The live file, just before a restore replaces it.
    Restore,
    /// By the desktop app's timer.
    Scheduled,
    /// Asked for (立即备份, `estate backup`).
    OnDemand,
}

impl Reason {
    pub const ALL: [Reason; 5] = [Reason::DayClose, Reason::Upgrade, Reason::Restore, Reason::Scheduled, Reason::OnDemand];

    pub fn label(self) -> &'static str {
        match self {
            Reason::DayClose => "日结",
            Reason::Upgrade => "升级前",
            Reason::Restore => "恢复前",
            Reason::Scheduled => "定时",
            Reason::OnDemand => "手动",
        }
    }
}

const STAMP: &str = "%Y%m%d-%H%M%S";

/// The name of the `seq`th backup (1 = first) made in that second.
pub fn file_name(stem: &str, at: NaiveDateTime, reason: Reason, seq: u32) -> String {
    let tail = if seq > 1 { format!("-{seq}") } else { String::new() };
    format!("{stem}-{}-{}{tail}.db", at.format(STAMP), reason.label())
}

/// What a name says, if it is one of ours for this estate: (time, seq, why).
pub fn parse(stem: &str, name: &str) -> Option<(NaiveDateTime, u32, Reason)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?.strip_suffix(".db")?;
    let (stamp, why) = (rest.get(..15)?, rest.get(15..)?.strip_prefix('-')?);
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let (label, seq) = match why.rsplit_once('-') {
        Some((label, n)) => (label, n.parse::<u32>().ok().filter(|n| *n > 1)?),
        None => (why, 1),
    };
    let reason = Reason::ALL.into_iter().find(|r| r.label() == label)?;
    Some((at, seq, reason))
}

/// The local time a file name carries, shown as "2026-12-04 15:30:00".
pub fn shown(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn names_sort_by_time_say_why_and_read_back() {
        let t = at("2026-12-04 15:30:00");
        assert_eq!(file_name("estate", t, Reason::DayClose, 1), "estate-20261204-153000-日结.db");
        assert_eq!(file_name("翠湖-花园", t, Reason::OnDemand, 3), "翠湖-花园-20261204-153000-手动-3.db");
        for reason in Reason::ALL {
            for seq in [1, 2, 12] {
                assert_eq!(parse("翠湖-花园", &file_name("翠湖-花园", t, reason, seq)), Some((t, seq, reason)));
            }
        }
        let earlier = file_name("estate", at("2026-12-04 09:05:00"), Reason::Scheduled, 1);
        assert!(earlier < file_name("estate", t, Reason::DayClose, 1));
    }

    #[test]
    fn only_our_own_names_for_this_estate_are_recognised() {
        for other in [
            "estate.db",
            "estate-20261204-153000-日结.db.part",
            "other-20261204-153000-日结.db",
            "estate-20261204-153000-照片.db",
            "estate-20261304-153000-日结.db",
            "estate-20261204-153000-日结-1.db",
            "estate-20261204-153000-日结-x.db",
            "estate-extra-20261204-153000-日结.db",
            "estate-20261204-153000.db",
            "家庭相册.jpg",
        ] {
            assert_eq!(parse("estate", other), None, "{other}");
        }
    }
}
