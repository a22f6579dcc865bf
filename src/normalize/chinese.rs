//! Romanised Chinese names: Hanyu Pinyin and Wade–Giles as lists and people
//! write them (no tones, no apostrophes, ü as u). A part that splits into
//! syllables of either system gets a key in which the spellings of one
//! syllable agree: Hsu = Xu, Chang = Zhang, Chien = Jian/Qian, Kuo = Guo,
//! Tsai = Cai. Wade–Giles's aspiration apostrophe is dropped in practice, so
//! a key cannot tell b from p (pinyin) either; keys are only compared when
//! both names read as romanised Chinese.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The syllables of Hanyu Pinyin without tones (ü written u), from the
/// readings in `data/han-pinyin.txt`; interjections of one consonant left out.
const PINYIN: &str = "a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can \
cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun \
chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de den deng di dian diao die ding diu dong dou du duan dui \
dun duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua \
guai guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo ji jia \
jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang kao ke ken keng kong kou ku kua kuai kuan \
kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lue \
lun luo ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai nan nang nao ne nei nen \
neng ni nian niang niao nie nin ning niu nong nou nu nuan nue nun nuo o ou pa pai pan pang pao pei pen peng pi pian \
piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng \
ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shen sheng shi shou \
shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te teng ti tian tiao \
tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong \
xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng \
zha zhai zhan zhang zhao zhe zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu \
zuan zui zun zuo";

/// Pinyin initials that take an i or ü: their u is ü (ju = jü).
fn palatal(initial: &str) -> bool {
    matches!(initial, "j" | "q" | "x")
}

fn split_initial(syllable: &str) -> (&str, &str) {
    for initial in [
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s",
        "y", "w",
    ] {
        if let Some(rest) = syllable.strip_prefix(initial) {
            return (initial, rest);
        }
    }
    ("", syllable)
}

/// The Wade–Giles spellings of a pinyin syllable, apostrophes and umlauts
/// dropped as lists write them (zhang → chang, xu → hsu, si → ssu/szu).
fn wade_giles(pinyin: &str) -> Vec<String> {
    match pinyin {
        "zhi" | "chi" => return vec!["chih".into()],
        "shi" => return vec!["shih".into()],
        "ri" => return vec!["jih".into()],
        "zi" | "ci" => return vec!["tzu".into(), "tsu".into()],
        "si" => return vec!["ssu".into(), "szu".into()],
        "er" => return vec!["erh".into()],
        "you" => return vec!["yu".into()],
        "yan" => return vec!["yen".into()],
        "ye" => return vec!["yeh".into()],
        "yong" => return vec!["yung".into()],
        "yue" => return vec!["yueh".into()],
        _ => {}
    }
    let (initial, last) = split_initial(pinyin);
    let wg_initial = match initial {
        "b" => "p",
        "d" => "t",
        "g" => "k",
        "zh" | "j" | "q" => "ch",
        "x" => "hs",
        "z" | "c" => "ts",
        "r" => "j",
        other => other,
    };
    let wg_last = match last {
        "ong" => "ung".to_string(),
        "iong" => "iung".to_string(),
        "ian" => "ien".to_string(),
        "ie" => "ieh".to_string(),
        "ue" => "ueh".to_string(),
        "e" if matches!(initial, "g" | "k" | "h") => "o".to_string(),
        "uo" if !matches!(initial, "g" | "k" | "h" | "sh") => "o".to_string(),
        "ui" if matches!(initial, "g" | "k") => "uei".to_string(),
        "u" | "uan" | "un" if palatal(initial) => last.to_string(),
        other => other.to_string(),
    };
    vec![format!("{wg_initial}{wg_last}")]
}

/// A pinyin syllable's key before Wade–Giles joins keys: the initials
/// Wade–Giles writes alike without apostrophes made one.
fn collapsed(pinyin: &str) -> String {
    if pinyin == "you" {
        return "yu".into();
    }
    let (initial, last) = split_initial(pinyin);
    let class = match initial {
        "b" => "p",
        "d" => "t",
        "g" => "k",
        "zh" | "j" | "q" => "ch",
        "z" | "c" => "ts",
        "x" => "hs",
        other => other,
    };
    format!("{class}{last}")
}

type Table = HashMap<Box<str>, Box<str>, rustc_hash::FxBuildHasher>;

