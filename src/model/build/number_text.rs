//! How people write numbers that YAML does not read as they mean them: Danish thousands
//! separators (`465.000`), decimal commas (`1.234,50`), English thousands (`400,000`), and
//! spaced groups (`1 200 kr`). Recognised here so the builder can refuse them with the reading
//! spelled out, and never read them silently.

/// `465.000` (a number with one `.` and exactly three zeros after it) read the Danish way: the
/// whole number it would mean (`465000`), or `None` for an ordinary decimal.
pub(super) fn danish_thousands(text: &str) -> Option<String> {
    let t = text.trim().trim_start_matches(['+', '-']);
    let (int, frac) = t.split_once('.')?;
    (!int.is_empty()
        && int.len() <= 3
        && !int.starts_with('0')
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac == "000")
        .then(|| {
            format!(
                "{}{int}000",
                if text.trim().starts_with('-') {
                    "-"
                } else {
                    ""
                }
            )
        })
}

/// Text that is a number written with thousands separators or a decimal comma (`1.234,50`,
/// `400,000`, `1 200`): the message saying how to write it, or `None`.
pub(super) fn separated_number(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t
        .strip_suffix("kr.")
        .or_else(|| t.strip_suffix("kr"))
        .unwrap_or(t)
        .trim();
    let body = t.trim_start_matches(['+', '-']);
    let digits = body.bytes().filter(u8::is_ascii_digit).count();
    let seps = body
        .bytes()
        .filter(|b| matches!(b, b'.' | b',' | b' '))
        .count();
    if digits == 0
        || seps == 0
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b' '))
    {
        return None;
    }
    // Danish: `.` groups thousands and `,` is the decimal comma; English: the other way round.
    let danish = body.contains(',')
        && (body.contains('.') || body.rsplit(',').next().is_some_and(|d| d.len() != 3));
    let plain = if danish {
        body.replace(['.', ' '], "").replace(',', ".")
    } else {
        body.replace([',', ' '], "")
    };
    let sign = if t.starts_with('-') { "-" } else { "" };
    Some(format!(
        "`{s}` is a number written with thousands separators or a decimal comma; write it without separators and with `.` for decimals, e.g. {sign}{plain}"
    ))
}

/// `1234567` as `1,234,567`, for messages.
pub(super) fn thousands(digits: &str) -> String {
    let (sign, d) = digits.strip_prefix('-').map_or(("", digits), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

/// Kroner written on the command line: an exact number, refusing Danish thousands (`465.000`)
/// and separated groups with the number to write instead, as in a scenario file.
pub fn kroner_text(text: &str) -> Result<rust_decimal::Decimal, String> {
    let t = text.trim();
    if let Some(whole) = danish_thousands(t) {
        return Err(format!(
            "found {t}: `.` followed by three zeros looks like a Danish thousands separator; write {whole} for {} (or {} if you meant that)",
            thousands(&whole),
            t.split('.').next().unwrap_or(t)
        ));
    }
    if let Some(msg) = separated_number(t) {
        return Err(msg);
    }
    crate::decimal::parse_exact(t)
}
