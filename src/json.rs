//! JSON values and their reader: strict JSON (RFC 8259) read byte by byte by
//! recursive descent, as serde_json reads it (the same errors at the same
//! line and column, nesting limited to 128, strings with escapes and
//! surrogate pairs, numbers as serde_json tells integers from floats), with
//! each key given twice in an object noted by its path.
//!
//! Ours rather than serde_json's `Deserializer` and `Value`, for size: every
//! reader of ours walks a `Value` by hand, so serde's generic machinery, the
//! visitor and the `BTreeMap` behind `serde_json::Map` were in each
//! WebAssembly module only to build one (README, "Budgets and figures").
//! The reader takes its bytes from a
//! `Source`: a whole text (`input::parse_json`), or the command's file read a
//! piece at a time (`units check`), through the same code.

use crate::prelude::*;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Value>),
    Object(Map),
}

/// A number as it was written (JSON's grammar, checked when read): read as an
/// integer or a float when asked, so that a module that reads only integers
/// carries no float parsing, and a message can quote it as given.
#[derive(Clone, Debug, PartialEq)]
pub struct Number(String);

/// An object's members, sorted by key as serde_json's map was (without its
/// `preserve_order`): readers that list unknown fields list them in that order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map(Vec<(String, Value)>);

impl Number {
    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An integer written without fraction or exponent, from 0 to `u64::MAX`.
    pub fn as_u64(&self) -> Option<u64> {
        whole_number(&self.0)
    }

    /// An integer written without fraction or exponent, in `i64`'s range.
    /// `-0` is not one: serde_json reads it as the float -0.0.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0.strip_prefix('-') {
            Some(magnitude) => match whole_number(magnitude)? {
                n @ 1..=0x8000_0000_0000_0000 => Some((n as i64).wrapping_neg()),
                _ => None,
            },
            None => i64::try_from(self.as_u64()?).ok(),
        }
    }

    /// The nearest f64 (ties to even), as `str::parse` gives it.
    pub fn as_f64(&self) -> Option<f64> {
        Some(decimal_to_f64(&self.0))
    }
}

/// `text` as a `u64` when it is digits only (and not too many), as
/// `str::parse` reads them but for a sign; by hand, which is smaller in the
/// module than `parse`.
fn whole_number(text: &str) -> Option<u64> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u64, |n, b| if b.is_ascii_digit() { n.checked_mul(10)?.checked_add(u64::from(b - b'0')) } else { None })
}

impl Value {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_array(&self) -> bool {
        matches!(self, Value::Array(_))
    }

    /// A member of an object by its key, or an item of an array by its place.
    pub fn get<I: Index>(&self, index: I) -> Option<&Value> {
        index.index_into(self)
    }
}

/// What `Value::get` takes: a key or a place in an array.
pub trait Index {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value>;
}

impl Index for usize {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        v.as_array()?.get(*self)
    }
}

impl Index for str {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        v.as_object()?.get(self)
    }
}

impl<T: Index + ?Sized> Index for &T {
    fn index_into<'v>(&self, v: &'v Value) -> Option<&'v Value> {
        (**self).index_into(v)
    }
}

impl Map {
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(self.find(key).ok()?).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Adds a member; `false` (and the map unchanged) when the key is there already.
    /// (Each insertion moves the keys after it: an object whose keys come in
    /// no order costs time in the square of their number, which is nothing
    /// at the sizes people write, and the largest one read, a catalogue, is
    /// written in key order.)
    pub fn insert_new(&mut self, key: String, value: Value) -> bool {
        match self.find(&key) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, (key, value));
                true
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }
}

impl<'m> IntoIterator for &'m Map {
    type Item = (&'m String, &'m Value);
    type IntoIter = core::iter::Map<core::slice::Iter<'m, (String, Value)>, fn(&'m (String, Value)) -> (&'m String, &'m Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = alloc::vec::IntoIter<(String, Value)>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Written as serde_json's own `Value` wrote it (a unit's field given as a
/// list, quoted in a problem): a number by its value, an integer as one.
impl crate::json_writer::WriteJson for Value {
    fn write_json(&self, out: &mut String) {
        use crate::json_writer::write_object;
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => b.write_json(out),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u.write_json(out),
                (None, Some(i)) => i.write_json(out),
                (None, None) => decimal_to_f64(&n.0).write_json(out),
            },
            Value::String(text) => text.write_json(out),
            Value::Array(items) => items.write_json(out),
            Value::Object(map) => write_object(out, map.iter()),
        }
    }
}

// --- reading ------------------------------------------------------------------

/// Where the reader's bytes come from: text, so already UTF-8.
pub trait Source {
    /// The byte at offset `at` from the start, or `None` past the end. `at`
    /// never goes back, so a source read a piece at a time may drop what is behind it.
    fn byte(&mut self, at: usize) -> Option<u8>;
    /// The text from offset `at`, whose byte `byte` has just given and which
    /// starts a character, to the end of what the source holds now: a
    /// string's characters are taken from it a run at a time, as the text
    /// they already are, not checked again.
    fn text(&self, at: usize) -> &str;
}

