//! Names from a scenario where Excel has rules for them: sheet names and defined names, made
//! legal and different from each other as Excel compares them (without case, Danish letters
//! included: `Æble` and `æble` are one name to Excel), and text cells within Excel's length.
//! A name is data: it never reaches a formula as text (the formulas pick ledger rows by
//! number, see the Ledger's key columns), only as a defined name made here.

use std::collections::HashSet;

/// Excel's limits: characters in a sheet name, a defined name and a cell, counted as Excel
/// counts them (UTF-16 units).
const SHEET_NAME: usize = 31;
const DEFINED_NAME: usize = 255;
pub(super) const CELL_TEXT: usize = 32_767;

/// A sheet name Excel reserves (English Excel refuses it: the change history sheet).
const RESERVED_SHEETS: [&str; 1] = ["History"];

/// The names of Excel's built-in defined names (`_xlnm.Print_Area` in the file, `Print_Area`
/// in the spreadsheet) and of the macro names it runs by themselves: a name of an input is
/// never one of these.
const RESERVED_NAMES: [&str; 13] = [
    "Print_Area",
    "Print_Titles",
    "Criteria",
    "Database",
    "Extract",
    "Consolidate_Area",
    "Sheet_Title",
    "_FilterDatabase",
    "Auto_Open",
    "Auto_Close",
    "Auto_Activate",
    "Auto_Deactivate",
    "Recorder",
];

/// A name as Excel compares names: without case, in every alphabet (`Æble` = `æble`,
/// `STRASSE` = `straße`).
pub(super) fn fold(s: &str) -> String {
    s.to_uppercase().to_lowercase()
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The longest start of `s` of at most `max` UTF-16 units.
fn take_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..i];
        }
    }
    s
}

/// Text for a cell: as it is, or, beyond Excel's 32,767 characters, cut there with `…` at
/// the end (a list of thousands of long names, say).
pub(super) fn fit(s: &str) -> std::borrow::Cow<'_, str> {
    if utf16_len(s) <= CELL_TEXT {
        s.into()
    } else {
        format!("{}…", take_utf16(s, CELL_TEXT - 1)).into()
    }
}

/// A sheet name as Excel allows it: at most 31 characters, none of `[]:*?/\`, no apostrophe
/// and no control character; `unnamed` when nothing is left.
fn sheet_name(s: &str, unnamed: &str) -> String {
    let name: String = s
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c) && !c.is_control())
        .collect();
    let name = take_utf16(&name, SHEET_NAME);
    if name.trim().is_empty() {
        unnamed.into()
    } else {
        name.into()
    }
}

/// Sheet names for `names`, each allowed by Excel and all different as Excel compares them,
/// from `taken` (the workbook's other sheets) and from `History` too: a name already taken
/// gets ` (2)`, ` (3)`, ... within the 31 characters. A name with nothing left is `unnamed`.
pub(super) fn sheet_names<'a>(
    taken: &[&str],
    unnamed: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let mut seen: HashSet<String> = (taken.iter().chain(&RESERVED_SHEETS))
        .map(|s| fold(s))
        .collect();
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let base = sheet_name(n, unnamed);
        let mut name = base.clone();
        let mut k = 2;
        while seen.contains(&fold(&name)) {
            let suffix = format!(" ({k})");
            name = take_utf16(&base, SHEET_NAME - suffix.len()).to_owned() + &suffix;
            k += 1;
        }
        seen.insert(fold(&name));
        out.push(name);
    }
    out
}

/// Whether Excel reads `s` as a cell (`AB12`, `R1C1`, `R2`, `C`) or a constant, the way
/// Excel, LibreOffice and IronCalc may each read it: any one to three letters followed by
/// digits, or an `R`/`C` reference at the start.
fn looks_like_cell(s: &str) -> bool {
    let letters = s.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    let rest = &s[letters..];
    let a1 =
        (1..=3).contains(&letters) && !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    let upper = s.to_ascii_uppercase();
    let r1c1 = (upper.starts_with('R') || upper.starts_with('C'))
        && upper[1..].starts_with(|c: char| c.is_ascii_digit() || c == 'C');
    let r_or_c = ["R", "C", "RC"].contains(&upper.as_str());
    a1 || r1c1 || r_or_c || upper == "TRUE" || upper == "FALSE"
}

