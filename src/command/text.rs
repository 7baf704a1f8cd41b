//! A file read as text a piece at a time: UTF-8, or Windows-1252 (how Excel
//! saves CSV in Sweden) for a piece that is not UTF-8, noting where the first
//! such byte is. A piece is a line, or 64 KB of a longer one, so that memory
//! stays small whatever the file.

use std::io::{self, BufRead, Read};

const PIECE: u64 = 64 * 1024;

/// Where the first byte that is not UTF-8 is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NotUtf8 {
    /// Its line, from 1.
    pub line: usize,
    /// Its byte in that line, from 1.
    pub byte_in_line: u64,
    /// Its byte in the file, from 1.
    pub byte_in_file: u64,
    pub value: u8,
}

pub struct Pieces<R> {
    inner: R,
    bytes: Vec<u8>,
    /// Bytes of a character cut at the end of the last piece.
    carry: Vec<u8>,
    /// The line the next piece starts on, and the file offset of that line's start.
    line: usize,
    line_start: u64,
    offset: u64,
    pub not_utf8: Option<NotUtf8>,
}

impl<R: BufRead> Pieces<R> {
    pub fn new(inner: R) -> Pieces<R> {
        Pieces { inner, bytes: Vec::new(), carry: Vec::new(), line: 1, line_start: 0, offset: 0, not_utf8: None }
    }

    /// Appends the next piece to `out`; `false` at the end of the file.
    pub fn next_into(&mut self, out: &mut String) -> io::Result<bool> {
        self.bytes.clear();
        self.bytes.append(&mut self.carry);
        let start = self.offset - self.bytes.len() as u64;
        let n = (&mut self.inner).take(PIECE).read_until(b'\n', &mut self.bytes)?;
        self.offset += n as u64;
        if self.bytes.is_empty() {
            return Ok(false);
        }
        let ends_line = self.bytes.last() == Some(&b'\n');
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => out.push_str(text),
            // A character cut by the piece's end: keep its bytes for the next piece.
            Err(e) if e.error_len().is_none() && n > 0 && !ends_line => {
                let valid = e.valid_up_to();
                self.carry = self.bytes.split_off(valid);
                out.push_str(std::str::from_utf8(&self.bytes).unwrap_or_default());
            }
            Err(e) => {
                if self.not_utf8.is_none() {
                    let at = start + e.valid_up_to() as u64;
                    self.not_utf8 = Some(NotUtf8 { line: self.line, byte_in_line: at - self.line_start + 1, byte_in_file: at + 1, value: self.bytes[e.valid_up_to()] });
                }
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&self.bytes);
                out.push_str(&text);
            }
        }
        if ends_line {
            self.line += 1;
            self.line_start = self.offset;
        }
        Ok(true)
    }
}

/// The pieces as one stream of UTF-8 bytes, for the JSON reader, which asks
/// for them in order: only the current piece is kept.
pub struct Utf8Reader<R> {
    pub pieces: Pieces<R>,
    text: String,
    /// Where `text` starts in the stream.
    start: usize,
    /// The read that failed: the stream ends there.
    pub error: Option<io::Error>,
}

impl<R: BufRead> Utf8Reader<R> {
    /// `first` is text already taken from `pieces`, read before the rest.
    pub fn new(pieces: Pieces<R>, first: String) -> Utf8Reader<R> {
        Utf8Reader { pieces, text: first, start: 0, error: None }
    }
}

impl<R: BufRead> vardval::json::Source for Utf8Reader<R> {
    fn byte(&mut self, at: usize) -> Option<u8> {
        while at >= self.start + self.text.len() && self.error.is_none() {
            self.start += self.text.len();
            self.text.clear();
            match self.pieces.next_into(&mut self.text) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(e) => self.error = Some(e),
            }
        }
        self.text.as_bytes().get(at.checked_sub(self.start)?).copied()
    }

    fn text(&self, at: usize) -> &str {
        at.checked_sub(self.start).and_then(|at| self.text.get(at..)).unwrap_or_default()
    }
}

/// A whole (small) file's bytes as text: UTF-8 without its byte-order mark,
/// else Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(bytes: &[u8]) -> (String, Option<NotUtf8>) {
        let mut pieces = Pieces::new(bytes);
        let mut text = String::new();
        while pieces.next_into(&mut text).unwrap() {}
        (text, pieces.not_utf8)
    }

    #[test]
    fn utf8_stays_and_windows_1252_is_read_with_its_first_bad_byte() {
        assert_eq!(all("a,b\nVårdcentral\n".as_bytes()), ("a,b\nVårdcentral\n".to_string(), None));
        // "Hälsa" in Windows-1252 on line 2: ä is 0xE4, the 2nd byte of the line, the 5th of the file.
        let (text, bad) = all(b"id\nH\xe4lsa\n\x80");
        assert_eq!(text, "id\nHälsa\n€");
        assert_eq!(bad, Some(NotUtf8 { line: 2, byte_in_line: 2, byte_in_file: 5, value: 0xE4 }));
    }

    #[test]
    fn a_line_longer_than_a_piece_keeps_its_characters_whole() {
        let line = "å".repeat(PIECE as usize); // 2 bytes each: pieces end inside a character
        let (text, bad) = all(format!("{line}\nx").as_bytes());
        assert_eq!(text, format!("{line}\nx"));
        assert_eq!(bad, None);
    }
}
