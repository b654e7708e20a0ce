//! Renovation papers: the permit posted on the door (装修许可证, A4
//! portrait), the goods release slips the guard keeps (物品放行条, three to an
//! A4 sheet with cut lines between them) and the deposit refund voucher
//! (装修押金退还单, A5 landscape, the size of the deposit receipt it settles).
//!
//! Each is a ruled form of label and value cells, the values wrapped in
//! their cell; texts are printed as given (the caller decides what is shown).

use printpdf::{FontId, Mm, PdfDocument, PdfPage};

use super::PdfError;
use super::canvas::{Canvas, Ink};
use super::font::{self, Face};
use super::layout::{centered_x, em, fit_size, right_aligned_x, text_width, truncate, wrap, wrap_capped};
use super::receipt::clean;
use super::receipt_page::MIDDLE;
use super::{A4_H, A4_W};
use crate::money::Money;
use crate::reno::ReleaseSlip;

const PAD: f32 = 2.0;

/// Everything printed on a permit.
#[derive(Debug, Clone)]
pub struct PermitDoc {
    /// "翠湖花园物业服务中心".
    pub issuer: String,
    pub permit_no: String,
    pub unit: String,
    /// "张三（业主）" or "李四（受业主委托，委托书 WT-01）".
    pub owner: String,
    pub contractor: String,
    pub foreman: String,
    pub foreman_phone: String,
    /// "2026年11月5日 至 2027年1月31日"; with an extension, the extended end and a note.
    pub period: String,
    pub scope: String,
    /// "王师傅（出入证 SG0001-01）、…"; may be empty.
    pub workers: String,
    /// The estate's working-hour rules as applied for (`reno_rules_text`).
    pub rules: String,
    pub office_phone: String,
    /// "2026年11月3日".
    pub issued_on: String,
}

/// The deposit refund voucher.
#[derive(Debug, Clone)]
pub struct VoucherDoc {
    pub issuer: String,
    pub permit_no: String,
    pub unit: String,
    pub payer: String,
    pub deposit_receipt_no: String,
    pub deposit: Money,
    /// Each deduction with its reason, in the order given.
    pub deductions: Vec<(Money, String)>,
    pub refunded: Money,
    /// "2026年12月20日".
    pub refunded_on: String,
    /// Who did the refund at the desk.
    pub operator: String,
    /// The supervisor who approved it on the spot; `None` when the operator
    /// is the supervisor (then the name is printed once, as both).
    pub approver: Option<String>,
}

/// A new document titled `title`, the one font added (subset once when saved).
fn start(title: &str) -> Result<(&'static Face, PdfDocument, FontId), PdfError> {
    let face = font::face()?;
    let mut pdf = PdfDocument::new(title);
    let font_id = pdf.add_font(&face.font);
    Ok((face, pdf, font_id))
}

/// A ruled row of cells between `edges`; cells at even places are labels
/// (centred), the others values (left, wrapped to at most `max_lines`). Returns its height.
#[allow(clippy::too_many_arguments)]
fn row(c: &mut Canvas, adv: &impl Fn(char) -> f32, y: f32, edges: &[f32], cells: &[&str], size: f32, min_h: f32, max_lines: usize) -> f32 {
    let lh = em(size) * 1.35;
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let w = edges[i + 1] - edges[i] - 2.0 * PAD;
            let text = clean(text);
            if i % 2 == 0 { vec![truncate(&text, w, size, adv)] } else { wrap_capped(&text, w, size, max_lines, adv) }
        })
        .collect();
    let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let h = (lines as f32 * lh + 3.0).max(min_h);
    for (i, cell) in wrapped.iter().enumerate() {
        let (left, right) = (edges[i], edges[i + 1]);
        if i % 2 == 0 {
            // Inset a hair, so the shade never paints over the rules drawn before it.
            c.ink(Ink::Shade);
            c.fill_rect(left + 0.25, y + 0.25, right - left - 0.5, h - 0.5);
            c.ink(Ink::Black);
        }
        let first = y + (h - cell.len() as f32 * lh) / 2.0;
        for (k, text) in cell.iter().enumerate() {
            let base = first + (k as f32 + 0.5) * lh + MIDDLE * em(size);
            let x = if i % 2 == 0 { centered_x(left, right - left, text, size, adv) } else { left + PAD };
            c.text(x, base, size, text);
        }
    }
    for x in &edges[1..edges.len() - 1] {
        c.line((*x, y), (*x, y + h), 0.5);
    }
    c.line((edges[0], y + h), (edges[edges.len() - 1], y + h), 0.5);
    h
}