/// Whether `name` may be a workbook-wide defined name: Excel's rules (rust_xlsxwriter checks
/// them), none of Excel's reserved names, nor anything read as a cell; and it starts with an
/// ASCII letter or `_`, as every spreadsheet program reads it (IronCalc 0.9 reads a name that
/// starts with `Æ` or `ø` as an error; Excel and LibreOffice read it).
fn legal(name: &str) -> bool {
    let folded = fold(name);
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && rust_xlsxwriter::utility::check_name(name).is_ok()
        && !folded.starts_with("_xlnm.")
        && !RESERVED_NAMES.iter().any(|r| fold(r) == folded)
        && !looks_like_cell(name)
}

/// Workbook-wide names for `names` that Excel accepts and that are all different as Excel
/// compares them: letters, digits, `_` and `.`, at most 255 characters. Anything else becomes
/// `_`; a name that would start with a digit, `.` or a letter outside A-Z (`Æble`), be read as
/// a cell (`AB12`, `R1C1`) or be reserved (`_xlnm.Print_Area`, `Print_Area`) gets `in_` in
/// front, and a name already taken (`æble` after `Æble`) a number after.
pub(super) fn defined_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for n in names {
        let clean: String = n
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '_' || c == '.' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        // Room for `in_` and a number.
        let clean = take_utf16(&clean, DEFINED_NAME - 12);
        let base = if legal(clean) {
            clean.to_owned()
        } else {
            format!("in_{clean}")
        };
        let mut name = base.clone();
        let mut k = 2;
        while !legal(&name) || seen.contains(&fold(&name)) {
            name = format!("{base}_{k}");
            k += 1;
        }
        seen.insert(fold(&name));
        out.push(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_allowed_and_different() {
        let long = "a perspective with a very long name indeed";
        let names = sheet_names(
            &["Contracts"],
            "Sheet",
            [
                "kommune",
                "Kommune",
                long,
                long,
                "a/b",
                "",
                "History",
                "contracts",
                "Æble",
            ],
        );
        assert_eq!(names[0], "kommune");
        assert_eq!(names[1], "Kommune (2)");
        assert_eq!(names[2].chars().count(), 31);
        assert_eq!(names[3].chars().count(), 31);
        assert!(names[3].ends_with(" (2)"));
        assert_eq!(names[4], "ab");
        assert_eq!(names[5], "Sheet");
        assert_eq!(names[6], "History (2)");
        assert_eq!(names[7], "contracts (2)");
        assert_eq!(
            sheet_names(&[], "Sheet", ["Æble", "æble"]),
            ["Æble", "æble (2)"]
        );
        // Excel counts UTF-16 units: an emoji is two.
        let emoji = sheet_names(&[], "Sheet", ["😀".repeat(40).as_str()]);
        assert_eq!(utf16_len(&emoji[0]), 30);
        for n in names {
            rust_xlsxwriter::utility::check_sheet_name(&n).unwrap();
        }
    }

    #[test]
    fn defined_names_are_legal_and_different_as_excel_compares_them() {
        let long = "x".repeat(300);
        let d = defined_names([
            "completion_rate",
            "AB12",
            "2nd wave",
            "R1C1",
            "completion_rate",
            "c",
            "_xlnm.Print_Area",
            "Æble",
            "æble",
            "print_area",
            "R1abc",
            "K*",
            long.as_str(),
            long.as_str(),
            "",
            "in_c",
        ]);
        assert_eq!(
            d[..12],
            [
                "completion_rate",
                "in_AB12",
                "in_2nd_wave",
                "in_R1C1",
                "completion_rate_2",
                "in_c",
                "in__xlnm.Print_Area",
                "in_Æble",
                "in_æble_2",
                "in_print_area",
                "in_R1abc",
                "K_",
            ]
        );
        assert!(d[12].starts_with("xxx") && d[13].ends_with("_2"));
        assert_eq!(d[14], "in_");
        assert_eq!(d[15], "in_c_2");
        let folded: HashSet<String> = d.iter().map(|n| fold(n)).collect();
        assert_eq!(folded.len(), d.len());
        for n in &d {
            rust_xlsxwriter::utility::check_name(n).unwrap();
            assert!(utf16_len(n) <= 255);
        }
    }

    #[test]
    fn text_beyond_excels_limit_is_cut() {
        assert_eq!(fit("Kolding"), "Kolding");
        let long = "æ".repeat(40_000);
        let cut = fit(&long);
        assert_eq!(utf16_len(&cut), CELL_TEXT);
        assert!(cut.ends_with('…'));
    }
}
