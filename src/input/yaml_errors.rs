//! The YAML parser's errors in the words of a scenario's author, in English and in Danish.
//!
//! English keeps the parser's own wording where it is clear, and rewords what speaks of its
//! options (`in_our_words`). Danish is written from the error's kind (the parser's error
//! variants, not its English text), by a [`MessageFormatter`] and [`Localizer`] of our own, so
//! that the lines the parser shows around the problem speak Danish too. Either way
//! [`humane`] adds what a person needs to act: the likely typo, or the number a comma cut in two.

use std::borrow::Cow;
use std::path::Path;

use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{Error, ExternalMessageSource, Localizer, Location, MessageFormatter};

use super::diag::{self, Diagnostic, InputError};
use super::node::Loc;
use crate::lang::{Message, msg};

/// The parser's error `e` in `text` (the file at `path`) as a located diagnostic.
pub(super) fn diagnostic(path: &Path, text: &str, e: &Error) -> InputError {
    let loc = e.location();
    let name = path.display().to_string();
    let rendered = e.render_with_options(serde_saphyr::render_options! {
        source_name: Some(&name),
    });
    // serde-saphyr renders "error: line L column C: message\n --> file:L:C\n snippet";
    // keep its message and snippet but lead with our uniform "file:line:col" header.
    let mut lines = rendered.lines();
    let first = lines.next().unwrap_or_default();
    let message = first
        .trim_start_matches("error: ")
        .split_once(": ")
        .filter(|(head, _)| head.starts_with("line "))
        .map(|(_, m)| m)
        .unwrap_or(first.trim_start_matches("error: "))
        .to_owned();
    let (mut line, mut col) = (
        loc.map(|l| l.line() as u32).unwrap_or(0),
        loc.map(|l| l.column() as u32).unwrap_or(0),
    );
    let snippet_en: String = lines
        .filter(|l| !l.trim_start().starts_with("-->"))
        .map(in_our_words)
        .collect::<Vec<_>>()
        .join("\n");
    let danish = e.render_with_options(serde_saphyr::render_options! {
        source_name: Some(&name),
        formatter: &Danish,
    });
    let snippet_da: String = (danish.lines().skip(1))
        .filter(|l| !l.trim_start().starts_with("-->"))
        .map(|l| match l.strip_prefix("note: ") {
            Some(rest) => format!("bemærk: {rest}"),
            None => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut snippet = Message::new(snippet_en, snippet_da);
    let parser_da = danish_message(e);
    let message = match limit_reached(e) {
        Some(what) => msg!(
            "the file exceeds somsim's input limits: {what}; scenario and assumption files are small mappings (limit reached: {message})",
            "filen overskrider somsims grænser for input: {what}; scenarie- og forudsætningsfiler er små (grænsen nået: {parser_da})",
            what = what,
        ),
        None if message.contains("found a tab") => {
            // The parser reports a tab where it was scanning (often the line before);
            // point at the tab itself.
            if let Some((l, c)) = first_tab(text, line) {
                (line, col) = (l, c);
                snippet = Message::verbatim(diag::snippet(
                    text,
                    Loc {
                        line,
                        col,
                        span: None,
                    },
                ));
            }
            Message::new(
                "a tab character: YAML indents with spaces, never tabs; replace the tab with spaces",
                "et tabulatortegn: YAML indrykker med mellemrum, aldrig med tabulator; erstat tabulatoren med mellemrum",
            )
        }
        None => {
            let before = (text.lines().nth(line.saturating_sub(1) as usize)).map(|l| {
                l.chars()
                    .take(col.saturating_sub(1) as usize)
                    .collect::<String>()
            });
            humane(
                &message,
                &parser_da,
                enclosing_key(text, line),
                before.as_deref(),
            )
        }
    };
    InputError::single(Diagnostic {
        file: name,
        line,
        col,
        field: String::new(),
        message,
        snippet,
    })
}

/// The parser's wording about its own options, in the words of a scenario's author.
fn in_our_words(text: &str) -> String {
    let mut t = text.to_owned();
    if let Some(i) = t.find("duplicate mapping key") {
        let rest = &t[i..];
        let key = rest
            .strip_prefix("duplicate mapping key: ")
            .and_then(|r| r.split_once(", set DuplicateKeyPolicy"))
            .map(|(k, _)| format!("`{k}` "))
            .unwrap_or_default();
        let end = rest
            .find("if acceptable")
            .map_or(rest.len(), |j| j + "if acceptable".len());
        t.replace_range(
            i..i + end,
            &format!("the key {key}is given twice in this mapping; give each key once"),
        );
    }
    t.replace(
        "YAML merge keys are not allowed by configured policy",
        "YAML merge keys (`<<`) are not supported; write the entries out",
    )
    .replace(
        "is not allowed by configured policy",
        "is not supported in scenario files",
    )
    .replace(
        "invalid boolean (strict mode expects true/false)",
        "expected `true` or `false`",
    )
    .replace(
        "rejected by the configured policy",
        "is not a number a scenario can use (write a finite number)",
    )
}

/// The first tab at or after line `from` (1-based), as (line, column).
fn first_tab(text: &str, from: u32) -> Option<(u32, u32)> {
    (text.lines().enumerate())
        .skip(from.saturating_sub(1) as usize)
        .find_map(|(i, l)| {
            l.find('\t')
                .map(|j| (i as u32 + 1, l[..j].chars().count() as u32 + 1))
        })
}

/// The top-level key whose block holds line `line` (1-based), e.g. `overrides`.
fn enclosing_key(text: &str, line: u32) -> Option<String> {
    (text
        .lines()
        .take(line as usize)
        .collect::<Vec<_>>()
        .into_iter()
        .rev())
    .find(|l| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
    .and_then(|l| l.split(':').next())
    .map(|k| k.trim().to_owned())
}

/// Fields a Danish writer may write in Danish, and the format's English field: `navn` for
/// `name`, say, under a `da:` form.
const DANISH_FIELDS: &[(&str, &str)] = &[
    ("navn", "name"),
    ("enhed", "unit"),
    ("kilde", "source"),
    ("etiket", "label"),
    ("betegnelse", "label"),
    ("pris", "price"),
];

/// Parser messages in words a person can act on: `message` is the parser's English, `danish`
/// the same error in Danish; `key` is the top-level key the problem lies under, `before` the
/// text of its line before the place the parser names.
fn humane(message: &str, danish: &str, key: Option<String>, before: Option<&str>) -> Message {
    let message = &in_our_words(message);
    if message.starts_with("expected mapping start") {
        return match key.as_deref() {
            Some("overrides") => msg!(
                "an override is a mapping with the new `value` (and optionally `price_year`, `source`, `note`), e.g. `coordinator_cost: {{ value: 400000, source: our budget 2026 }}` ({message})",
                "under `overrides` er hver antagelse en mapping med den nye `value` (og eventuelt `price_year`, `source`, `note`), fx `coordinator_cost: {{ value: 400000, source: vores budget 2026 }}` ({danish})"
            ),
            _ => msg!(
                "expected a mapping of `key: value` entries here (indented on the lines below, or written `{{ key: value }}`) ({message})",
                "forventede her en mapping af `nøgle: værdi`-linjer (indrykket på linjerne nedenunder eller skrevet `{{ nøgle: værdi }}`) ({danish})"
            ),
        };
    }
    // `unknown field `price_yaer`, expected one of a, b, c`: suggest the nearest.
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((field, tail)) = rest.split_once('`')
        && let Some(list) = tail
            .strip_prefix(", expected one of ")
            .or_else(|| tail.strip_prefix(", expected "))
    {
        let choices: Vec<&str> = list.split(", ").map(|c| c.trim_matches('`')).collect();
        // A field written in Danish (`da: { navn: ... }`): the format's fields are English.
        let english = DANISH_FIELDS
            .iter()
            .find(|(da, en)| field.eq_ignore_ascii_case(da) && choices.contains(en))
            .map(|(_, en)| *en);
        if let Some(near) = english.or_else(|| diag::did_you_mean(field, choices.iter().copied())) {
            return msg!(
                "unknown field `{field}`; did you mean `{near}`? (expected one of {list})",
                "ukendt felt `{field}`; mente du `{near}`? (forventede et af felterne {list})"
            );
        }
    }
    // `{ unit_cost: 400,000 }`: in a flow mapping the comma ends the entry, leaving a key `000`.
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, _)) = rest.split_once('`')
        && !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
    {
        // The number as typed: the value before the comma, and the key after it.
        let typed = before
            .and_then(|b| b.trim_end().strip_suffix(','))
            .and_then(|b| b.rsplit([':', '{', ',']).next())
            .map(|v| format!("{},{key}", v.trim()));
        let how = typed
            .as_deref()
            .and_then(crate::decimal::typed::separators)
            .unwrap_or_else(|| {
                Message::new(
                    "write the number without separators and with `.` for decimals (e.g. 400000 or 0.5)",
                    "skriv tallet uden separator og med `.` som decimaltegn (fx 400000 eller 0.5)",
                )
            });
        return msg!(
            "`{key}` is not a field: inside {{ ... }} a comma separates entries, so a number written with `,` is cut in two. {how} ({message})",
            "`{key}` er ikke et felt: inden for {{ ... }} adskiller et komma punkterne, så et tal skrevet med `,` bliver delt i to. {how} ({danish})",
            how = how,
        );
    }
    Message::new(message.clone(), danish)
}

/// Which of the parser's input limits (see `parse_options`) an error reports, in words a
/// person can act on; matched by the error's variant, not its wording.
fn limit_reached(e: &Error) -> Option<Message> {
    use serde_saphyr::budget::BudgetBreach as B;
    let e = original(e);
    let aliases = || {
        Message::new(
            "too many aliases or alias expansions (a scenario may use anchors and aliases, but not thousands of expansions)",
            "for mange aliaser eller udfoldninger af aliaser (et scenarie må bruge ankre og aliaser, men ikke tusindvis af udfoldninger)",
        )
    };
    match e {
        Error::Budget { breach, .. } => Some(match breach {
            B::Depth { .. } => Message::new(
                "nesting deeper than 32 levels",
                "indlejring i mere end 32 niveauer",
            ),
            B::Aliases { .. } | B::Anchors { .. } => aliases(),
            _ => Message::new(
                "more content than a scenario file can hold",
                "mere indhold, end en scenariefil kan rumme",
            ),
        }),
        Error::AliasReplayCounterOverflow { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => Some(aliases()),
        _ => None,
    }
}

/// The error itself, without the snippets and alias notes around it.
fn original(mut e: &Error) -> &Error {
    while let Error::WithSnippet { error, .. } | Error::AliasError { error, .. } = e {
        e = error;
    }
    e
}

/// `items` as `a, b, c`, for the parser's lists of field names and choices.
fn listed(items: &[&str]) -> String {
    items.join(", ")
}

/// The parser's error in Danish, from its kind. An error no scenario author is likely to meet
/// keeps the parser's English, quoted as the parser's own words.
fn danish_message(e: &Error) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    let quoted = |english: &str| format!("YAML-fejl (parserens egen besked: `{english}`)");
    match original(e) {
        Error::SerdeUnknownField {
            field, expected, ..
        } => format!(
            "ukendt felt `{field}`, forventede et af felterne {}",
            listed(expected)
        ),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => format!(
            "ukendt værdi `{variant}`, forventede en af {}",
            listed(expected)
        ),
        Error::SerdeMissingField { field, .. } => format!("feltet `{field}` mangler"),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => format!(
            "forkert slags værdi: fandt {}, forventede {}",
            kind_da(unexpected),
            kind_da(expected)
        ),
        Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => format!(
            "ugyldig værdi: fandt {}, forventede {}",
            kind_da(unexpected),
            kind_da(expected)
        ),
        Error::SerdeInvalidLength { len, expected, .. } => {
            format!("forkert antal: {len}, forventede {}", kind_da(expected))
        }
        Error::DuplicateMappingKey { key: Some(k), .. } => {
            format!("nøglen `{k}` står to gange i denne mapping; skriv hver nøgle én gang")
        }
        Error::DuplicateMappingKey { key: None, .. } => {
            "en nøgle står to gange i denne mapping; skriv hver nøgle én gang".into()
        }
        Error::MergeKeyNotAllowed { .. } | Error::MergeValueNotMapOrSeqOfMaps { .. } => {
            "YAML-flettenøgler (`<<`) understøttes ikke; skriv punkterne ud".into()
        }
        Error::TaggedStructFieldName { tag, .. } => {
            format!("mærket `{tag}` på et feltnavn understøttes ikke i scenariefiler")
        }
        Error::UnsupportedTag { tag, .. } => {
            format!("mærket `{tag}` understøttes ikke i scenariefiler")
        }
        Error::InvalidBooleanStrict { .. } => "forventede `true` eller `false`".into(),
        Error::NonFiniteFloat { value, .. } => {
            format!("`{value}` er ikke et tal, et scenarie kan bruge (skriv et endeligt tal)")
        }
        Error::Unexpected { expected, .. } => format!("forventede {}", kind_da(expected)),
        Error::Eof { .. } => "filen slutter, før det, der er begyndt, er afsluttet".into(),
        Error::MultipleDocuments { .. } => {
            "filen rummer flere YAML-dokumenter (adskilt af `---`); en scenariefil er ét dokument"
                .into()
        }
        Error::UnknownAnchor { .. } => {
            "et alias (`*navn`) henviser til et anker (`&navn`), der ikke findes".into()
        }
        Error::InvalidUtf8Input => "filen er ikke UTF-8-tekst; gem den som UTF-8".into(),
        Error::Budget { breach, .. } => match breach {
            B::Depth { depth } => format!("indlejringen når {depth} niveauer"),
            B::Aliases { .. } | B::Anchors { .. } => "for mange aliaser eller ankre i filen".into(),
            _ => "filen rummer mere, end grænserne for input tillader".into(),
        },
        Error::AliasReplayLimitExceeded {
            total_replayed_events,
            max_total_replayed_events,
            ..
        } => format!(
            "aliaserne udfolder sig til {total_replayed_events} dele; højst {max_total_replayed_events}"
        ),
        Error::AliasExpansionLimitExceeded {
            expansions,
            max_expansions_per_anchor,
            ..
        } => format!("et anker udfoldes {expansions} gange; højst {max_expansions_per_anchor}"),
        Error::AliasReplayStackDepthExceeded {
            depth, max_depth, ..
        } => format!("aliaserne er indlejret {depth} niveauer dybt; højst {max_depth}"),
        Error::AliasReplayCounterOverflow { .. } => {
            "aliaserne udfolder sig til flere dele, end der kan tælles".into()
        }
        Error::ExternalMessage { source, msg, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan) => {
                scan_da(scan.kind()).map_or_else(|| quoted(msg), str::to_owned)
            }
            _ => quoted(msg),
        },
        other => quoted(&serde_saphyr::DefaultMessageFormatter.format_message(other)),
    }
}

