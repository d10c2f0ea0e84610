//! Service events (`describe-services` → `services[].events[]`): what their free text says, read
//! only for the common wordings ECS uses (facts section 11). A message in any other wording is
//! kept as text, of kind `other`, and nothing is guessed from it.

use serde::Serialize;

/// What an event says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// `(service NAME) has started N tasks: (task ID) ...`
    TasksStarted,
    /// `(service NAME) registered N targets in (target-group ARN)`
    TargetsRegistered,
    /// `(service NAME) has reached a steady state.`
    SteadyState,
    /// `(service NAME) (deployment ecs-svc/ID) deployment completed.`
    Completed,
    /// Addition to the contract: `(service NAME) deregistered N targets in (target-group ARN)`,
    /// old tasks leaving the load balancer to drain.
    TargetsDeregistered,
    /// Addition to the contract: `(service NAME) has stopped N running tasks: (task ID) ...`
    TasksStopped,
    /// Any other wording, kept as written.
    Other,
}

/// The kind of `message` and the number of tasks or targets it names, if it names one.
pub fn classify(message: &str) -> (EventKind, Option<u32>) {
    // Every wording read starts with `(service NAME) `; the name may hold anything but `)`.
    let Some(rest) = message
        .strip_prefix("(service ")
        .and_then(|rest| rest.split_once(") "))
        .map(|(_, rest)| rest)
    else {
        return (EventKind::Other, None);
    };
    let counted = |prefix: &str, noun: &[&str]| -> Option<u32> {
        let after = rest.strip_prefix(prefix)?;
        let (count, tail) = after.split_once(' ')?;
        let count: u32 = count.parse().ok()?;
        noun.iter()
            .any(|noun| tail.starts_with(noun))
            .then_some(count)
    };
    const PATTERNS: [(&str, &[&str], EventKind); 4] = [
        ("has started ", &["tasks", "task"], EventKind::TasksStarted),
        (
            "has stopped ",
            &["running tasks", "running task"],
            EventKind::TasksStopped,
        ),
        (
            "registered ",
            &["targets in", "target in"],
            EventKind::TargetsRegistered,
        ),
        (
            "deregistered ",
            &["targets in", "target in"],
            EventKind::TargetsDeregistered,
        ),
    ];
    for (prefix, noun, kind) in PATTERNS {
        if let Some(count) = counted(prefix, noun) {
            return (kind, Some(count));
        }
    }
    if rest.trim_end() == "has reached a steady state." {
        return (EventKind::SteadyState, None);
    }
    if rest.starts_with("(deployment ") && rest.trim_end().ends_with(") deployment completed.") {
        return (EventKind::Completed, None);
    }
    (EventKind::Other, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_common_wordings_and_nothing_else() {
        let cases = [
            (
                "(service web) has started 2 tasks: (task a) (task b).",
                EventKind::TasksStarted,
                Some(2),
            ),
            (
                "(service web) has started 1 task: (task a).",
                EventKind::TasksStarted,
                Some(1),
            ),
            (
                "(service web) registered 2 targets in (target-group arn:aws:x)",
                EventKind::TargetsRegistered,
                Some(2),
            ),
            (
                "(service web) deregistered 1 targets in (target-group arn:aws:x)",
                EventKind::TargetsDeregistered,
                Some(1),
            ),
            (
                "(service web) has stopped 2 running tasks: (task a) (task b).",
                EventKind::TasksStopped,
                Some(2),
            ),
            (
                "(service web) has reached a steady state.",
                EventKind::SteadyState,
                None,
            ),
            (
                "(service web) (deployment ecs-svc/123) deployment completed.",
                EventKind::Completed,
                None,
            ),
            (
                "(service web) has started many tasks.",
                EventKind::Other,
                None,
            ),
            (
                "(service web) was unable to place a task.",
                EventKind::Other,
                None,
            ),
            (
                "service web has reached a steady state.",
                EventKind::Other,
                None,
            ),
            ("", EventKind::Other, None),
            (
                "(service web) registered -1 targets in (x)",
                EventKind::Other,
                None,
            ),
        ];
        for (message, kind, count) in cases {
            assert_eq!(classify(message), (kind, count), "{message:?}");
        }
    }
}
