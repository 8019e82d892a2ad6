//! Paged streams that stop because the server's pages cannot be trusted to end.

use std::fmt;

/// Why a paged stream stopped with an error instead of running on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaginationProblem {
    /// The page at `offset` held the same items as the page before it: the server ignores the
    /// offset, and the stream would repeat them forever.
    RepeatedPage,
    /// The stream yielded as many items as its cap allows and the server still has more.
    ItemCap(u64),
    /// The stream fetched as many pages as its cap allows and the server still has more.
    PageCap(u64),
    /// A page came short (fewer items than asked), ending the list at `offset`, while the total
    /// the server gave says it holds this many: items would be lost.
    ShortOfTotal(u64),
}

/// A paged stream stopped: every item before this error was yielded once, none after it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct PaginationError {
    /// The list operation, by its `operationId`.
    pub operation: &'static str,
    /// The offset of the page that was refused or not fetched.
    pub offset: i64,
    /// What went wrong.
    pub problem: PaginationProblem,
}

impl fmt::Display for PaginationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let operation = self.operation;
        let offset = self.offset;
        match self.problem {
            PaginationProblem::RepeatedPage => write!(
                f,
                "{operation}: the page at offset {offset} repeats the page before it (the server \
                 ignores the offset), so the stream stopped"
            ),
            PaginationProblem::ItemCap(cap) => write!(
                f,
                "{operation}: the stream reached its cap of {cap} items with more at offset {offset}"
            ),
            PaginationProblem::PageCap(cap) => write!(
                f,
                "{operation}: the stream reached its cap of {cap} pages with more at offset {offset}"
            ),
            PaginationProblem::ShortOfTotal(total) => write!(
                f,
                "{operation}: a short page ended the list at offset {offset}, but the server's \
                 total says {total} items (it may cap its pages below the limit asked): the \
                 stream stopped rather than lose the rest"
            ),
        }
    }
}

impl std::error::Error for PaginationError {}