/// What serde says it found or expected (`a sequence`, `string "x"`, `struct Override`), in
/// Danish where it is one of the usual kinds; otherwise quoted.
fn kind_da(english: &str) -> String {
    let known = [
        ("a sequence", "en liste"),
        ("sequence", "en liste"),
        ("sequence start", "en liste"),
        ("a map", "en mapping (`nøgle: værdi`)"),
        ("map", "en mapping (`nøgle: værdi`)"),
        ("mapping start", "starten på en mapping"),
        ("empty mapping start", "starten på en tom mapping"),
        ("mapping end", "slutningen på en mapping"),
        ("a string", "en tekst"),
        ("string scalar", "en tekst"),
        ("scalar", "en enkelt værdi"),
        ("value", "en værdi"),
        ("single YAML node", "én YAML-værdi"),
        ("unit value", "ingen værdi"),
        ("null", "ingen værdi"),
        ("a boolean", "`true` eller `false`"),
        ("a number", "et tal"),
    ];
    if let Some((_, da)) = known.iter().find(|(en, _)| *en == english) {
        return (*da).to_owned();
    }
    if let Some(s) = english.strip_prefix("string ") {
        return format!("teksten {s}");
    }
    if let Some(s) = english
        .strip_prefix("struct ")
        .or_else(|| english.strip_prefix("enum "))
    {
        return format!("en mapping af typen `{s}`");
    }
    format!("`{english}`")
}