impl Source for &str {
    fn byte(&mut self, at: usize) -> Option<u8> {
        self.as_bytes().get(at).copied()
    }

    fn text(&self, at: usize) -> &str {
        self.get(at..).unwrap_or_default()
    }
}

/// Why a text is not JSON, as serde_json says it (`Code::message`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Code {
    EofWhileParsingList,
    EofWhileParsingObject,
    EofWhileParsingString,
    EofWhileParsingValue,
    ExpectedColon,
    ExpectedListCommaOrEnd,
    ExpectedObjectCommaOrEnd,
    ExpectedSomeIdent,
    ExpectedSomeValue,
    InvalidEscape,
    InvalidNumber,
    NumberOutOfRange,
    InvalidUnicodeCodePoint,
    ControlCharacterWhileParsingString,
    KeyMustBeAString,
    LoneLeadingSurrogateInHexEscape,
    TrailingComma,
    TrailingCharacters,
    UnexpectedEndOfHexEscape,
    RecursionLimitExceeded,
}

impl Code {
    /// serde_json's message, for the command's reports.
    pub fn message(self) -> &'static str {
        match self {
            Code::EofWhileParsingList => "EOF while parsing a list",
            Code::EofWhileParsingObject => "EOF while parsing an object",
            Code::EofWhileParsingString => "EOF while parsing a string",
            Code::EofWhileParsingValue => "EOF while parsing a value",
            Code::ExpectedColon => "expected `:`",
            Code::ExpectedListCommaOrEnd => "expected `,` or `]`",
            Code::ExpectedObjectCommaOrEnd => "expected `,` or `}`",
            Code::ExpectedSomeIdent => "expected ident",
            Code::ExpectedSomeValue => "expected value",
            Code::InvalidEscape => "invalid escape",
            Code::InvalidNumber => "invalid number",
            Code::NumberOutOfRange => "number out of range",
            Code::InvalidUnicodeCodePoint => "invalid unicode code point",
            Code::ControlCharacterWhileParsingString => "control character (\\u0000-\\u001F) found while parsing a string",
            Code::KeyMustBeAString => "key must be a string",
            Code::LoneLeadingSurrogateInHexEscape => "lone leading surrogate in hex escape",
            Code::TrailingComma => "trailing comma",
            Code::TrailingCharacters => "trailing characters",
            Code::UnexpectedEndOfHexEscape => "unexpected end of hex escape",
            Code::RecursionLimitExceeded => "recursion limit exceeded",
        }
    }
}

/// Where and why a text stopped being JSON: the line from 1, and the column
/// as serde_json counts it (bytes from the line's start to the byte at fault,
/// that byte included; at the end of the text, the line's length).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Syntax {
    pub code: Code,
    pub line: usize,
    pub column: usize,
}

type Read<T> = Result<T, Syntax>;

/// The reader. `value` reads one whole value; `open`, `next_item`,
/// `next_key` and `close` walk an array or object a member at a time, for a
/// caller that keeps no more than one member (the command's `units check`).
pub struct Reader<S> {
    source: S,
    /// Bytes consumed; the line they end on, and where that line starts.
    at: usize,
    line: usize,
    line_start: usize,
    /// Arrays and objects that may still be opened (serde_json's limit).
    depth_left: u8,
    /// The path of the value being read, relative to the one `value` was
    /// asked for: grown and cut back as the reader goes in and out.
    path: String,
    /// The path of each key given a second time in its object, in the order
    /// they were read (a key's after those inside its value).
    pub duplicates: Vec<String>,
}

impl<S: Source> Reader<S> {
    pub fn new(source: S) -> Reader<S> {
        Reader { source, at: 0, line: 1, line_start: 0, depth_left: 128, path: String::new(), duplicates: Vec::new() }
    }

    pub fn source(&mut self) -> &mut S {
        &mut self.source
    }

    fn peek(&mut self) -> Option<u8> {
        self.source.byte(self.at)
    }

    fn advance(&mut self) {
        if self.peek() == Some(b'\n') {
            self.line += 1;
            self.line_start = self.at + 1;
        }
        self.at += 1;
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek();
        if b.is_some() {
            self.advance();
        }
        b
    }

    /// An error at the last byte consumed (serde_json's `error`).
    fn error<T>(&self, code: Code) -> Read<T> {
        Err(Syntax { code, line: self.line, column: self.at - self.line_start })
    }

    /// An error at the next byte, not consumed (serde_json's `peek_error`);
    /// at the end of the text, as `error`.
    fn peek_error<T>(&mut self, code: Code) -> Read<T> {
        match self.peek() {
            Some(b'\n') => Err(Syntax { code, line: self.line + 1, column: 0 }),
            Some(_) => Err(Syntax { code, line: self.line, column: self.at + 1 - self.line_start }),
            None => self.error(code),
        }
    }