/// Every spelling (pinyin and Wade–Giles) and its syllable's key: keys that
/// share a spelling are joined (union–find), so one spelling has one key.
fn spellings() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let syllables: Vec<&str> = PINYIN.split(' ').collect();
        let mut parent: HashMap<String, String> = HashMap::new();
        fn root(parent: &HashMap<String, String>, key: &str) -> String {
            let mut k = key.to_string();
            while let Some(p) = parent.get(&k).filter(|p| **p != k) {
                k = p.clone();
            }
            k
        }
        let mut by_spelling: HashMap<String, String> = HashMap::new();
        for p in &syllables {
            let key = collapsed(p);
            parent.entry(key.clone()).or_insert_with(|| key.clone());
            for spelling in std::iter::once(p.to_string()).chain(wade_giles(p)) {
                match by_spelling.get(&spelling) {
                    Some(other) => {
                        let (a, b) = (root(&parent, other), root(&parent, &key));
                        if a != b {
                            // The smaller key is the root, so the table does not depend on order.
                            let (keep, join) = if a < b { (a, b) } else { (b, a) };
                            parent.insert(join, keep);
                        }
                    }
                    None => {
                        by_spelling.insert(spelling, key.clone());
                    }
                }
            }
        }
        by_spelling.into_iter().map(|(spelling, key)| (spelling.into(), root(&parent, &key).into())).collect()
    })
}

/// The longest spelling in the table (zhuang, chuang, shuang).
const LONGEST: usize = 6;

/// The key of a name part that reads as romanised Chinese ("hsiaoming" and
/// "xiaoming" → the same), `None` when it does not split into syllables.
/// Of several splits the one with the fewest syllables counts (xian, not
/// xi-an), as both systems write names.
pub fn key(part: &str) -> Option<String> {
    if part.is_empty() || part.len() > 24 || !part.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let table = spellings();
    // fewest[i]: the fewest syllables covering part[i..] and the first one's
    // length, worked out only for the places a split reaches (most parts
    // that are not Chinese fail at once).
    let mut fewest: Vec<Option<Option<(u8, u8)>>> = vec![None; part.len() + 1];
    fewest[part.len()] = Some(Some((0, 0)));
    fn solve(part: &str, at: usize, table: &Table, fewest: &mut [Option<Option<(u8, u8)>>]) -> Option<(u8, u8)> {
        if let Some(known) = fewest[at] {
            return known;
        }
        let mut best: Option<(u8, u8)> = None;
        for end in (at + 1..=part.len().min(at + LONGEST)).rev() {
            if !table.contains_key(&part[at..end]) {
                continue;
            }
            if let Some((n, _)) = solve(part, end, table, fewest) {
                if best.is_none_or(|(b, _)| n + 1 < b) {
                    best = Some((n + 1, (end - at) as u8));
                }
            }
        }
        fewest[at] = Some(best);
        best
    }
    solve(part, 0, table, &mut fewest)?;
    let mut key = String::new();
    let mut at = 0;
    while at < part.len() {
        let (_, len) = fewest[at].flatten()?;
        let len = usize::from(len);
        key.push_str(&table[&part[at..at + len]]);
        at += len;
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wade_giles_and_pinyin_spellings_of_one_syllable_share_a_key() {
        for (wg, pinyin) in [
            ("hsu", "xu"),
            ("chang", "zhang"),
            ("chien", "jian"),
            ("kuo", "guo"),
            ("tsai", "cai"),
            ("chou", "zhou"),
            ("hsieh", "xie"),
            ("tsao", "cao"),
            ("szu", "si"),
            ("yen", "yan"),
            ("chung", "zhong"),
            ("jen", "ren"),
            ("hsiaoming", "xiaoming"),
            ("tehua", "dehua"),
            ("lo", "luo"),
        ] {
            assert_eq!(key(wg), key(pinyin), "{wg} / {pinyin}");
            assert!(key(wg).is_some());
        }
    }

    #[test]
    fn other_syllables_keep_other_keys() {
        for (a, b) in [("wang", "wan"), ("li", "lin"), ("chen", "cheng"), ("zhang", "jiang"), ("hu", "hua")] {
            assert_ne!(key(a), key(b), "{a} / {b}");
        }
    }

    #[test]
    fn a_part_that_is_not_romanised_chinese_has_no_key() {
        for part in ["kim", "park", "sergey", "john", "smith", "nguyen", "x"] {
            assert_eq!(key(part), None, "{part}");
        }
    }
}
