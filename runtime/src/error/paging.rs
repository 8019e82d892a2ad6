//! Paged streams that stop because the server's pages cannot be trusted to end.

use std::fmt;

/// Why a paged stream stopped with an error instead of running on.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaginationProblem {
    /// The page at `offset` holds an item the stream yielded already, or is the page before it
    /// again: the server ignores the offset, rotates the same items or overlaps its pages, and
    /// the stream would yield items twice or forever.
    RepeatedItems,
    /// The stream yielded as many items as its cap allows and the server still has more.
    ItemCap(u64),
    /// The stream fetched as many pages as its cap allows and the server still has more.
    PageCap(u64),
    /// The page at `offset` came empty while the total the server gave says the list holds this
    /// many: items it counted never came.
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
            PaginationProblem::RepeatedItems => write!(
                f,
                "{operation}: the page at offset {offset} holds items the stream yielded already \
                 (the server ignores the offset or overlaps its pages), so the stream stopped"
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
                "{operation}: the list ended at offset {offset}, but the server's total says \
                 {total} items: the stream stopped rather than end as if it had them all"
            ),
        }
    }
}

impl std::error::Error for PaginationError {}