/// The rules as numbered items: the text split after each 。 or ；.
fn rule_items(rules: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    for ch in clean(rules).chars() {
        item.push(ch);
        if matches!(ch, '。' | '；' | ';' | '\n') {
            let t = item.trim().trim_end_matches(['；', ';']).trim().to_string();
            if !t.is_empty() && t != "。" {
                items.push(t);
            }
            item.clear();
        }
    }
    if !item.trim().is_empty() {
        items.push(item.trim().to_string());
    }
    items.into_iter().enumerate().map(|(i, t)| format!("{}. {}", i + 1, t.trim_end_matches('。'))).collect()
}

const P_LEFT: f32 = 20.0;
const P_RIGHT: f32 = A4_W - 20.0;

/// The permit, one A4 page to post on the door.
pub fn permit_pdf(doc: &PermitDoc) -> Result<Vec<u8>, PdfError> {
    let (face, pdf, font_id) = start(&format!("装修许可证 {}", doc.permit_no))?;
    let adv = |ch: char| face.advance_em(ch);
    let mut c = Canvas::new(A4_H, font_id);
    let width = P_RIGHT - P_LEFT;

    let issuer = clean(&doc.issuer);
    let size = fit_size(&issuer, width, 18.0, 11.0, &adv);
    c.ink(Ink::Red);
    c.bold_text(centered_x(P_LEFT, width, &issuer, size, &adv), 24.0, size, &issuer);
    c.line((P_LEFT, 29.0), (P_RIGHT, 29.0), 2.2);
    c.line((P_LEFT, 30.4), (P_RIGHT, 30.4), 0.6);
    c.ink(Ink::Black);
    let title = "装 修 许 可 证";
    c.bold_text(centered_x(P_LEFT, width, title, 32.0, &adv), 50.0, 32.0, title);
    let number = format!("许可证号：{}", clean(&doc.permit_no));
    c.ink(Ink::Red);
    c.bold_text(right_aligned_x(P_RIGHT, &number, 12.0, &adv), 61.0, 12.0, &number);
    c.ink(Ink::Black);

    let edges = [P_LEFT, P_LEFT + 34.0, P_RIGHT];
    let foreman = format!("{}　电话 {}", clean(&doc.foreman), clean(&doc.foreman_phone));
    let mut rows: Vec<(&str, &str)> = vec![
        ("房　　号", &doc.unit),
        ("业　　主", &doc.owner),
        ("施工单位", &doc.contractor),
        ("施工负责人", &foreman),
        ("施工期限", &doc.period),
        ("施工范围", &doc.scope),
    ];
    if !doc.workers.trim().is_empty() {
        rows.push(("施工人员", &doc.workers));
    }
    let top = 65.0;
    let mut y = top;
    for (label, value) in rows {
        y += row(&mut c, &adv, y, &edges, &[label, value], 12.5, 11.0, 3);
    }
    c.rect(P_LEFT, top, width, y - top, 1.0);

    // The rules: as large as fits between the table and the foot.
    y += 10.0;
    c.bold_text(P_LEFT, y, 14.0, "施工时间及管理规定");
    y += 4.0;
    let items = rule_items(&doc.rules);
    let room = 238.0 - y;
    let indent = 5.0;
    let mut size = 13.5;
    let lay = |size: f32| -> Vec<Vec<String>> { items.iter().map(|t| wrap(t, width - indent, size, &adv)).collect() };
    let mut laid = lay(size);
    while size > 8.0 && laid.iter().map(Vec::len).sum::<usize>() as f32 * em(size) * 1.55 > room {
        size -= 0.5;
        laid = lay(size);
    }
    let lh = em(size) * 1.55;
    let max_lines = (room / lh).floor().max(1.0) as usize;
    let mut printed = 0;
    for lines in laid {
        for (k, line) in lines.iter().enumerate() {
            if printed == max_lines {
                break;
            }
            y += lh;
            c.text(if k == 0 { P_LEFT } else { P_LEFT + indent }, y, size, line);
            printed += 1;
        }
    }

    // The foot: what to do with the permit, the office's phone, the issuer and the date over the seal.
    let hint = "本证须张贴于户门外显眼处，施工期间请配合物业巡查，完工后交回物业服务中心。";
    let hint_size = fit_size(hint, width, 10.5, 8.0, &adv);
    c.ink(Ink::Grey);
    c.line((P_LEFT, 243.0), (P_RIGHT, 243.0), 0.5);
    c.text(P_LEFT, 250.0, hint_size, hint);
    c.ink(Ink::Black);
    if !doc.office_phone.trim().is_empty() {
        c.text(P_LEFT, 260.0, 12.0, &format!("物业服务中心电话：{}", clean(&doc.office_phone)));
    }
    let (left, w) = (P_RIGHT - 80.0, 80.0);
    let issuer = truncate(&issuer, w, 12.0, &adv);
    c.text(centered_x(left, w, &issuer, 12.0, &adv), 268.0, 12.0, &issuer);
    let issued = format!("发证日期：{}", clean(&doc.issued_on));
    c.text(centered_x(left, w, &issued, 12.0, &adv), 276.0, 12.0, &issued);
    c.ink(Ink::Grey);
    let seal = "（盖章）";
    c.text(centered_x(left, w, seal, 9.0, &adv), 284.0, 9.0, seal);
    c.ink(Ink::Black);
    super::save(pdf, vec![PdfPage::new(Mm(A4_W), Mm(A4_H), c.into_ops())])
}