    /// The next byte that is not blank, not consumed.
    pub fn peek_value(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.advance();
        }
        self.peek()
    }

    /// A whole text: one value and nothing but blanks after it.
    pub fn whole(&mut self) -> Read<Value> {
        let value = self.value()?;
        self.end()?;
        Ok(value)
    }

    /// Nothing but blanks left.
    pub fn end(&mut self) -> Read<()> {
        match self.peek_value() {
            Some(_) => self.peek_error(Code::TrailingCharacters),
            None => Ok(()),
        }
    }

    /// Reads one value, noting the path of each key given twice in
    /// `duplicates` (the first value of such a key is kept).
    pub fn value(&mut self) -> Read<Value> {
        match self.peek_value() {
            None => self.peek_error(Code::EofWhileParsingValue),
            Some(b'n') => self.ident(b"null").map(|()| Value::Null),
            Some(b't') => self.ident(b"true").map(|()| Value::Bool(true)),
            Some(b'f') => self.ident(b"false").map(|()| Value::Bool(false)),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b'"') => {
                self.advance();
                self.string().map(Value::String)
            }
            Some(b'[') => {
                self.open()?;
                let mut items = Vec::new();
                while self.next_item(items.is_empty())? {
                    let inner = crate::input::index(&self.path, items.len());
                    let outer = core::mem::replace(&mut self.path, inner);
                    let item = self.value();
                    self.path = outer;
                    items.push(item?);
                }
                self.close();
                Ok(Value::Array(items))
            }
            Some(b'{') => {
                self.open()?;
                let mut map = Map::default();
                let mut first = true;
                while let Some(key) = self.next_key(first)? {
                    first = false;
                    let inner = crate::input::key(&self.path, &key);
                    let outer = core::mem::replace(&mut self.path, inner);
                    let read = self.value().map(|value| map.insert_new(key, value));
                    if read == Ok(false) {
                        self.duplicates.push(self.path.clone());
                    }
                    self.path = outer;
                    read?;
                }
                self.close();
                Ok(Value::Object(map))
            }
            Some(_) => self.peek_error(Code::ExpectedSomeValue),
        }
    }

    /// Enters the array or object whose bracket is next.
    pub fn open(&mut self) -> Read<()> {
        self.depth_left = self.depth_left.saturating_sub(1);
        if self.depth_left == 0 {
            return self.peek_error(Code::RecursionLimitExceeded);
        }
        self.advance();
        Ok(())
    }

    /// Leaves the array or object whose last `next_item` or `next_key` found its end.
    pub fn close(&mut self) {
        self.advance();
        self.depth_left = self.depth_left.saturating_add(1);
    }

    /// Whether an array has another item (read it next); `first` before its first.
    pub fn next_item(&mut self, first: bool) -> Read<bool> {
        match self.peek_value() {
            None => self.peek_error(Code::EofWhileParsingList),
            Some(b']') => Ok(false),
            Some(_) if first => Ok(true),
            Some(b',') => {
                self.advance();
                match self.peek_value() {
                    Some(b']') => self.peek_error(Code::TrailingComma),
                    Some(_) => Ok(true),
                    None => self.peek_error(Code::EofWhileParsingValue),
                }
            }
            Some(_) => self.peek_error(Code::ExpectedListCommaOrEnd),
        }
    }

    /// An object's next key and its colon (read its value next), or `None`
    /// at its end; `first` before its first.
    pub fn next_key(&mut self, first: bool) -> Read<Option<String>> {
        match self.peek_value() {
            None => return self.peek_error(Code::EofWhileParsingObject),
            Some(b'}') => return Ok(None),
            Some(b'"') if first => {}
            Some(_) if first => return self.peek_error(Code::KeyMustBeAString),
            Some(b',') => {
                self.advance();
                match self.peek_value() {
                    Some(b'"') => {}
                    Some(b'}') => return self.peek_error(Code::TrailingComma),
                    Some(_) => return self.peek_error(Code::KeyMustBeAString),
                    None => return self.peek_error(Code::EofWhileParsingValue),
                }
            }
            Some(_) => return self.peek_error(Code::ExpectedObjectCommaOrEnd),
        }
        self.advance();
        let key = self.string()?;
        match self.peek_value() {
            Some(b':') => self.advance(),
            Some(_) => return self.peek_error(Code::ExpectedColon),
            None => return self.peek_error(Code::EofWhileParsingObject),
        }
        Ok(Some(key))
    }

    /// `null`, `true` or `false`, whose first byte is next.
    fn ident(&mut self, word: &[u8]) -> Read<()> {
        self.advance();
        for &expected in word.iter().skip(1) {
            match self.next() {
                None => return self.error(Code::EofWhileParsingValue),
                Some(b) if b != expected => return self.error(Code::ExpectedSomeIdent),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// A number, whose first byte (`-` or a digit) is next: checked against
    /// JSON's grammar and kept as written. As serde_json, a number too large
    /// for an f64 is refused: at the exponent's digit that takes it past
    /// `i32::MAX`, or at the number's end.
    fn number(&mut self) -> Read<Number> {
        let mut text = String::new();
        if self.peek() == Some(b'-') {
            self.advance();
            text.push('-');
        }
        match self.next() {
            None => return self.error(Code::EofWhileParsingValue),
            Some(b'0') => {
                text.push('0');
                if let Some(b'0'..=b'9') = self.peek() {
                    return self.peek_error(Code::InvalidNumber);
                }
            }
            Some(b @ b'1'..=b'9') => {
                text.push(char::from(b));
                self.digits(&mut text);
            }
            Some(_) => return self.error(Code::InvalidNumber),
        }
        if self.peek() == Some(b'.') {
            self.advance();
            text.push('.');
            if !self.digits(&mut text) {
                return match self.peek() {
                    Some(_) => self.peek_error(Code::InvalidNumber),
                    None => self.peek_error(Code::EofWhileParsingValue),
                };
            }
        }
        let exponent_at = text.len();
        if let Some(e @ (b'e' | b'E')) = self.peek() {
            let nonzero = text.bytes().any(|b| (b'1'..=b'9').contains(&b));
            self.advance();
            text.push(char::from(e));
            let mut positive = true;
            if let Some(sign @ (b'+' | b'-')) = self.peek() {
                self.advance();
                positive = sign == b'+';
                text.push(char::from(sign));
            }
            let mut exponent: i32 = match self.next() {
                None => return self.error(Code::EofWhileParsingValue),
                Some(b @ b'0'..=b'9') => {
                    text.push(char::from(b));
                    i32::from(b - b'0')
                }
                Some(_) => return self.error(Code::InvalidNumber),
            };
            while let Some(b @ b'0'..=b'9') = self.peek() {
                self.advance();
                text.push(char::from(b));
                exponent = match exponent.checked_mul(10).and_then(|e| e.checked_add(i32::from(b - b'0'))) {
                    Some(e) => e,
                    None if nonzero && positive => return self.error(Code::NumberOutOfRange),
                    None => i32::MAX,
                };
            }
        }
        // Only an exponent or more than 300 digits can reach f64::MAX (1.8e308).
        if (text.len() > exponent_at || text.len() > 300) && decimal_to_f64(&text).is_infinite() {
            return self.error(Code::NumberOutOfRange);
        }
        Ok(Number(text))
    }

    /// Digits, appended to `text`; whether there was one.
    fn digits(&mut self, text: &mut String) -> bool {
        let before = text.len();
        while let Some(b @ b'0'..=b'9') = self.peek() {
            self.advance();
            text.push(char::from(b));
        }
        text.len() > before
    }

    /// A string's characters up to its closing quote (the opening one consumed).
    fn string(&mut self) -> Read<String> {
        let mut text = String::new();
        loop {
            match self.peek() {
                None => return self.error(Code::EofWhileParsingString),
                Some(b'"') => {
                    self.advance();
                    return Ok(text);
                }
                Some(b'\\') => {
                    self.advance();
                    self.escape(&mut text)?;
                }
                Some(0..=0x1f) => {
                    self.advance();
                    return self.error(Code::ControlCharacterWhileParsingString);
                }
                Some(_) => {
                    // The characters up to the next quote, backslash or
                    // control character, taken as the source holds them: those
                    // are ASCII, so the run ends where a character does, and it
                    // holds no line break.
                    let run = self.source.text(self.at);
                    let end = run.bytes().position(|b| matches!(b, b'"' | b'\\' | 0..=0x1f)).unwrap_or(run.len());
                    match run.get(..end) {
                        Some(chars) if end > 0 => text.push_str(chars),
                        // Not reached: a string's characters start where the source's do.
                        _ => return self.error(Code::InvalidUnicodeCodePoint),
                    }
                    self.at += end;
                }
            }
        }
    }

    /// The escape after a backslash.
    fn escape(&mut self, out: &mut String) -> Read<()> {
        let b = match self.next() {
            None => return self.error(Code::EofWhileParsingString),
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => {
                // Always a character: `unicode_escape` refuses a surrogate alone.
                out.push(char::from_u32(self.unicode_escape()?).unwrap_or(char::REPLACEMENT_CHARACTER));
                return Ok(());
            }
            Some(_) => return self.error(Code::InvalidEscape),
        };
        out.push(char::from(b));
        Ok(())
    }

    /// The code point of `\uXXXX` (after its `u`), or of a surrogate pair
    /// `\uD83D\uDE00`; a surrogate alone is refused.
    fn unicode_escape(&mut self) -> Read<u32> {
        let high = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&high) {
            return self.error(Code::LoneLeadingSurrogateInHexEscape);
        }
        if (0xD800..=0xDBFF).contains(&high) {
            for expected in [b'\\', b'u'] {
                match self.next() {
                    None => return self.error(Code::EofWhileParsingString),
                    Some(b) if b != expected => return self.error(Code::UnexpectedEndOfHexEscape),
                    Some(_) => {}
                }
            }
            let low = self.hex4()?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return self.error(Code::LoneLeadingSurrogateInHexEscape);
            }
            return Ok(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00));
        }
        Ok(high)
    }

    /// Four hex digits, consumed together as serde_json does before it looks at them.
    fn hex4(&mut self) -> Read<u32> {
        let mut n = 0;
        let mut valid = true;
        for _ in 0..4 {
            let Some(b) = self.next() else { return self.error(Code::EofWhileParsingString) };
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => {
                    valid = false;
                    0
                }
            };
            n = n * 16 + u32::from(digit);
        }
        if valid {
            Ok(n)
        } else {
            self.error(Code::InvalidEscape)
        }
    }
}

