//! Payers and perspectives: who pays, and whose view a result takes.

use super::*;

impl<'a> Builder<'a> {
    pub(super) fn declare_payers(&mut self, sf: FileId, declared: &[Text]) {
        for (i, p) in declared.iter().enumerate() {
            let name = p.value.trim();
            let field = format!("payers[{i}]");
            if name.is_empty() {
                self.err(
                    sf,
                    p.loc,
                    &field,
                    Message::new("a payer needs a name", "en betaler skal have et navn"),
                );
            } else if ["public", "all", "society"].contains(&name) {
                self.err(
                    sf,
                    p.loc,
                    &field,
                    msg!(
                        "`{name}` is the name of a built-in perspective, not a payer",
                        "`{name}` er navnet på et indbygget perspektiv, ikke en betaler"
                    ),
                );
            } else if self.payers.iter().any(|q| q == name) {
                let msg = if BUILTIN_PAYERS.contains(&name) {
                    msg!(
                        "`{name}` is built in; declare only other payers",
                        "`{name}` er indbygget; erklær kun andre betalere"
                    )
                } else {
                    msg!(
                        "payer `{name}` is declared twice",
                        "betaleren `{name}` er erklæret to gange"
                    )
                };
                self.err(sf, p.loc, &field, msg);
            } else {
                self.payers.push(name.to_owned());
            }
        }
    }

    pub(super) fn payer(&mut self, f: FileId, t: &Text, field: &str) -> Option<PayerId> {
        let found = find_name(
            &self.payers,
            &t.value,
            Message::new("payer", "betaler"),
            Message::new("expected", "forventede"),
            Message::new(
                " (declare other payers under `payers:`)",
                " (erklær andre betalere under `payers:`)",
            ),
        );
        found.map_err(|m| self.err(f, t.loc, field, m)).ok()
    }

    /// Each payer's whole, when it is a budget area of a built-in payer: a payer named
    /// `kommune.<area>` (or `region.<area>`, `stat.<area>`) is part of `kommune`.
    pub(super) fn part_of(&self) -> Vec<Option<PayerId>> {
        (self.payers.iter())
            .map(|name| {
                let (whole, area) = name.split_once('.')?;
                (!area.trim().is_empty())
                    .then(|| BUILTIN_PAYERS.iter().position(|b| *b == whole))
                    .flatten()
            })
            .collect()
    }

    pub(super) fn perspectives(
        &mut self,
        sf: FileId,
        extra: &IndexMap<String, Vec<Text>>,
    ) -> Vec<Perspective> {
        let n = self.payers.len();
        let part_of = self.part_of();
        // A built-in payer with its budget areas.
        let whole = |b: PayerId| -> Vec<PayerId> {
            std::iter::once(b)
                .chain((0..n).filter(|&p| part_of[p] == Some(b)))
                .collect()
        };
        let mut out = vec![
            Perspective {
                name: "kommune".into(),
                payers: whole(0),
                society: false,
            },
            Perspective {
                name: "region".into(),
                payers: whole(1),
                society: false,
            },
            Perspective {
                name: "stat".into(),
                payers: whole(2),
                society: false,
            },
            Perspective {
                name: "public".into(),
                payers: (0..3).flat_map(whole).collect(),
                society: false,
            },
            Perspective {
                name: "all".into(),
                payers: (0..n).collect(),
                society: false,
            },
        ];
        for (name, payers) in extra {
            let field = format!("perspectives.{name}");
            let loc = payers.first().map(|p| p.loc).unwrap_or_default();
            if out.iter().any(|p| p.name == *name) || name == "society" {
                self.err(
                    sf,
                    loc,
                    &field,
                    msg!(
                        "`{name}` is a built-in perspective",
                        "`{name}` er et indbygget perspektiv"
                    ),
                );
                continue;
            }
            if payers.is_empty() {
                self.err(
                    sf,
                    loc,
                    &field,
                    Message::new(
                        "a perspective needs at least one payer",
                        "et perspektiv skal have mindst én betaler",
                    ),
                );
                continue;
            }
            let mut ids = Vec::new();
            for (i, p) in payers.iter().enumerate() {
                if let Some(id) = self.payer(sf, p, &format!("{field}[{i}]")) {
                    if ids.contains(&id) {
                        self.err(sf, p.loc, &format!("{field}[{i}]"), {
                            let name = &p.value;
                            msg!(
                                "payer `{name}` is listed twice",
                                "betaleren `{name}` står to gange"
                            )
                        });
                    }
                    ids.push(id);
                }
            }
            out.push(Perspective {
                name: name.clone(),
                payers: ids,
                society: false,
            });
        }
        // Each budget area is a perspective of its own, after the scenario's.
        for p in (0..n).filter(|&p| part_of[p].is_some()) {
            let name = self.payers[p].clone();
            if out.iter().any(|q| q.name == name) {
                continue;
            }
            out.push(Perspective {
                name,
                payers: vec![p],
                society: false,
            });
        }
        out.push(Perspective {
            name: "society".into(),
            payers: (0..n).collect(),
            society: true,
        });
        out
    }
}