/// A slip's height: three to an A4 sheet.
pub const SLIP_H: f32 = A4_H / 3.0;
const S_LEFT: f32 = 18.0;
const S_RIGHT: f32 = A4_W - 18.0;

/// The slips, three to an A4 page in the order given, dashed cut lines between them.
pub fn release_slips_pdf(issuer: &str, slips: &[ReleaseSlip]) -> Result<Vec<u8>, PdfError> {
    let (face, pdf, font_id) = start("物品放行条")?;
    let adv = |ch: char| face.advance_em(ch);
    let mut pages = Vec::new();
    for chunk in slips.chunks(3) {
        let mut c = Canvas::new(A4_H, font_id.clone());
        for (k, slip) in chunk.iter().enumerate() {
            let top = k as f32 * SLIP_H;
            if k > 0 {
                c.ink(Ink::Grey);
                c.dashed_line((8.0, top), (A4_W - 8.0, top), 0.5);
                c.ink(Ink::Black);
            }
            draw_slip(&mut c, &adv, top, issuer, slip);
        }
        pages.push(PdfPage::new(Mm(A4_W), Mm(A4_H), c.into_ops()));
    }
    super::save(pdf, pages)
}

fn draw_slip(c: &mut Canvas, adv: &impl Fn(char) -> f32, top: f32, issuer: &str, s: &ReleaseSlip) {
    let width = S_RIGHT - S_LEFT;
    c.ink(Ink::Grey);
    let issuer = truncate(&clean(issuer), width, 10.0, adv);
    c.text(centered_x(S_LEFT, width, &issuer, 10.0, adv), top + 11.0, 10.0, &issuer);
    c.ink(Ink::Black);
    let title = "物 品 放 行 条";
    c.bold_text(centered_x(S_LEFT, width, title, 20.0, adv), top + 22.0, 20.0, title);
    let number = format!("No. {}", clean(&s.slip_no));
    c.ink(Ink::Red);
    c.bold_text(right_aligned_x(S_RIGHT, &number, 11.5, adv), top + 22.0, 11.5, &number);
    c.ink(Ink::Black);
    let four = [S_LEFT, S_LEFT + 28.0, S_LEFT + 90.0, S_LEFT + 118.0, S_RIGHT];
    let two = [S_LEFT, S_LEFT + 28.0, S_RIGHT];
    let table_top = top + 27.0;
    let mut y = table_top;
    let size = 12.0;
    y += row(c, adv, y, &four, &["房　号", &s.unit, "装修许可证", s.permit_no.as_deref().unwrap_or_default()], size, 10.0, 1);
    y += row(c, adv, y, &two, &["放行物品", &s.items], size, 14.0, 3);
    y += row(c, adv, y, &four, &["车牌号", &s.plate, "放行时间", &s.released_at], size, 10.0, 1);
    let owner = format!("{}（签字）", clean(&s.owner_confirm));
    y += row(c, adv, y, &four, &["业主确认", &owner, "门岗放行", &s.guard], size, 13.0, 1);
    c.rect(S_LEFT, table_top, width, y - table_top, 0.9);
    c.ink(Ink::Grey);
    let foot = format!("开单：{}　　凭此条放行，门岗收回留存。", clean(&s.operator));
    c.text(S_LEFT, (y + 6.5).min(top + SLIP_H - 4.0), 9.5, &truncate(&foot, width, 9.5, adv));
    c.ink(Ink::Black);
}