// --- numbers --------------------------------------------------------------------

/// A number in JSON's grammar as the nearest f64 (ties to even): correctly
/// rounded as `str::parse` is, without the tables core's parser brings
/// (about 14 KB gzip of the nearby module): its first 800 digits (no two
/// f64s are closer than 768 digits tell apart) as a big integer, scaled by
/// 2^s / 10^k so that it keeps at least 64 bits. (serde_json's reader as the
/// modules had it, without `float_roundtrip`, was not: it could miss by one
/// unit in the last place for 17 and more digits, or an exponent beyond ±22
/// such as `1.61174e-19`; coordinates and amounts as people write them were
/// read the same. The tests' serde_json has `float_roundtrip`.)
fn decimal_to_f64(text: &str) -> f64 {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, ""));
    let (exponent_negative, exponent_digits) = match exponent.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, exponent.trim_start_matches('+')),
    };
    // Beyond a million either way every result is 0 or infinite.
    let exponent = exponent_digits.bytes().fold(0i64, |e, b| (e * 10 + i64::from(b.wrapping_sub(b'0'))).min(1_000_000));
    let mut exp10 = if exponent_negative { -exponent } else { exponent };
    let (mut big, mut kept, mut sticky, mut fraction) = (Big::default(), 0i64, false, false);
    for b in mantissa.bytes() {
        let digit = b.wrapping_sub(b'0');
        if b == b'.' {
            fraction = true;
        } else if kept == 800 {
            // Past the 800th digit, only whether there is more.
            sticky |= digit != 0;
            exp10 += i64::from(!fraction);
        } else {
            if kept > 0 || digit > 0 {
                big.mul_add(10, u32::from(digit));
                kept += 1;
            }
            exp10 -= i64::from(fraction);
        }
    }
    let magnitude = if kept == 0 || exp10 + kept < -324 {
        0.0
    } else if exp10 + kept > 310 {
        f64::INFINITY
    } else {
        let mut exp2 = 0;
        if exp10 < 0 {
            // log2(10) < 3.322: the quotient keeps at least 64 bits.
            // (The top limb holds at least one bit.)
            let limbs = (67 + -exp10 * 3322 / 1000 - 32 * (big.0.len() as i64 - 1)).max(0) / 32 + 1;
            big.shift_left(limbs as usize);
            exp2 = -32 * limbs;
        }
        let mut left = exp10.unsigned_abs();
        while left > 0 {
            let step = left.min(9);
            let power = 10u32.pow(step as u32);
            if exp10 > 0 {
                big.mul_add(power, 0);
            } else {
                sticky |= big.div_rem(power) != 0;
            }
            left -= step;
        }
        // The top 64 bits, from the top three limbs (made at least three).
        let short = 3usize.saturating_sub(big.0.len());
        big.shift_left(short);
        let [.., low, middle, high] = big.0[..] else { return f64::NAN };
        let zeros = high.leading_zeros();
        let m = (u64::from(high) << 32 | u64::from(middle)) << zeros | u64::from(low) >> (32 - zeros);
        sticky |= (u64::from(low) << zeros) as u32 != 0 || big.0[..big.0.len() - 3].iter().any(|&w| w != 0);
        round(m, exp2 - 32 * short as i64 + 32 * big.0.len() as i64 - 64 - i64::from(zeros), sticky)
    };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// `m` × 2^`exp2` (`m`'s top bit set; `sticky`: and a little more), rounded
