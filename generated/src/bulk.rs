//! Reading the outcome of each item of a bulk operation (`207 Multi-Status`).

use crate::models::BulkItemStatus;

impl BulkItemStatus {
    /// The item's HTTP status code, whether the server wrote it as a number or as text; `None` for
    /// text that is not a status code.
    pub fn code(&self) -> Option<u16> {
        match self {
            BulkItemStatus::Code(code) => u16::try_from(*code).ok(),
            BulkItemStatus::Text(text) => text.trim().parse().ok(),
        }
        .filter(|code| (100..=599).contains(code))
    }

    /// Whether the item succeeded (a 2xx code).
    pub fn is_success(&self) -> bool {
        self.code().is_some_and(|code| (200..300).contains(&code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_text_alike() {
        assert_eq!(BulkItemStatus::Code(204).code(), Some(204));
        assert_eq!(BulkItemStatus::Text("201".to_owned()).code(), Some(201));
        assert!(BulkItemStatus::Text(" 201 ".to_owned()).is_success());
        assert!(!BulkItemStatus::Code(409).is_success());
        assert_eq!(BulkItemStatus::Text("created".to_owned()).code(), None);
        assert_eq!(BulkItemStatus::Code(-1).code(), None);
        assert_eq!(BulkItemStatus::Code(42).code(), None);
    }
}
