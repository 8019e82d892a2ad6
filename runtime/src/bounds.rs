//! The limits one call stays within: its deadline, how long each attempt may take, and how many
//! attempts it may make. The token request a call waits for counts against the same limits.

use std::time::{Duration, Instant};

/// The limits of one call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CallBounds {
    /// When the call must have ended, when it has a deadline.
    pub deadline: Option<Instant>,
    /// How long one attempt (or one token request) may take.
    pub attempt_timeout: Duration,
    /// Attempts in all, the first included.
    pub max_attempts: u32,
}

impl CallBounds {
    /// The bounds of a call starting now.
    pub fn starting_now(
        deadline: Option<Duration>,
        attempt_timeout: Duration,
        max_attempts: u32,
    ) -> Self {
        // A deadline too far to be represented is no deadline.
        let deadline = deadline.and_then(|limit| Instant::now().checked_add(limit));
        CallBounds {
            deadline,
            attempt_timeout,
            max_attempts: max_attempts.max(1),
        }
    }

    /// How long the next attempt may take: its timeout, cut to what is left before the
    /// deadline; `None` once the deadline has passed.
    pub fn next_timeout(&self) -> Option<Duration> {
        match self.deadline {
            None => Some(self.attempt_timeout),
            Some(deadline) => {
                let left = deadline.checked_duration_since(Instant::now())?;
                (!left.is_zero()).then(|| left.min(self.attempt_timeout))
            }
        }
    }

    /// Whether a wait of `wait` still leaves time for another attempt before the deadline.
    pub fn allows_wait(&self, wait: Duration) -> bool {
        self.deadline.is_none_or(|deadline| {
            Instant::now()
                .checked_add(wait)
                .is_some_and(|end| end < deadline)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_are_cut_to_the_deadline() {
        let bounds =
            CallBounds::starting_now(Some(Duration::from_secs(2)), Duration::from_secs(60), 3);
        let timeout = bounds.next_timeout().unwrap();
        assert!(timeout <= Duration::from_secs(2), "{timeout:?}");
        assert!(bounds.allows_wait(Duration::from_millis(10)));
        assert!(!bounds.allows_wait(Duration::from_secs(3)));

        let unbounded = CallBounds::starting_now(None, Duration::from_secs(60), 0);
        assert_eq!(unbounded.next_timeout(), Some(Duration::from_secs(60)));
        assert!(unbounded.allows_wait(Duration::from_secs(3600)));
        assert_eq!(unbounded.max_attempts, 1, "at least one attempt");

        let past = CallBounds::starting_now(Some(Duration::ZERO), Duration::from_secs(60), 3);
        assert_eq!(past.next_timeout(), None);
        let huge = CallBounds::starting_now(Some(Duration::MAX), Duration::from_secs(1), 1);
        assert_eq!(huge.next_timeout(), Some(Duration::from_secs(1)));
    }
}