/// The scanner's errors a scenario author meets, in Danish.
fn scan_da(kind: &ErrorKind) -> Option<&'static str> {
    use ErrorKind as K;
    Some(match kind {
        K::InvalidColonPlacement => "et `:` står et sted, hvor det ikke må stå",
        K::MappingValueNotAllowed => {
            "et `:` her ville give en ny `nøgle: værdi`, men det kan der ikke være her (sæt teksten i anførselstegn, hvis `:` hører til den)"
        }
        K::MappingKeyNotAllowed => "en nøgle kan ikke stå her",
        K::InvalidMappingValueWhitespace => "efter `:` skal der stå et mellemrum",
        K::ExpectedBlockMappingKey => {
            "forventede en nøgle (`nøgle: værdi`) her; tjek indrykningen af linjen"
        }
        K::ExpectedFlowMappingSeparator => "forventede `,` eller `}` her",
        K::ExpectedFlowSequenceSeparator => "forventede `,` eller `]` her",
        K::ExpectedBlockSequenceEntry => {
            "forventede et punkt i listen (`- `) her; tjek indrykningen af linjen"
        }
        K::BlockSequenceEntryNotAllowed => "et listepunkt (`- `) kan ikke stå her",
        K::BlockEntryInFlowCollection => {
            "et listepunkt (`- `) kan ikke stå inden for `[ ]` eller `{ }`"
        }
        K::InvalidBlockEntryWhitespace => "efter `-` skal der stå et mellemrum",
        K::ExpectedNodeContent => "forventede en værdi her",
        K::InvalidIndentation => "forkert indrykning",
        K::UnexpectedCharacter { .. } => "et tegn her kan ikke begynde en værdi",
        K::TabNotAllowed | K::TabInBlockIndentation | K::TabInIndentation | K::TabInPlainScalar => {
            "et tabulatortegn, hvor der skal stå mellemrum"
        }
        K::MisplacedFlowCollectionEnd => "en lukkende parentes uden en åbnende",
        K::MismatchedFlowCollectionEnd { .. } => "parenteserne passer ikke sammen",
        K::UnclosedFlowCollection { .. } => "en parentes (`[` eller `{`) lukkes aldrig",
        K::UnclosedQuotedScalar => "et anførselstegn lukkes aldrig",
        K::UnknownQuotedScalarEscape => "ukendt tegn efter `\\` i en tekst i anførselstegn",
        K::InvalidTrailingSingleQuotedScalar | K::InvalidTrailingDoubleQuotedScalar => {
            "der står noget efter det afsluttende anførselstegn"
        }
        K::SimpleKeyExpected => "forventede `:` efter nøglen",
        K::InvalidSimpleKey => "nøglen mangler sit `:` på samme linje",
        K::CommentNotSeparated => "en kommentar (`#`) skal have et mellemrum foran",
        K::PlainScalarStartsWithDashFlowIndicator => {
            "en værdi kan ikke begynde med `-` efterfulgt af `,`, `[`, `]`, `{` eller `}`"
        }
        K::UnknownAnchor => "et alias (`*navn`) henviser til et anker (`&navn`), der ikke findes",
        _ => return None,
    })
}