/// to the nearest f64, ties to even; 53 bits, fewer below 2^-1022.
fn round(m: u64, exp2: i64, sticky: bool) -> f64 {
    let top_bit = 63 + exp2;
    if top_bit > 1023 {
        return f64::INFINITY;
    }
    let cut = if top_bit < -1022 { 11 + (-1022 - top_bit) } else { 11 };
    if cut > 64 {
        return 0.0;
    }
    let kept = m.checked_shr(cut as u32).unwrap_or(0);
    let rest = m ^ kept.checked_shl(cut as u32).unwrap_or(0);
    let half = 1 << (cut - 1);
    let up = rest > half || (rest == half && (sticky || kept & 1 == 1));
    // At most 2^53: exact, and so is the product by a power of two (or infinite).
    let kept = (kept + u64::from(up)) as f64;
    let exp2 = exp2 + cut;
    let power = if exp2 >= -1022 { f64::from_bits(((exp2 + 1023) as u64) << 52) } else { f64::from_bits(1 << (exp2 + 1074)) };
    kept * power
}

/// A natural number in 32-bit limbs, least significant first, none of them
/// a leading zero.
#[derive(Default)]
struct Big(Vec<u32>);

impl Big {
    fn mul_add(&mut self, mul: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(mul) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// Divides in place; the remainder.
    fn div_rem(&mut self, div: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.0.iter_mut().rev() {
            let x = (rem << 32) | u64::from(*limb);
            *limb = (x / u64::from(div)) as u32;
            rem = x % u64::from(div);
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        rem as u32
    }

    /// Multiplies by 2^(32 × `limbs`).
    fn shift_left(&mut self, limbs: usize) {
        for _ in 0..2 * limbs {
            self.mul_add(1 << 16, 0);
        }
    }
}

// --- the tests' values -------------------------------------------------------------

/// The tests build values with serde_json's `json!`; they reach the engine as
/// it reads them, each number by the text serde_json writes for it.
#[cfg(not(target_arch = "wasm32"))]
impl From<&serde_json::Value> for Value {
    fn from(v: &serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(Number(n.to_string())),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(items) => Value::Array(items.iter().map(Value::from).collect()),
            serde_json::Value::Object(o) => {
                let mut map = Map::default();
                for (k, v) in o {
                    map.insert_new(k.clone(), Value::from(v));
                }
                Value::Object(map)
            }
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Value {
        Value::from(&v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{parse_json, JsonProblem};
    use proptest::prelude::*;

    fn read(text: &str) -> Result<Value, Syntax> {
        let mut reader = Reader::new(text);
        reader.whole()
    }

    fn string(text: &str) -> String {
        match read(text) {
            Ok(Value::String(s)) => s,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn number(text: &str) -> Number {
        match read(text) {
            Ok(Value::Number(n)) => n,
            other => panic!("{text}: {other:?}"),
        }
    }

    /// serde_json's reading of the same text: where it stops, or its value.
    fn serde(text: &str) -> Result<serde_json::Value, (usize, usize)> {
        serde_json::from_str(text).map_err(|e| (e.line(), e.column()))
    }

    #[test]
    fn escapes_and_surrogate_pairs() {
        assert_eq!(string(r#""a\"b\\c\/d\be\ff\ng\rh\ti""#), "a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti");
        assert_eq!(string(r#""\u00e9\u00E9 \u2603""#), "éé ☃");
        // U+1F600 is D83D DE00 in UTF-16.
        assert_eq!(string(r#""\ud83d\ude00""#), "😀");
        assert_eq!(string("\"åäö ☃ 😀\""), "åäö ☃ 😀");
        assert_eq!(string(r#""\u0000""#), "\u{0}");
    }

    #[test]
    fn a_lone_surrogate_a_control_character_and_an_unknown_escape_are_refused() {
        let code = |text: &str| read(text).unwrap_err().code;
        assert_eq!(code(r#""\ud800""#), Code::UnexpectedEndOfHexEscape);
        assert_eq!(code(r#""\ud800\n""#), Code::UnexpectedEndOfHexEscape);
        assert_eq!(code(r#""\ud800\u0041""#), Code::LoneLeadingSurrogateInHexEscape);
        assert_eq!(code(r#""\udc00""#), Code::LoneLeadingSurrogateInHexEscape);
        assert_eq!(code("\"a\tb\""), Code::ControlCharacterWhileParsingString);
        assert_eq!(code("\"a\u{1f}\""), Code::ControlCharacterWhileParsingString);
        assert_eq!(code(r#""\x""#), Code::InvalidEscape);
        assert_eq!(code(r#""\u00g0""#), Code::InvalidEscape);
        assert_eq!(code(r#""\u00"#), Code::EofWhileParsingString);
        // DEL and non-ASCII characters are not control characters in JSON.
        assert_eq!(string("\"\u{7f}\u{85}\""), "\u{7f}\u{85}");
    }

    #[test]
    fn integers_floats_and_their_ranges() {
        let n = number("18446744073709551615");
        assert_eq!((n.as_u64(), n.as_i64()), (Some(u64::MAX), None));
        let n = number("18446744073709551616");
        assert_eq!((n.as_u64(), n.as_i64(), n.as_f64()), (None, None, Some(18446744073709551616.0)));
        let n = number("9223372036854775807");
        assert_eq!((n.as_u64(), n.as_i64()), (Some(i64::MAX as u64), Some(i64::MAX)));
        let n = number("-9223372036854775808");
        assert_eq!((n.as_u64(), n.as_i64()), (None, Some(i64::MIN)));
        let n = number("-9223372036854775809");
        assert_eq!((n.as_i64(), n.as_f64()), (None, Some(-9223372036854775809.0)));
        // -0 is a float (serde_json: "Convert into a float if we underflow, or on `-0`").
        let n = number("-0");
        assert_eq!((n.as_u64(), n.as_i64()), (None, None));
        assert!(n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()));
        for (text, value) in [("1.0", 1.0), ("1e2", 100.0), ("1E+2", 100.0), ("2.5e-3", 0.0025), ("-1.5E1", -15.0), ("0e999999999999", 0.0), ("1e-999999999999", 0.0)] {
            let n = number(text);
            assert_eq!((n.as_u64(), n.as_i64(), n.as_f64(), n.as_str()), (None, None, Some(value), text), "{text}");
        }
        for bad in ["01", "-", "+1", "1.", ".5", "1e", "1e+", "0x10", "1.5.2", "--1", "NaN", "Infinity"] {
            assert!(read(bad).is_err(), "{bad}");
        }
        assert_eq!(read("1e309").unwrap_err().code, Code::NumberOutOfRange);
        assert_eq!(read("-1.8e308").unwrap_err().code, Code::NumberOutOfRange);
        assert_eq!(read(&format!("1{}", "0".repeat(309))).unwrap_err().code, Code::NumberOutOfRange);
        assert!(read("1.7976931348623157e308").is_ok());
    }

    /// Correctly rounded, as IEEE 754 and `str::parse` round: the nearest f64, ties to even.
    #[test]
    fn floats_are_the_nearest_f64() {
        let cases = [
            "0.1",
            "0.3",
            "57.7826",
            "14.1618",
            "1e23",
            "8.98846567431158e307",
            "9007199254740993",
            "9007199254740995",
            "9007199254740993.00000000000000000001",
            "123456789012345678901234567890",
            "0.000000000000000000000000000001",
            "7.038531e-26",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "1e-400",
            "5e-324",
            "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999999999999999999999999999999999999999999999999999999999999999999",
        ];
        for text in cases {
            assert_eq!(decimal_to_f64(text).to_bits(), text.parse::<f64>().unwrap().to_bits(), "{text}");
        }
        // A tie broken only by a digit past the 800 kept: 2^53 + 1, and a little more.
        let just_above_a_tie = format!("9007199254740993.{}1", "0".repeat(900));
        assert_eq!(decimal_to_f64(&just_above_a_tie), 9007199254740994.0);
        assert_eq!(decimal_to_f64(&format!("9007199254740993.{}", "0".repeat(900))), 9007199254740992.0);
    }

    #[test]
    fn nesting_is_limited_to_serde_jsons_128() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(read(&deep(127)).is_ok());
        assert_eq!(read(&deep(128)), Err(Syntax { code: Code::RecursionLimitExceeded, line: 1, column: 128 }));
        assert_eq!(read(&"{\"a\":".repeat(100_000)).unwrap_err().code, Code::RecursionLimitExceeded);
        assert_eq!(read(&"[".repeat(1_000_000)).unwrap_err().code, Code::RecursionLimitExceeded);
        assert_eq!(serde(&deep(128)), Err((1, 128)));
        assert!(serde(&deep(127)).is_ok());
    }

    #[test]
    fn trailing_characters_are_refused_and_blanks_allowed() {
        assert_eq!(read("{} x"), Err(Syntax { code: Code::TrailingCharacters, line: 1, column: 4 }));
        assert_eq!(read("1 2").unwrap_err().code, Code::TrailingCharacters);
        assert_eq!(read(" \t\r\n{ } \n"), Ok(Value::Object(Map::default())));
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_positions_count_from_after_it() {
        assert_eq!(parse_json("\u{feff}{\"a\": 1}").unwrap().get("a").and_then(Value::as_u64), Some(1));
        assert_eq!(parse_json("\u{feff}{\"a\": }"), Err(JsonProblem::Invalid { line: 1, column: 7 }));
        // Only one: a second is a character where a value should be.
        assert_eq!(parse_json("\u{feff}\u{feff}{}"), Err(JsonProblem::Invalid { line: 1, column: 1 }));
    }

    #[test]
    fn every_key_given_twice_by_its_path_the_first_value_kept() {
        let text = r#"{"a": 1, "b": [{"c": 1, "c": 2}, {"d": {"e": 1, "e": 2}}], "a": {"f": 1, "f": 2}}"#;
        let Err(JsonProblem::DuplicateKeys { paths, value }) = parse_json(text) else { panic!("{text}") };
        // A key's path comes after those inside its second value, which is read first.
        assert_eq!(paths, ["b[0].c", "b[1].d.e", "a.f", "a"]);
        assert_eq!(value.get("a").and_then(Value::as_u64), Some(1));
        assert_eq!(value.get("b").and_then(|b| b.get(0)).and_then(|c| c.get("c")).and_then(Value::as_u64), Some(1));
        let Err(JsonProblem::DuplicateKeys { paths, .. }) = parse_json(r#"[{"x": 1}, {"x": 1, "x": 1}]"#) else { panic!() };
        assert_eq!(paths, ["[1].x"]);
    }

    #[test]
    fn members_iterate_in_key_order_as_serde_jsons_map() {
        let v = read(r#"{"b": 1, "a": 2, "ä": 3, "B": 4, "": 5}"#).unwrap();
        let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["", "B", "a", "b", "ä"]);
        assert_eq!(v.get("ä").and_then(Value::as_u64), Some(3));
        assert!(v.get("c").is_none());
    }

    /// Each text, where serde_json stops reading it (line, column), worked out
    /// by its rule (the column is the byte at fault, counted from 1; at the end,
    /// the line's length; a line break itself is column 0 of the next line), and
    /// checked against serde_json itself.
    #[test]
    fn invalid_json_is_reported_where_serde_json_reports_it() {
        let cases: &[(&str, (usize, usize))] = &[
            ("", (1, 0)),
            ("   ", (1, 3)),
            ("\n", (2, 0)),
            ("{\"today\": ", (1, 10)),
            ("{\"a\": }", (1, 7)),
            ("[1, 2,]", (1, 7)),
            ("[1 2]", (1, 4)),
            ("[", (1, 1)),
            ("{\"a\"", (1, 4)),
            ("{\"a\":1", (1, 6)),
            ("{\"a\":1,}", (1, 8)),
            ("{1:2}", (1, 2)),
            ("{\"a\" 1}", (1, 6)),
            ("{\n  \"a\": 1,\n  \"b\" 2\n}", (3, 7)),
            ("{\"å\": x}", (1, 8)),
            ("\"a\nb\"", (2, 0)),
            ("\"a\tb\"", (1, 3)),
            ("\"\\x\"", (1, 3)),
            ("[\"\\u12\"]", (1, 8)),
            ("\"\\ud800\"", (1, 8)),
            ("\"\\udc00\"", (1, 7)),
            ("\"\\ud800\\u0041\"", (1, 13)),
            ("\"abc", (1, 4)),
            ("tru", (1, 3)),
            ("trUe", (1, 3)),
            ("nul", (1, 3)),
            ("01", (1, 2)),
            ("-", (1, 1)),
            ("-a", (1, 2)),
            ("1.", (1, 2)),
            ("1.e5", (1, 3)),
            ("1e", (1, 2)),
            ("1e+x", (1, 4)),
            ("1e400", (1, 5)),
            // The exponent passes i32::MAX at its tenth digit, not at the end.
            ("[1e99999999999]", (1, 13)),
            ("{} x", (1, 4)),
            ("[1]\n\n  ]", (3, 3)),
        ];
        for &(text, at) in cases {
            assert_eq!(serde(text).err(), Some(at), "serde_json on {text:?}");
            let Err(e) = read(text) else { panic!("{text:?} read") };
            assert_eq!((e.line, e.column), at, "{text:?}: {e:?}");
            assert_eq!(parse_json(text), Err(JsonProblem::Invalid { line: at.0, column: at.1 }), "{text:?}");
        }
    }

    /// Values serde_json writes: any text it writes, compact or pretty.
    fn any_value() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(serde_json::Value::from),
            (-400i32..400, 1u64..1_000_000).prop_map(|(e, m)| serde_json::Value::from(m as f64 * 10f64.powi(e)).clone()),
            "\\PC{0,12}".prop_map(serde_json::Value::from),
            "[\u{0}-\u{1f}\"\\\\/😀é]{0,6}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                prop::collection::btree_map("[a-zA-Zåäö_.\\[\\]0-9]{0,6}", inner, 0..6).prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// A text a little broken: cut short, or with one character put in or taken out.
    fn broken(text: &str, at: usize, how: u8, c: char) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        let at = at % (chars.len() + 1);
        match how % 3 {
            0 => chars.truncate(at),
            1 => chars.insert(at, c),
            _ if at < chars.len() => {
                chars.remove(at);
            }
            _ => {}
        }
        chars.into_iter().collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// The same values as serde_json, and refused where it refuses them, at the same place.
        #[test]
        fn agrees_with_serde_json(v in any_value(), pretty in any::<bool>(), at in any::<usize>(), how in 0..4u8, c in prop_oneof![Just('"'), Just(','), Just('\\'), Just(']'), Just('}'), Just('\n'), Just('e'), Just('-'), Just('0'), any::<char>()]) {
            let written = if pretty { serde_json::to_string_pretty(&v).unwrap() } else { v.to_string() };
            let text = if how == 3 { written } else { broken(&written, at, how, c) };
            let mut reader = Reader::new(text.as_str());
            let ours = reader.whole();
            match (ours, serde(&text)) {
                (Ok(ours), Ok(theirs)) => {
                    // serde_json keeps a key's last value; ours its first, and says so.
                    if reader.duplicates.is_empty() {
                        prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&crate::json_writer::WriteJson::to_json(&ours)).unwrap(), theirs, "{}", text);
                    }
                }
                (Err(e), Err(at)) => prop_assert_eq!((e.line, e.column), at, "{:?}: {:?}", text, e),
                (ours, theirs) => prop_assert!(false, "{:?}: ours {:?}, serde_json's {:?}", text, ours, theirs),
            }
        }

        /// Every f64 as Rust and serde_json write it, read back as itself.
        #[test]
        fn floats_written_are_read_back(bits in any::<u64>()) {
            let f = f64::from_bits(bits);
            prop_assume!(f.is_finite());
            for text in [format!("{f:?}"), format!("{f:e}"), format!("{f:.20e}"), serde_json::to_string(&f).unwrap()] {
                prop_assert_eq!(decimal_to_f64(&text).to_bits(), f.to_bits(), "{}", text);
            }
        }

        /// Any decimal, rounded as `str::parse` rounds it.
        #[test]
        fn decimals_are_rounded_as_str_parse_rounds_them(digits in "[0-9]{1,40}", point in 0usize..41, exponent in -400i32..400) {
            let point = point.min(digits.len());
            let text = format!("{}.{}e{exponent}", &digits[..point], &digits[point..]).replace(".e", "e");
            let text = if text.starts_with('.') { format!("0{text}") } else { text };
            prop_assert_eq!(decimal_to_f64(&text).to_bits(), text.parse::<f64>().unwrap().to_bits(), "{}", text);
        }
    }
}
