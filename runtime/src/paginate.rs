//! A lazy stream over every item of a paged list operation.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::error::{Error, InvalidInput, PaginationError, PaginationProblem};
use super::response::ApiResponse;

/// The page the stream asks for next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    /// Where the page starts.
    pub offset: i64,
    /// The page size.
    pub limit: i64,
    /// Whether to ask for the total (`count=true`): on the first page only.
    pub count: bool,
    operation: &'static str,
}

impl PageRequest {
    /// The offset as the operation's parameter type.
    pub fn offset<T: TryFrom<i64>>(&self) -> Result<T, InvalidInput> {
        self.convert("offset", self.offset)
    }

    /// The page size as the operation's parameter type.
    pub fn limit<T: TryFrom<i64>>(&self) -> Result<T, InvalidInput> {
        self.convert("limit", self.limit)
    }

    fn convert<T: TryFrom<i64>>(&self, input: &str, value: i64) -> Result<T, InvalidInput> {
        T::try_from(value).map_err(|_| InvalidInput {
            operation: self.operation,
            input: input.to_owned(),
            problem: format!("reached {value}, more than the parameter can carry"),
        })
    }
}

type PageFuture<T, E> = Pin<Box<dyn Future<Output = Result<ApiResponse<Vec<T>>, Error<E>>> + Send>>;
type FetchPage<T, E> = Box<dyn FnMut(PageRequest) -> PageFuture<T, E> + Send>;

/// Every item of a list operation, fetched a page at a time as the stream is read.
///
/// It starts at the offset the request was given, asks for pages of the operation's largest size
/// (or the `limit` the request was given), and stops after a page shorter than that, or when a page
/// ends exactly at the total the API sends (such as `X-Total-Count`), so it does not ask past the
/// end. A full page that goes past the total shows the total was wrong: the stream goes on rather
/// than drop items. It holds one page at most (and a copy of the last one, to compare).
///
/// A page that fails ends the stream with that error: no item is skipped or repeated. So does a
/// page that repeats the one before it (a server that ignores the offset would otherwise make the
/// stream endless), and reaching a cap set with [`Paginated::max_items`] or
/// [`Paginated::max_pages`] while the server has more.
#[must_use = "a stream does nothing until it is read"]
pub struct Paginated<T, E> {
    fetch: FetchPage<T, E>,
    next: Option<PageRequest>,
    in_flight: Option<PageFuture<T, E>>,
    items: VecDeque<T>,
    /// The header that carries the total, when the API sends one.
    total_header: Option<&'static str>,
    total: Option<u64>,
    /// The last page received, to tell a server that ignores the offset.
    previous: Vec<T>,
    operation: &'static str,
    pages: u64,
    yielded: u64,
    /// The offset of the next item to yield.
    cursor: i64,
    max_pages: Option<u64>,
    /// A short page ended the list before the server's total: where, and the total. Reported
    /// once the page's items are yielded.
    short_of: Option<(u64, u64)>,
    max_items: Option<u64>,
}

// Nothing is pinned in place: the page future is boxed and the buffered items move freely.
impl<T, E> Unpin for Paginated<T, E> {}

/// Where a stream starts and how it pages: from the operation's spec and the request's inputs.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Paging {
    pub operation: &'static str,
    pub offset: i64,
    pub page_size: i64,
    /// Whether to ask for the total on the first page.
    pub ask_count: bool,
    /// The header that carries the total, when the API sends one.
    pub total_header: Option<&'static str>,
}

impl<T: Clone + PartialEq + Send + 'static, E: Send + 'static> Paginated<T, E> {
    /// A stream of the pages `send` fetches for copies of `request` that `prepare` has pointed at
    /// each page. A page size below 1 ends it at once with an error, since such pages would never
    /// end.
    ///
    /// The futures are made here, in generic code, so a generated crate with hundreds of list
    /// operations does not compile a future of its own for each one.
    #[doc(hidden)]
    pub fn new<R, P, S, F>(paging: Paging, request: R, prepare: P, send: S) -> Self
    where
        R: Clone + Send + 'static,
        P: Fn(&mut R, PageRequest) -> Result<(), InvalidInput> + Send + 'static,
        S: Fn(R) -> F + Send + 'static,
        F: Future<Output = Result<ApiResponse<Vec<T>>, Error<E>>> + Send + 'static,
    {
        let fetch = move |page: PageRequest| -> PageFuture<T, E> {
            let mut request = request.clone();
            match prepare(&mut request, page) {
                Ok(()) => Box::pin(send(request)),
                Err(error) => Box::pin(std::future::ready(Err(Error::InvalidInput(error)))),
            }
        };
        let Paging {
            operation,
            offset,
            page_size,
            ask_count,
            total_header,
        } = paging;
        let first = PageRequest {
            offset,
            limit: page_size,
            count: ask_count,
            operation,
        };
        let mut stream = Paginated {
            fetch: Box::new(fetch),
            next: Some(first),
            in_flight: None,
            items: VecDeque::new(),
            total_header,
            total: None,
            previous: Vec::new(),
            operation,
            pages: 0,
            yielded: 0,
            cursor: offset,
            max_pages: None,
            short_of: None,
            max_items: None,
        };
        if page_size < 1 || offset < 0 {
            let (input, problem) = if offset < 0 {
                ("offset", format!("must be at least 0, got {offset}"))
            } else {
                (
                    "limit",
                    format!("must be at least 1 to page through results, got {page_size}"),
                )
            };
            let error = InvalidInput {
                operation,
                input: input.to_owned(),
                problem,
            };
            stream.next = None;
            stream.in_flight = Some(Box::pin(std::future::ready(Err(Error::InvalidInput(
                error,
            )))));
        }
        stream
    }
}

