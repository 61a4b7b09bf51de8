//! Located YAML values, as read by serde-saphyr and before any interpretation.
//!
//! Every value a person writes in a scenario keeps where it came from (line, column and byte
//! span), so that validation long after parsing can still point at the exact place. Numbers keep
//! their source text: the validated model reads `0.1` as exactly 0.1, never through `f64`.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::lang::{Message, msg};

/// A place in one source file: 1-based line and column, plus the byte span of the value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Loc {
    pub line: u32,
    pub col: u32,
    /// Byte offset and length of the value's text, where the parser knows them.
    pub span: Option<(usize, usize)>,
}

impl Loc {
    fn from_location(l: &Location) -> Loc {
        let s = l.span();
        let span = match (s.byte_offset(), s.byte_len()) {
            (Some(o), Some(n)) => Some((o as usize, n as usize)),
            _ => None,
        };
        Loc {
            line: l.line() as u32,
            col: l.column() as u32,
            span,
        }
    }
}

/// A value of type `T` with the place it was written.
#[derive(Clone, Debug)]
pub struct At<T> {
    pub value: T,
    /// Where the value is used (for an alias: the alias).
    pub loc: Loc,
    /// Where the value is written (for an alias: the anchored definition).
    pub def: Loc,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
        Ok(At {
            value: s.value,
            loc: Loc::from_location(&s.referenced),
            def: Loc::from_location(&s.defined),
        })
    }
}

impl<T: JsonSchema> JsonSchema for At<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A located string (names, payers, file references).
pub type Text = At<String>;

/// A YAML node of any shape; the validating layer decides what it means.
#[derive(Clone, Debug)]
pub enum Kind {
    Null,
    Bool(bool),
    /// A plain scalar that YAML reads as a number; its text is in the source at `Node::def`.
    Number,
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// A located YAML node. See [`Kind`].
#[derive(Clone, Debug)]
pub struct Node {
    pub kind: Kind,
    pub loc: Loc,
    pub def: Loc,
    /// The file the node was read from, when it is not the file of the structure holding it
    /// (a value given on the command line with `--set`); `None` for nodes parsed in place.
    pub src: Option<super::FileId>,
}

impl Node {
    /// A short description of the node's shape for error messages ("a list", "the text `abc`").
    pub fn describe(&self, src: &str) -> Message {
        match &self.kind {
            Kind::Null => Message::new("nothing (an empty value)", "ingenting (en tom værdi)"),
            Kind::Bool(b) => Message::verbatim(format!("`{b}`")),
            Kind::Number => {
                let n = self.number_text(src).unwrap_or("?");
                msg!("the number {n}", "tallet {n}")
            }
            Kind::Str(s) => msg!("the text `{s}`", "teksten `{s}`"),
            Kind::Seq(_) => Message::new("a list", "en liste"),
            Kind::Map(_) => Message::new("a mapping", "en mapping"),
        }
    }

    /// The source text of a number node (the text as written, e.g. `0.10` or `9e3`).
    pub fn number_text<'s>(&self, src: &'s str) -> Option<&'s str> {
        let (o, n) = self.def.span?;
        src.get(o..o + n).map(str::trim)
    }

    /// The key text of a mapping key node: a string, or a number written as a key (`2025:`).
    pub fn key_text(&self, src: &str) -> Option<String> {
        match &self.kind {
            Kind::Str(s) => Some(s.clone()),
            Kind::Number => self.number_text(src).map(str::to_owned),
            Kind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<Kind>::deserialize(d)?;
        Ok(Node {
            kind: s.value,
            loc: Loc::from_location(&s.referenced),
            def: Loc::from_location(&s.defined),
            src: None,
        })
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, a text, a list or a mapping")
            }
            fn visit_unit<E>(self) -> Result<Kind, E> {
                Ok(Kind::Null)
            }
            fn visit_none<E>(self) -> Result<Kind, E> {
                Ok(Kind::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Kind, E> {
                Ok(Kind::Bool(v))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Kind, E> {
                Ok(Kind::Number)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Kind, E> {
                Ok(Kind::Number)
            }
            fn visit_u128<E>(self, _: u128) -> Result<Kind, E> {
                Ok(Kind::Number)
            }
            fn visit_i128<E>(self, _: i128) -> Result<Kind, E> {
                Ok(Kind::Number)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Kind, E> {
                Ok(Kind::Number)
            }
            fn visit_str<E>(self, v: &str) -> Result<Kind, E> {
                Ok(Kind::Str(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Kind, E> {
                Ok(Kind::Str(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Kind, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = a.next_element::<Node>()? {
                    out.push(x);
                }
                Ok(Kind::Seq(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Kind, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = a.next_key::<Node>()? {
                    let v = a.next_value::<Node>()?;
                    out.push((k, v));
                }
                Ok(Kind::Map(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// In the JSON Schema a free-form node is a "number or distribution" (the only place nodes
/// are used for a value); structural fields that take other shapes set their own schema.
impl JsonSchema for Node {
    fn schema_name() -> Cow<'static, str> {
        "Value".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        super::field_schema::value_schema(generator)
    }
}
