//! Plausible Chinese names and phone numbers for the demo estate.

/// Common surnames, with a few that pinyin tools misread (单 Shàn, 曾 Zēng, 解 Xiè, 仇 Qiú, 区 Ōu, 查 Zhā).
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
    "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "单", "解", "仇", "区", "查", "覃", "欧阳", "司马",
];

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
    "刚", "桂英", "建华", "文", "华", "红", "建国", "志强", "玉兰", "海燕", "子涵", "浩然", "雨桐", "梓轩", "欣怡", "一诺",
    "思远", "婉清", "晨曦", "嘉怡", "国栋", "立新", "淑珍", "春梅", "喆", "堃", "昊天", "若汐",
];

pub fn person(rng: &mut fastrand::Rng) -> String {
    let surname = SURNAMES[rng.usize(0..SURNAMES.len())];
    let given = GIVEN[rng.usize(0..GIVEN.len())];
    format!("{surname}{given}")
}

pub fn mobile(rng: &mut fastrand::Rng) -> String {
    const PREFIXES: [&str; 8] = ["138", "139", "136", "158", "186", "189", "177", "199"];
    format!("{}{:08}", PREFIXES[rng.usize(0..PREFIXES.len())], rng.u32(0..100_000_000))
}
