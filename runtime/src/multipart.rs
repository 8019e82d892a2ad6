//! `multipart/form-data` bodies (RFC 7578): text, JSON and file parts, with the files streamed
//! when they are streams, so a large upload is never held in memory.

use std::collections::VecDeque;
use std::hash::{BuildHasher, Hasher};
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use serde::Serialize;

use super::upload::{ByteStream, Content, FilePart, StreamError};

/// A `multipart/form-data` body, part by part. Generated operations build it from their typed
/// inputs; an operation whose spec does not list the parts takes one built by the caller:
///
/// ```
/// let mut form = sdkgen_runtime::Multipart::new();
/// form.text("locale", "de");
/// form.file("file", &sdkgen_runtime::FilePart::new(b"{}".to_vec()).file_name("de.json"), "application/json");
/// ```
#[derive(Clone, Debug)]
pub struct Multipart {
    boundary: String,
    pieces: Vec<Piece>,
    /// The first problem with a part, reported when the body is attached.
    problem: Option<(String, String)>,
}

#[derive(Clone)]
enum Piece {
    Bytes(Bytes),
    Stream(Content),
}

impl std::fmt::Debug for Piece {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Piece::Bytes(bytes) => write!(f, "Bytes({})", bytes.len()),
            Piece::Stream(_) => f.write_str("Stream"),
        }
    }
}

impl Default for Multipart {
    fn default() -> Self {
        Self::new()
    }
}

impl Multipart {
    /// An empty body with a fresh boundary.
    pub fn new() -> Self {
        Multipart {
            boundary: boundary(),
            pieces: Vec::new(),
            problem: None,
        }
    }

    /// A text field (with no `Content-Type`, as browsers send one: `text/plain` is the default).
    pub fn text(&mut self, name: &str, value: &str) {
        self.head(name, None, None);
        self.pieces
            .push(Piece::Bytes(Bytes::copy_from_slice(value.as_bytes())));
        self.pieces.push(Piece::Bytes(Bytes::from_static(b"\r\n")));
    }

    /// A field holding a structured value, as JSON.
    pub fn json<T: Serialize>(&mut self, name: &str, value: &T) {
        match serde_json::to_vec(value) {
            Ok(json) => {
                self.head(name, None, Some("application/json"));
                self.pieces.push(Piece::Bytes(json.into()));
                self.pieces.push(Piece::Bytes(Bytes::from_static(b"\r\n")));
            }
            Err(error) => self.fail(name, format!("cannot be written as JSON: {error}")),
        }
    }

    /// A file part; `default_type` is the media type the spec gives it.
    pub fn file(&mut self, name: &str, part: &FilePart, default_type: &str) {
        let media = part.content_type.as_deref().unwrap_or(default_type);
        if !is_header_text(media) {
            let problem = format!("has a media type a header cannot carry: {media:?}");
            return self.fail(name, problem);
        }
        let file_name = part.file_name.as_deref().unwrap_or(name);
        self.head(name, Some(file_name), Some(media));
        match part.upload.clone().into_content() {
            Content::Bytes(bytes) => self.pieces.push(Piece::Bytes(bytes)),
            stream => self.pieces.push(Piece::Stream(stream)),
        }
        self.pieces.push(Piece::Bytes(Bytes::from_static(b"\r\n")));
    }

    fn fail(&mut self, name: &str, problem: String) {
        self.problem.get_or_insert((name.to_owned(), problem));
    }

    fn head(&mut self, name: &str, file_name: Option<&str>, media: Option<&str>) {
        let mut head = format!(
            "--{}\r\nContent-Disposition: form-data; name=\"{}\"",
            self.boundary,
            quoted(name)
        );
        if let Some(file_name) = file_name {
            head.push_str(&format!("; filename=\"{}\"", quoted(file_name)));
        }
        if let Some(media) = media {
            head.push_str(&format!("\r\nContent-Type: {media}"));
        }
        head.push_str("\r\n\r\n");
        self.pieces.push(Piece::Bytes(head.into()));
    }

