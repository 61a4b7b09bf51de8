//! The Danish forms a scenario or assumption file gives (`da:`), and the model as a Danish
//! reader sees it ([`Model::in_danish`]): the terminal, the report and the brief under `--lang
//! da` are made from it; JSON and CSV from the model as written, with the Danish beside.

use super::Model;

/// What a file gives in Danish for one of its English texts (each `None` where it gives none).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Danish {
    /// The name, title or (for an assumption) label.
    pub name: Option<String>,
    /// The unit.
    pub unit: Option<String>,
    /// The source.
    pub source: Option<String>,
    /// The reasoning.
    pub note: Option<String>,
}

impl Danish {
    /// Whether the file gave no Danish form.
    pub fn is_empty(&self) -> bool {
        *self == Danish::default()
    }
}

/// The source `estimate` in Danish.
pub const ESTIMATE_DA: &str = "skøn";

/// A source in Danish: the file's Danish form, or the English one with `estimate` and the
/// override marks said in Danish (proper names stay as written).
pub fn source_in_danish(english: &str, da: Option<&str>) -> String {
    if let Some(d) = da {
        return d.to_owned();
    }
    if english.eq_ignore_ascii_case("estimate") {
        return ESTIMATE_DA.to_owned();
    }
    if english == "scenario override" {
        return "ændret i scenariet".to_owned();
    }
    match english.strip_suffix(" (scenario override)") {
        Some(s) => format!("{} (ændret i scenariet)", source_in_danish(s, None)),
        None => english.to_owned(),
    }
}

fn swap(english: &mut String, da: &Option<String>) {
    if let Some(d) = da {
        english.clone_from(d);
    }
}

impl Model {
    /// The model with every text its files give in Danish replaced by the Danish form: the
    /// title, cost lines' and transfers' names, outcomes' names and units, contracts' and
    /// their rate-card targets' names, assumptions' and inputs' units and sources (`estimate`
    /// as `skøn`). Names used as keys (assumptions, inputs, payers, perspectives,
    /// municipalities) stay as written; a contract's and a target's name as written stays in
    /// its `key`, which `--contract` and `--vary price[NAME]` name. The results are the same.
    /// The workbook can build its Danish labels from this model.
    pub fn in_danish(&self) -> Model {
        let mut m = self.clone();
        swap(&mut m.name, &m.da.name);
        for c in &mut m.costs {
            swap(&mut c.name, &c.da.name);
        }
        for t in &mut m.transfers {
            swap(&mut t.name, &t.da.name);
        }
        for o in &mut m.outcomes {
            swap(&mut o.name, &o.da.name);
            if o.da.unit.is_some() {
                o.unit.clone_from(&o.da.unit);
            }
        }
        for n in &mut m.non_monetary {
            swap(&mut n.name, &n.da.name);
            swap(&mut n.unit, &n.da.unit);
        }
        for c in &mut m.contracts {
            swap(&mut c.name, &c.da.name);
            for r in &mut c.rate_card {
                swap(&mut r.name, &r.da.name);
            }
        }
        for st in &mut m.studies {
            swap(&mut st.name, &st.da.name);
        }
        for a in &mut m.assumptions {
            swap(&mut a.unit, &a.da.unit);
            a.source = source_in_danish(&a.source, a.da.source.as_deref());
        }
        for i in &mut m.inputs {
            if i.da.unit.is_some() {
                i.unit.clone_from(&i.da.unit);
            }
            if let Some(s) = &i.source {
                i.source = Some(source_in_danish(s, i.da.source.as_deref()));
            }
        }
        m
    }
}
