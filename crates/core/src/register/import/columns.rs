//! Finding the header row among the title and note rows above it, and
//! mapping the many ways registers name a column to the fields we need.

use super::ImportError;
use super::read::Table;

/// How many rows from the top may hold titles and notes before the header.
pub const HEADER_SEARCH_ROWS: usize = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Building,
    Entrance,
    Room,
    Area,
    Owner,
    Phone,
    Handover,
    Opening,
    UnitType,
    IdNumber,
}

impl Field {
    const ALL: [Field; 10] = [
        Field::Building,
        Field::Entrance,
        Field::Room,
        Field::Area,
        Field::Owner,
        Field::Phone,
        Field::Handover,
        Field::Opening,
        Field::UnitType,
        Field::IdNumber,
    ];

    /// The canonical name first; it is what messages use when the column is absent.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Building => &["楼栋", "楼号", "栋号", "楼栋号", "幢号", "楼幢"],
            Field::Entrance => &["单元", "单元号"],
            Field::Room => &["房号", "房间号", "室号"],
            Field::Area => &["建筑面积", "面积", "建筑面积(㎡)", "建筑面积(m²)", "建筑面积(平方米)"],
            Field::Owner => &["业主姓名", "业主", "姓名"],
            Field::Phone => &["联系电话", "电话", "手机", "手机号", "手机号码", "联系方式"],
            Field::Handover => &["交房日期", "入住日期"],
            Field::Opening => &["期初欠费", "欠费", "历史欠费", "欠费金额"],
            Field::UnitType => &["房屋类型", "类型", "房产类型"],
            Field::IdNumber => &["身份证号", "证件号码", "身份证", "身份证号码"],
        }
    }

    pub fn name(self) -> &'static str {
        self.aliases()[0]
    }

    fn index(self) -> usize {
        self as usize
    }
}

const REQUIRED: [Field; 3] = [Field::Building, Field::Room, Field::Owner];

/// A header cell reduced to what identifies it: no spaces or line breaks
/// (Alt+Enter in a header), half-width brackets, no "*" required-marks.
fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | '\u{feff}' | '\u{200b}'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect()
}

/// The field a header names: its exact alias, or an alias followed by a unit
/// in brackets such as 期初欠费(元) or 联系电话(手机).
#[cfg(test)]
fn field_of(header: &str) -> Option<Field> {
    let aliases = Field::ALL.map(Field::aliases);
    alias_of(header, &aliases).map(|i| Field::ALL[i])
}

/// Which of the alias lists a header names (its index): an exact alias, or an
/// alias followed by a unit in brackets. Shared by every importer's columns.
pub fn alias_of(header: &str, fields: &[&[&str]]) -> Option<usize> {
    let h = normalise(header);
    let exact = |h: &str| fields.iter().position(|aliases| aliases.iter().any(|a| normalise(a) == h));
    exact(&h).or_else(|| {
        let base = h.strip_suffix(')').and_then(|s| s.rsplit_once('(')).map(|(base, _)| base)?;
        exact(base)
    })
}

#[derive(Debug, Clone)]
pub struct Column {
    pub index: usize,
    /// The header as written in the file (trimmed), for messages.
    pub header: String,
}

/// Where the header is and which column holds each field.
#[derive(Debug, Clone)]
pub struct Columns {
    /// Index into `Table::rows` of the header row.
    pub header_index: usize,
    fields: [Option<Column>; 10],
}

impl Columns {
    pub fn get(&self, field: Field) -> Option<&Column> {
        self.fields[field.index()].as_ref()
    }

    /// The header as the file writes it, or the canonical name when the column is absent.
    pub fn header(&self, field: Field) -> &str {
        self.get(field).map(|c| c.header.as_str()).unwrap_or(field.name())
    }

    /// The columns that say which unit and whose: a gap in them in a data row
    /// usually means a merged cell.
    pub fn key_indices(&self) -> Vec<usize> {
        [Field::Building, Field::Entrance, Field::Room, Field::Owner].into_iter().filter_map(|f| self.get(f)).map(|c| c.index).collect()
    }

    /// The columns that hold something we read (blank-row detection looks only at these).
    pub fn used(&self) -> impl Iterator<Item = &Column> {
        self.fields.iter().flatten()
    }
}

/// The header is the row among the first rows that names the most known
/// columns (at least two, so a note row mentioning 姓名 is not taken for it).
/// `fields` lists each field's aliases (canonical name first); `required`
/// the indices that must be present; `hint` names typical headers for the
/// message when no header row is found. Every importer finds its header here.
pub fn find_header(table: &Table, fields: &[&[&str]], required: &[usize], hint: &str) -> Result<(usize, Vec<Option<Column>>), ImportError> {
    let mut best: Option<(usize, Vec<Option<Column>>)> = None;
    for (i, row) in table.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let mut found: Vec<Option<Column>> = vec![None; fields.len()];
        for (index, cell) in row.cells.iter().enumerate() {
            let text = cell.as_text();
            if let Some(f) = alias_of(&text, fields) {
                // The first column of a kind wins; a second 电话 column is ignored.
                found[f].get_or_insert_with(|| Column { index, header: text.trim().to_string() });
            }
        }
        let count = found.iter().flatten().count();
        if count >= 2 && best.as_ref().is_none_or(|(_, b)| count > b.iter().flatten().count()) {
            best = Some((i, found));
        }
    }
    let (header_index, found) = best.ok_or_else(|| ImportError::NoHeader { rows: HEADER_SEARCH_ROWS, hint: hint.to_string() })?;
    let missing: Vec<String> = required
        .iter()
        .filter(|&&f| found[f].is_none())
        .map(|&f| format!("“{}”（也可写作 {}）", fields[f][0], fields[f].join("、")))
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumn { missing: missing.join("；") });
    }
    Ok((header_index, found))
}

/// The register's header row and columns.
pub fn find(table: &Table) -> Result<Columns, ImportError> {
    let aliases = Field::ALL.map(Field::aliases);
    let required = REQUIRED.map(Field::index);
    let (header_index, found) = find_header(table, &aliases, &required, "“楼栋”“房号”“业主姓名”")?;
    let mut fields: [Option<Column>; 10] = Default::default();
    for (slot, column) in fields.iter_mut().zip(found) {
        *slot = column;
    }
    Ok(Columns { header_index, fields })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_through_spaces_brackets_and_units() {
        assert_eq!(field_of(" 楼 号 "), Some(Field::Building));
        assert_eq!(field_of("建筑面积（㎡）"), Some(Field::Area));
        assert_eq!(field_of("建筑面积(m²)"), Some(Field::Area));
        assert_eq!(field_of("建筑面积\n（平方米）"), Some(Field::Area));
        assert_eq!(field_of("期初欠费（元）"), Some(Field::Opening));
        assert_eq!(field_of("*业主姓名"), Some(Field::Owner));
        assert_eq!(field_of("身份证"), Some(Field::IdNumber));
        assert_eq!(field_of("备注"), None);
        assert_eq!(field_of("翠湖花园业主信息登记表"), None);
    }
}