    /// The body's media type (with its boundary), and its content: bytes when every part is in
    /// memory, else a stream. Fails with the part and its problem.
    pub(crate) fn finish(mut self) -> Result<(String, Content), (String, String)> {
        if let Some(problem) = self.problem {
            return Err(problem);
        }
        self.pieces
            .push(Piece::Bytes(format!("--{}--\r\n", self.boundary).into()));
        let media = format!("multipart/form-data; boundary={}", self.boundary);
        if self
            .pieces
            .iter()
            .all(|piece| matches!(piece, Piece::Bytes(_)))
        {
            let mut all = Vec::new();
            for piece in &self.pieces {
                if let Piece::Bytes(bytes) = piece {
                    all.extend_from_slice(bytes);
                }
            }
            return Ok((media, Content::Bytes(all.into())));
        }
        let mut length = Some(0u64);
        let mut streams: VecDeque<ByteStream> = VecDeque::new();
        for piece in self.pieces {
            match piece {
                Piece::Bytes(bytes) => {
                    length = length
                        .zip(u64::try_from(bytes.len()).ok())
                        .map(|(a, b)| a + b);
                    streams.push_back(Box::pin(Once(Some(bytes))));
                }
                Piece::Stream(Content::Stream {
                    stream,
                    length: part_length,
                }) => {
                    length = length.zip(part_length).map(|(a, b)| a.saturating_add(b));
                    let Some(stream) = Content::take_stream(&stream) else {
                        return Err((
                            "body".to_owned(),
                            "has a file part whose stream was sent already: a stream is sent once"
                                .to_owned(),
                        ));
                    };
                    streams.push_back(stream);
                }
                Piece::Stream(Content::Bytes(bytes)) => {
                    streams.push_back(Box::pin(Once(Some(bytes))));
                }
            }
        }
        let stream: ByteStream = Box::pin(Concat { streams });
        Ok((
            media,
            Content::Stream {
                stream: std::sync::Arc::new(std::sync::Mutex::new(Some(stream))),
                length,
            },
        ))
    }
}

/// A fresh boundary per body, from the standard library's per-process random hash keys: it only
/// has to be absent from the parts, which 128 random bits make certain in practice.
fn boundary() -> String {
    let random = || {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(0x5EED);
        hasher.finish()
    };
    format!("sdkgen-runtime-{:016x}{:016x}", random(), random())
}

/// A name in a `Content-Disposition` quoted string, with `"`, CR and LF escaped as browsers do.
fn quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn is_header_text(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| (b' '..=b'~').contains(&byte))
}

/// One chunk, then the end.
struct Once(Option<Bytes>);

impl Stream for Once {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        Poll::Ready(self.get_mut().0.take().map(Ok))
    }
}

/// Streams one after another.
struct Concat {
    streams: VecDeque<ByteStream>,
}

impl Stream for Concat {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        while let Some(front) = this.streams.front_mut() {
            match front.as_mut().poll_next(cx) {
                Poll::Ready(None) => {
                    this.streams.pop_front();
                }
                other => return other,
            }
        }
        Poll::Ready(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::upload::Upload;

    fn text_of(form: Multipart) -> String {
        let boundary = form.boundary.clone();
        match form.finish() {
            Ok((media, Content::Bytes(bytes))) => {
                assert_eq!(media, format!("multipart/form-data; boundary={boundary}"));
                String::from_utf8(bytes.to_vec())
                    .unwrap_or_default()
                    .replace(&boundary, "B")
            }
            _ => panic!("expected bytes"),
        }
    }

    #[test]
    fn parts_are_written_as_rfc_7578_says() {
        let mut form = Multipart::new();
        form.text("name", "Rex");
        form.json("tags", &["a", "b"]);
        let file = FilePart::new(Upload::bytes(&b"\x00\x01"[..])).file_name("a \"b\".png");
        form.file("photo", &file, "image/png");
        assert_eq!(
            text_of(form),
            "--B\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nRex\r\n\
             --B\r\nContent-Disposition: form-data; name=\"tags\"\r\nContent-Type: application/json\r\n\r\n[\"a\",\"b\"]\r\n\
             --B\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a %22b%22.png\"\r\nContent-Type: image/png\r\n\r\n\x00\x01\r\n\
             --B--\r\n"
        );
    }

    #[test]
    fn a_media_type_with_a_line_break_is_refused() {
        let mut form = Multipart::new();
        let file = FilePart::new(Upload::bytes(Vec::new())).content_type("a\r\nX-Evil: 1");
        form.file("photo", &file, "image/png");
        let (part, problem) = form.finish().err().unwrap_or_default();
        assert_eq!(part, "photo");
        assert!(problem.contains("header"), "{problem}");
    }

    #[test]
    fn boundaries_differ() {
        assert_ne!(boundary(), boundary());
    }
}