impl<T: Clone + PartialEq, E> Paginated<T, E> {
    /// The next item, or `None` at the end: the stream read without `futures::StreamExt`.
    pub async fn next_item(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|context| Pin::new(&mut *self).poll_next(context)).await
    }
}

impl<T, E> Paginated<T, E> {
    /// The total number of items, once the first page has said it (in the API's total header).
    pub fn total_count(&self) -> Option<u64> {
        self.total
    }

    /// Ends the stream with an error once it has yielded `items` items and the server has more.
    pub fn max_items(mut self, items: u64) -> Self {
        self.max_items = Some(items);
        self
    }

    /// Ends the stream with an error once it has fetched `pages` pages and would fetch another.
    pub fn max_pages(mut self, pages: u64) -> Self {
        self.max_pages = Some(pages);
        self
    }

    /// What to ask after a page of `received` items at `page`: nothing after a short page or one
    /// that ends exactly at the total.
    fn after(&self, page: PageRequest, received: usize) -> Option<PageRequest> {
        let received = i64::try_from(received).unwrap_or(i64::MAX);
        let next_offset = page.offset.saturating_add(received);
        let at_total = self
            .total
            .is_some_and(|total| u64::try_from(next_offset).is_ok_and(|next| next == total));
        (received >= page.limit && !at_total).then_some(PageRequest {
            offset: next_offset,
            count: false,
            ..page
        })
    }

    /// Ends the stream with an error about its pages.
    fn stop(&mut self, offset: i64, problem: PaginationProblem) -> Error<E> {
        self.next = None;
        self.items.clear();
        Error::Pagination(Box::new(PaginationError {
            operation: self.operation,
            offset,
            problem,
        }))
    }
}

impl<T: Clone + PartialEq, E> Stream for Paginated<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, context: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        // No field is pinned: the futures are boxed.
        let this = self.get_mut();
        loop {
            if !this.items.is_empty() {
                if let Some(cap) = this.max_items.filter(|cap| this.yielded >= *cap) {
                    let error = this.stop(this.cursor, PaginationProblem::ItemCap(cap));
                    return Poll::Ready(Some(Err(error)));
                }
                if let Some(item) = this.items.pop_front() {
                    this.yielded += 1;
                    this.cursor = this.cursor.saturating_add(1);
                    return Poll::Ready(Some(Ok(item)));
                }
            }
            if let Some(page) = this.in_flight.as_mut() {
                let result = std::task::ready!(page.as_mut().poll(context));
                this.in_flight = None;
                let requested = this.next.take();
                let response = match result {
                    Ok(response) => response,
                    Err(error) => return Poll::Ready(Some(Err(error))),
                };
                if let Some(total) = this
                    .total_header
                    .and_then(|name| response.header_number(name))
                {
                    this.total = Some(total);
                }
                let body = response.body;
                if let Some(page) = requested {
                    if !body.is_empty() && body == this.previous {
                        let error = this.stop(page.offset, PaginationProblem::RepeatedPage);
                        return Poll::Ready(Some(Err(error)));
                    }
                    this.cursor = page.offset;
                    this.next = this.after(page, body.len());
                    let reached = i64::try_from(body.len())
                        .ok()
                        .and_then(|received| page.offset.checked_add(received))
                        .and_then(|end| u64::try_from(end).ok());
                    if let (None, Some(total), Some(end)) = (this.next, this.total, reached) {
                        if end < total {
                            // The items of this page are still yielded; the error comes after.
                            this.items = body.into();
                            this.short_of = Some((end, total));
                            continue;
                        }
                    }
                }
                // Kept only while there is a next page to compare it with.
                this.previous = if this.next.is_some() {
                    body.clone()
                } else {
                    Vec::new()
                };
                this.items = body.into();
                continue;
            }
            if let Some((end, total)) = this.short_of.take() {
                let offset = i64::try_from(end).unwrap_or(i64::MAX);
                let error = this.stop(offset, PaginationProblem::ShortOfTotal(total));
                return Poll::Ready(Some(Err(error)));
            }
            let Some(page) = this.next else {
                return Poll::Ready(None);
            };
            if let Some(cap) = this.max_pages.filter(|cap| this.pages >= *cap) {
                let error = this.stop(page.offset, PaginationProblem::PageCap(cap));
                return Poll::Ready(Some(Err(error)));
            }
            this.pages += 1;
            this.in_flight = Some((this.fetch)(page));
        }
    }
}

impl<T, E> std::fmt::Debug for Paginated<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paginated")
            .field("next", &self.next)
            .field("buffered", &self.items.len())
            .field("total", &self.total)
            .field("pages", &self.pages)
            .field("yielded", &self.yielded)
            .finish_non_exhaustive()
    }
}