/// A5 landscape, the deposit receipt's size.
const V_W: f32 = 210.0;
const V_H: f32 = 148.0;
const V_LEFT: f32 = 14.0;
const V_RIGHT: f32 = V_W - 14.0;

/// The refund voucher, one A5 landscape page (a second when the deductions are many).
pub fn refund_voucher_pdf(doc: &VoucherDoc) -> Result<Vec<u8>, PdfError> {
    let (face, pdf, font_id) = start(&format!("装修押金退还单 {}", doc.permit_no))?;
    let adv = |ch: char| face.advance_em(ch);
    let width = V_RIGHT - V_LEFT;
    let size = 10.5;
    let mut pages = Vec::new();
    let mut c = Canvas::new(V_H, font_id.clone());
    let heading = |c: &mut Canvas, more: bool| {
        let issuer = clean(&doc.issuer);
        let s = fit_size(&issuer, width, 13.0, 9.0, &adv);
        c.ink(Ink::Red);
        c.bold_text(centered_x(V_LEFT, width, &issuer, s, &adv), 12.0, s, &issuer);
        c.ink(Ink::Black);
        let title = if more { "装修押金退还单（续）" } else { "装修押金退还单" };
        c.bold_text(centered_x(V_LEFT, width, title, 17.0, &adv), 22.0, 17.0, title);
        c.text(V_LEFT, 30.0, 10.0, &format!("许可证号：{}", clean(&doc.permit_no)));
        let date = format!("退还日期：{}", clean(&doc.refunded_on));
        c.text(right_aligned_x(V_RIGHT, &date, 10.0, &adv), 30.0, 10.0, &date);
    };
    heading(&mut c, false);
    let four = [V_LEFT, V_LEFT + 24.0, V_LEFT + 90.0, V_LEFT + 114.0, V_RIGHT];
    let table_top = 33.0;
    let mut y = table_top;
    y += row(&mut c, &adv, y, &four, &["房　号", &doc.unit, "交款人", &doc.payer], size, 7.5, 1);
    y += row(&mut c, &adv, y, &four, &["押金收据", &doc.deposit_receipt_no, "收取押金", &format!("¥{}", doc.deposit.grouped())], size, 7.5, 1);
    // The deductions: number, reason, amount.
    let cols = [V_LEFT, V_LEFT + 24.0, V_RIGHT - 40.0, V_RIGHT];
    let lh = em(size) * 1.35;
    let text_row = |c: &mut Canvas, y: f32, cells: [&str; 3], bold: bool| -> f32 {
        let lines = wrap(&clean(cells[1]), cols[2] - cols[1] - 2.0 * PAD, size, &adv);
        let h = (lines.len() as f32 * lh + 3.0).max(7.5);
        let mid = |k: usize, n: usize| y + (h - n as f32 * lh) / 2.0 + (k as f32 + 0.5) * lh + MIDDLE * em(size);
        let put = |c: &mut Canvas, x: f32, base: f32, t: &str| if bold { c.bold_text(x, base, size, t) } else { c.text(x, base, size, t) };
        put(c, centered_x(cols[0], cols[1] - cols[0], cells[0], size, &adv), mid(0, 1), cells[0]);
        for (k, line) in lines.iter().enumerate() {
            let x = if bold { centered_x(cols[1], cols[2] - cols[1], line, size, &adv) } else { cols[1] + PAD };
            put(c, x, mid(k, lines.len()), line);
        }
        let x = if bold { centered_x(cols[2], cols[3] - cols[2], cells[2], size, &adv) } else { right_aligned_x(cols[3] - PAD, cells[2], size, &adv) };
        put(c, x, mid(0, 1), cells[2]);
        for x in &cols[1..3] {
            c.line((*x, y), (*x, y + h), 0.5);
        }
        c.line((V_LEFT, y + h), (V_RIGHT, y + h), 0.5);
        h
    };
    y += text_row(&mut c, y, ["序号", "扣款原因", "扣款金额（元）"], true);
    let bottom = V_H - 30.0;
    if doc.deductions.is_empty() {
        y += text_row(&mut c, y, ["—", "无扣款", "0.00"], false);
    }
    for (i, (amount, reason)) in doc.deductions.iter().enumerate() {
        if y + 7.5 > bottom - 16.0 {
            c.rect(V_LEFT, table_top, width, y - table_top, 0.9);
            pages.push(PdfPage::new(Mm(V_W), Mm(V_H), std::mem::replace(&mut c, Canvas::new(V_H, font_id.clone())).into_ops()));
            heading(&mut c, true);
            y = table_top;
        }
        y += text_row(&mut c, y, [(i + 1).to_string().as_str(), reason.as_str(), amount.grouped().as_str()], false);
    }
    let deducted: Money = doc.deductions.iter().map(|(m, _)| *m).sum();
    y += text_row(&mut c, y, ["合计", "扣款合计", deducted.grouped().as_str()], false);
    // 实退: the capitals across, the figure under the amounts.
    let h = 9.0;
    c.ink(Ink::Shade);
    c.fill_rect(V_LEFT, y, cols[1] - V_LEFT, h);
    c.ink(Ink::Black);
    let base = y + h / 2.0 + MIDDLE * em(size);
    c.bold_text(centered_x(V_LEFT, cols[1] - V_LEFT, "实退金额", size, &adv), base, size, "实退金额");
    let words = format!("人民币（大写）{}", doc.refunded.capitals());
    let ws = fit_size(&words, cols[2] - cols[1] - 2.0 * PAD, size, 7.5, &adv);
    c.text(cols[1] + PAD, y + h / 2.0 + MIDDLE * em(ws), ws, &words);
    let figure = format!("¥{}", doc.refunded.grouped());
    c.bold_text(right_aligned_x(cols[3] - PAD, &figure, 11.0, &adv), y + h / 2.0 + MIDDLE * em(11.0), 11.0, &figure);
    c.line((cols[1], y), (cols[1], y + h), 0.5);
    c.line((cols[2], y), (cols[2], y + h), 0.5);
    y += h;
    c.rect(V_LEFT, table_top, width, y - table_top, 0.9);

    // Who: the clerk and the approving supervisor, or the supervisor once when they did it themselves.
    let sign_y = (y + 12.0).min(V_H - 10.0);
    let operator = clean(&doc.operator);
    let who = match doc.approver.as_deref().map(clean) {
        Some(a) if !a.is_empty() && a != operator => format!("经办人：{operator}　　　审批主管：{a}"),
        _ => format!("经办及审批（主管）：{operator}"),
    };
    c.text(V_LEFT, sign_y, 10.5, &who);
    let payee = "领款人（签字）：";
    let x = V_RIGHT - 62.0;
    c.text(x, sign_y, 10.5, payee);
    c.line((x + text_width(payee, 10.5, &adv), sign_y + 1.0), (V_RIGHT, sign_y + 1.0), 0.5);
    pages.push(PdfPage::new(Mm(V_W), Mm(V_H), c.into_ops()));
    super::save(pdf, pages)
}

#[cfg(test)]
mod tests {
    use super::rule_items;

    #[test]
    fn rules_are_numbered_items_split_after_each_sentence_or_semicolon() {
        let rules = "工作日 8:00–12:00、14:00–18:00 可施工；12:00–14:00 不得进行有噪声的作业；周日不得施工。装修垃圾须袋装。";
        assert_eq!(
            rule_items(rules),
            ["1. 工作日 8:00–12:00、14:00–18:00 可施工", "2. 12:00–14:00 不得进行有噪声的作业", "3. 周日不得施工", "4. 装修垃圾须袋装"]
        );
        assert_eq!(rule_items("只有一条，没有句号"), ["1. 只有一条，没有句号"]);
        assert!(rule_items("  ").is_empty());
    }
}
