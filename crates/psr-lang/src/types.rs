//! The types of the rule language.

use std::fmt;

/// Index of an enum in [`crate::Schema::enums`].
pub type EnumId = u32;
/// Index of a record type in [`crate::Schema::records`].
pub type RecordId = u32;

/// A type of the language.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Type {
    /// `bool`
    Bool,
    /// `integer`
    Integer,
    /// `decimal`
    Decimal,
    /// `money`
    Money,
    /// `percent`
    Percent,
    /// `date`
    Date,
    /// `days`
    Days,
    /// `working days`
    WorkingDays,
    /// `text`
    Text,
    /// A declared enum.
    Enum(EnumId),
    /// A declared record, or a table's row.
    Record(RecordId),
    /// `list<T>`
    List(Box<Type>),
    /// `T?`
    Optional(Box<Type>),
    /// The type of an expression that already has a reported error; fits anywhere, so that one
    /// mistake is reported once.
    Error,
}

impl Type {
    /// `T?` (never `T??`).
    pub fn optional(self) -> Type {
        match self {
            Type::Optional(_) | Type::Error => self,
            other => Type::Optional(Box::new(other)),
        }
    }

    /// The type without `?`.
    pub fn strip_optional(&self) -> &Type {
        match self {
            Type::Optional(inner) => inner,
            other => other,
        }
    }

    /// Whether the type is `T?`.
    pub fn is_optional(&self) -> bool {
        matches!(self, Type::Optional(_))
    }

    /// Whether values of the type can be ordered with `<`.
    pub fn is_ordered(&self) -> bool {
        matches!(
            self,
            Type::Integer
                | Type::Decimal
                | Type::Money
                | Type::Percent
                | Type::Date
                | Type::Days
                | Type::WorkingDays
                | Type::Text
                | Type::Error
        )
    }

    /// Whether values of the type can be added up.
    pub fn is_summable(&self) -> bool {
        matches!(
            self,
            Type::Integer
                | Type::Decimal
                | Type::Money
                | Type::Percent
                | Type::Days
                | Type::WorkingDays
                | Type::Error
        )
    }

    /// Whether a value of type `other` may stand where `self` is expected.
    pub fn accepts(&self, other: &Type) -> bool {
        match (self, other) {
            (Type::Error, _) | (_, Type::Error) => true,
            (Type::Optional(a), Type::Optional(b)) => a.accepts(b),
            (Type::Optional(a), b) => a.accepts(b),
            (Type::List(a), Type::List(b)) => a.accepts(b),
            (a, b) => a == b,
        }
    }
}

/// Writes a type as the author would write it, given names for enums and records.
pub struct TypeDisplay<'a> {
    /// The type.
    pub ty: &'a Type,
    /// The schema, for names.
    pub schema: &'a crate::Schema,
}

impl fmt::Display for TypeDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let schema = self.schema;
        match self.ty {
            Type::Bool => f.write_str("bool"),
            Type::Integer => f.write_str("integer"),
            Type::Decimal => f.write_str("decimal"),
            Type::Money => f.write_str("money"),
            Type::Percent => f.write_str("percent"),
            Type::Date => f.write_str("date"),
            Type::Days => f.write_str("days"),
            Type::WorkingDays => f.write_str("working days"),
            Type::Text => f.write_str("text"),
            Type::Enum(id) => f.write_str(
                schema
                    .enums
                    .get(*id as usize)
                    .map_or("?", |e| e.name.as_str()),
            ),
            Type::Record(id) => f.write_str(
                schema
                    .records
                    .get(*id as usize)
                    .map_or("?", |r| r.name.as_str()),
            ),
            Type::List(inner) => write!(f, "list<{}>", TypeDisplay { ty: inner, schema }),
            Type::Optional(inner) => write!(f, "{}?", TypeDisplay { ty: inner, schema }),
            Type::Error => f.write_str("(unknown)"),
        }
    }
}
