//! A lazy stream over every item of a paged list operation.

mod seen;

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use std::hash::RandomState;

use futures_core::Stream;

use crate::client::Client;
use crate::error::{Error, InvalidInput, PaginationError, PaginationProblem};
use crate::request::RequestSpec;
use crate::response::{ApiResponse, RawResponse};
use crate::trace;
use seen::Seen;

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

/// A decoded page with the fingerprint of each item as it came (see [`seen`]).
type Page<T> = (ApiResponse<Vec<T>>, Option<Vec<Option<u64>>>);
/// How a generated operation reads a page's response.
type DecodePage<T, E> = fn(RawResponse) -> Result<ApiResponse<Vec<T>>, Error<E>>;
type PageFuture<T, E> = Pin<Box<dyn Future<Output = Result<Page<T>, Error<E>>> + Send>>;
type FetchPage<T, E> = Box<dyn FnMut(PageRequest) -> PageFuture<T, E> + Send>;

/// Every item of a list operation, fetched a page at a time as the stream is read.
///
/// It starts at the offset the request was given and asks for pages of the operation's largest
/// size (or the `limit` the request was given). It ends after a page shorter than that, or at a
/// page that ends exactly at the total the API sends (such as `X-Total-Count`), so it does not ask
/// past the end.
///
/// Servers that cap their pages below the size asked are followed, not cut short: while the total
/// says there are more items, a short page is followed by the next offset, and from then on only
/// an empty page ends the stream. An empty page before the total is
/// [`PaginationProblem::ShortOfTotal`]: items the server counted never came. A full page past the
/// total shows the total was wrong, and the stream goes on rather than drop items.
///
/// A page that fails ends the stream with that error: no item is skipped or repeated. So does a
/// page that holds an item already yielded ([`PaginationProblem::RepeatedItems`]: a server that
/// ignores the offset, rotates the same items, or overlaps its pages would otherwise make the
/// stream endless or yield items twice), and reaching a cap set with [`Paginated::max_items`] or
/// [`Paginated::max_pages`] while the server has more.
///
/// Memory is bounded: one page of items, plus 8-byte fingerprints of the first 65,536 and the
/// latest 65,536 objects yielded (about 2 MiB at most) to tell repeats. Items that are plain
/// values (names, numbers) may legitimately repeat, so only a whole page equal to the one before
/// stops those, and for them a copy of that page is kept.
#[must_use = "a stream does nothing until it is read"]
pub struct Paginated<T, E> {
    fetch: FetchPage<T, E>,
    next: Option<PageRequest>,
    in_flight: Option<PageFuture<T, E>>,
    items: VecDeque<T>,
    /// The header that carries the total, when the API sends one.
    total_header: Option<&'static str>,
    total: Option<u64>,
    /// Whether the total has proven wrong (a page went past it), so it no longer decides the end.
    total_wrong: bool,
    /// Whether the server caps pages below the size asked: then only an empty page ends the list.
    capped: bool,
    /// The last page received, when its items are plain values, to tell a server that serves them
    /// again.
    previous: Vec<T>,
    /// Fingerprints of the items yielded, to tell one served again.
    seen: Seen,
    operation: &'static str,
    pages: u64,
    yielded: u64,
    /// The offset of the next item to yield.
    cursor: i64,
    max_pages: Option<u64>,
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
    /// A stream of the pages of copies of `request` that `prepare` has pointed at each page, sent
    /// as `to_request` makes them and read with `decode`. A page size below 1 ends it at once with an error, since such pages would never
    /// end.
    ///
    /// The futures are made here, in generic code, so a generated crate with hundreds of list
    /// operations does not compile a future of its own for each one.
    #[doc(hidden)]
    pub fn new<R, P>(
        paging: Paging,
        request: R,
        prepare: P,
        to_request: fn(R) -> Result<(Client, RequestSpec), InvalidInput>,
        decode: DecodePage<T, E>,
    ) -> Self
    where
        R: Clone + Send + 'static,
        P: Fn(&mut R, PageRequest) -> Result<(), InvalidInput> + Send + 'static,
    {
        let keys = RandomState::new();
        let fetch = move |page: PageRequest| -> PageFuture<T, E> {
            let mut request = request.clone();
            let prepared = prepare(&mut request, page).and_then(|()| to_request(request));
            let keys = keys.clone();
            Box::pin(async move {
                let (client, spec) = prepared?;
                let response = client.execute(spec).await?;
                // Taken from the bytes as they came: decoded items may drop the fields that tell
                // them apart.
                let prints = seen::fingerprints(&keys, &response.body);
                Ok((decode(response)?, prints))
            })
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
            total_wrong: false,
            capped: false,
            previous: Vec::new(),
            seen: Seen::new(),
            operation,
            pages: 0,
            yielded: 0,
            cursor: offset,
            max_pages: None,
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

    /// What to ask after a page of `received` items at `page`, or the problem that ends the
    /// stream there.
    fn after(
        &mut self,
        page: PageRequest,
        received: usize,
    ) -> Result<Option<PageRequest>, PaginationProblem> {
        let received = i64::try_from(received).unwrap_or(i64::MAX);
        let end = page.offset.saturating_add(received);
        let total = self.total.filter(|_| !self.total_wrong);
        let ends_at = |total: u64| u64::try_from(end).is_ok_and(|end| end == total);
        let short_of = |total: u64| u64::try_from(end).is_ok_and(|end| end < total);
        let next = PageRequest {
            offset: end,
            count: false,
            ..page
        };
        if received == 0 {
            return match total.filter(|total| short_of(*total)) {
                Some(total) => Err(PaginationProblem::ShortOfTotal(total)),
                None => Ok(None),
            };
        }
        if total.is_some_and(ends_at) {
            return Ok(None);
        }
        if total.is_some_and(|total| !short_of(total)) {
            self.total_wrong = true;
        }
        if received >= page.limit {
            return Ok(Some(next));
        }
        // A short page: the end, unless the server is known to cap its pages, or the total says
        // there is more (which shows that it does).
        if !self.total_wrong && total.is_some_and(short_of) {
            self.capped = true;
        }
        Ok(self.capped.then_some(next))
    }

    /// Remembers the items of a page, or tells that one was yielded before.
    fn check_repeats(
        &mut self,
        page: &[T],
        prints: Option<Vec<Option<u64>>>,
    ) -> Result<(), PaginationProblem>
    where
        T: PartialEq,
    {
        if !page.is_empty() && page == self.previous.as_slice() {
            return Err(PaginationProblem::RepeatedItems);
        }
        for print in prints.into_iter().flatten().flatten() {
            if !self.seen.insert(print) {
                return Err(PaginationProblem::RepeatedItems);
            }
        }
        Ok(())
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
                let (response, prints) = match result {
                    Ok(page) => page,
                    Err(error) => return Poll::Ready(Some(Err(error))),
                };
                if let Some(total) = this
                    .total_header
                    .and_then(|name| response.header_number(name))
                {
                    this.total = Some(total);
                }
                let body = response.body;
                // A page whose every item has a fingerprint needs no copy: repeats of it are told
                // item by item.
                let fingerprinted = prints
                    .as_ref()
                    .is_some_and(|prints| prints.iter().all(Option::is_some));
                if let Some(page) = requested {
                    trace::page(this.operation, page.offset, body.len());
                    if let Err(problem) = this.check_repeats(&body, prints) {
                        let error = this.stop(page.offset, problem);
                        return Poll::Ready(Some(Err(error)));
                    }
                    this.cursor = page.offset;
                    this.next = match this.after(page, body.len()) {
                        Ok(next) => next,
                        Err(problem) => {
                            let offset = page
                                .offset
                                .saturating_add(i64::try_from(body.len()).unwrap_or(i64::MAX));
                            let error = this.stop(offset, problem);
                            return Poll::Ready(Some(Err(error)));
                        }
                    };
                }
                // Kept only while there is a next page to compare it with.
                this.previous = if this.next.is_some() && !fingerprinted {
                    body.clone()
                } else {
                    Vec::new()
                };
                this.items = body.into();
                continue;
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