/// The parser's messages in Danish, with the lines around the problem labelled in Danish.
struct Danish;

impl MessageFormatter for Danish {
    fn localizer(&self) -> &dyn Localizer {
        self
    }

    fn format_message<'a>(&self, err: &'a Error) -> Cow<'a, str> {
        Cow::Owned(danish_message(err))
    }
}

impl Localizer for Danish {
    fn attach_location<'a>(&self, base: Cow<'a, str>, loc: Location) -> Cow<'a, str> {
        if loc == Location::UNKNOWN {
            base
        } else {
            Cow::Owned(format!(
                "{base} i linje {}, kolonne {}",
                loc.line(),
                loc.column()
            ))
        }
    }
    fn root_path_label(&self) -> Cow<'static, str> {
        Cow::Borrowed("<roden>")
    }
    fn alias_defined_at(&self, defined: Location) -> String {
        format!(
            " (defineret i linje {}, kolonne {})",
            defined.line(),
            defined.column()
        )
    }
    fn alias_used_at(&self, used: Location) -> String {
        if used == Location::UNKNOWN {
            String::new()
        } else {
            format!(
                " (brugt i linje {}, kolonne {})",
                used.line(),
                used.column()
            )
        }
    }
    fn defined(&self) -> Cow<'static, str> {
        Cow::Borrowed("(defineret)")
    }
    fn defined_here(&self) -> Cow<'static, str> {
        Cow::Borrowed("(defineret her)")
    }
    fn value_used_here(&self) -> Cow<'static, str> {
        Cow::Borrowed("værdien bruges her")
    }
    fn defined_window(&self) -> Cow<'static, str> {
        Cow::Borrowed("defineret her")
    }
    fn anchor_defined_here(&self) -> Cow<'static, str> {
        Cow::Borrowed("ankeret er defineret her")
    }
    fn included_from_here(&self) -> Cow<'static, str> {
        Cow::Borrowed("inkluderet herfra")
    }
    fn error_here(&self) -> Cow<'static, str> {
        Cow::Borrowed("fejlen opstod her")
    }
    fn invalid_here(&self, base: &str) -> String {
        format!("ugyldig her: {base}")
    }
    fn value_comes_from_the_anchor(&self, def: Location) -> String {
        format!(
            "  | Værdien kommer indirekte fra ankeret i linje {}, kolonne {}:",
            def.line(),
            def.column()
        )
    }
    fn snippet_location_prefix(&self, loc: Location) -> String {
        if loc == Location::UNKNOWN {
            String::new()
        } else {
            format!("linje {} kolonne {}", loc.line(), loc.column())
        }
    }
}
