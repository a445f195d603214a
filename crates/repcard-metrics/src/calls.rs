//! The one definition of how a call is classified (metrics 2, 3 and 4) and what a touch is.

/// Which of the three call metrics a call counts in. Every call is exactly one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallCategory {
    /// Metric 2: before the lead was engaged, within the new-lead window (or before creation).
    New,
    /// Metric 3: before the lead was engaged, more than the window after creation.
    Previous,
    /// Metric 4: at or after the lead's engagement time.
    Engaged,
}

/// Classifies a call made at `call_at` on a lead created at `lead_created` and engaged at
/// `engaged_at` (all in seconds since the epoch), with a window of `window_seconds`.
pub fn classify_call(
    call_at: i64,
    lead_created: i64,
    engaged_at: Option<i64>,
    window_seconds: i64,
) -> CallCategory {
    match engaged_at {
        Some(e) if call_at >= e => CallCategory::Engaged,
        // A call before creation has a negative age and so counts as new (§6.3).
        _ if call_at - lead_created <= window_seconds => CallCategory::New,
        _ => CallCategory::Previous,
    }
}

/// Whether a call at `call_at` is a touch of a lead engaged at `engaged_at`: a call before
/// E(L), or any call on a lead never engaged.
pub(crate) fn is_touch(call_at: i64, engaged_at: Option<i64>) -> bool {
    engaged_at.is_none_or(|e| call_at < e)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    #[test]
    fn call_exactly_at_window_end_counts_as_new() {
        assert_eq!(
            classify_call(30 * DAY, 0, None, 30 * DAY),
            CallCategory::New
        );
        assert_eq!(
            classify_call(30 * DAY + 1, 0, None, 30 * DAY),
            CallCategory::Previous
        );
    }

    #[test]
    fn meeting_makes_same_instant_call_engaged() {
        assert_eq!(
            classify_call(5, 0, Some(5), 30 * DAY),
            CallCategory::Engaged
        );
        assert_eq!(classify_call(4, 0, Some(5), 30 * DAY), CallCategory::New);
    }

    #[test]
    fn call_before_lead_creation_counts_as_new() {
        assert_eq!(
            classify_call(-100 * DAY, 0, None, 30 * DAY),
            CallCategory::New
        );
    }

    #[test]
    fn call_after_window_before_meeting_counts_as_previous() {
        assert_eq!(
            classify_call(40 * DAY, 0, Some(50 * DAY), 30 * DAY),
            CallCategory::Previous
        );
    }
}
