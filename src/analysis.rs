//! The whole pipeline behind [`analyze`] and [`compare`], and the [`Analysis`] it returns.

use crate::config::Deployment;
use crate::diagnostic::{Code, Diagnostic, Span};
use crate::input::InputKind;
use crate::options::{Options, StrategyName};
use crate::pairs::{fingerprint, sort_pairs};
use crate::policy::{self, PolicyScope};
use crate::portkey;
use crate::read;
use crate::service::{self, Context, Module};
use crate::timeline::{self, Assumptions, Comparison, Timeline};

/// The largest input `analyze` reads: 8 MiB. Larger input gets one `input-too-large` diagnostic.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// What `analyze` found, with byte spans (see `report` for the consumer's units).
#[derive(Debug, Clone)]
pub struct Analysis {
    /// What the module would deploy; `None` only when nothing could be read.
    pub strategy: Option<StrategyName>,
    /// Sorted by position; diagnostics without a span last.
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the deployment settings cannot be read or are outside ECS's valid values.
    pub timeline: Option<Timeline>,
    /// Which rules of `options.policy` the file was checked against; `None` without a policy
    /// or when nothing could be read.
    pub policy: Option<PolicyScope>,
    /// The kind of source read (contract section 7).
    pub input: InputKind,
    /// Every ECS service in the source, in source order; `strategy` and `timeline` above are
    /// the first one's.
    pub services: Vec<ServiceAnalysis>,
}

/// One ECS service of the source (contract section 7).
#[derive(Debug, Clone)]
pub struct ServiceAnalysis {
    /// The resource's address (`aws_ecs_service.gateway`), the logical id, or the service name.
    pub name: String,
    /// Where the service is defined.
    pub span: Option<Span>,
    pub strategy: StrategyName,
    pub timeline: Option<Timeline>,
}

/// The name the Portkey module's one service is listed under.
pub const PORTKEY_SERVICE: &str = portkey::SERVICE_NAME;

/// Checks `source` and simulates its rollout. Pure: no I/O, no panics, any input.
///
/// A fix is offered only when applying it adds no problem, alone among the fixes of its kind and
/// together with one fix of every other diagnostic (no code appears as an error or warning more
/// often in the fixed text than in `source` less the diagnostics the fixes remove; information
/// such as `no-behaviour-check` may appear once a value becomes valid), so that applying any
/// fix, or one fix per diagnostic, never trades a problem for a new one. Checking costs at most
/// [`MAX_FIX_CHECK_ANALYSES`] more analyses whatever the number of fixes (none without fixes,
/// usually one), of at most [`FIX_CHECK_BUDGET_BYTES`] of fixed text in all; fixes that cannot
/// be settled within them are not offered.
pub fn analyze(source: &str, options: &Options) -> Analysis {
    analyze_deployment(source, Context::default(), options, options.fail_at_minute).0
}

/// [`analyze`] for one Terraform file of a module whose other files are `context`: their
/// `variable` defaults and `locals` resolve this file's references (the command line's
/// directories and file lists). Diagnostics are this file's only.
pub fn analyze_in_context(source: &str, context: &[&str], options: &Options) -> Analysis {
    let module = Module::parse(context);
    let context = Context {
        module: Some(&module),
        current: None,
    };
    analyze_deployment(source, context, options, options.fail_at_minute).0
}

/// [`analyze`] for file `current` of a Terraform module read once with [`Module::parse`];
/// `source` is that file's text. The module's other files resolve its references as
/// [`analyze_in_context`]'s do, but the module is parsed once for all of its files, so checking
/// every file of a module costs time linear in its size.
pub fn analyze_in_module(
    source: &str,
    module: &Module,
    current: usize,
    options: &Options,
) -> Analysis {
    let context = Context {
        module: Some(module),
        current: Some(current),
    };
    analyze_deployment(source, context, options, options.fail_at_minute).0
}

/// [`analyze`] with the failure minute given apart from `options` (`diff` simulates none), and
/// the checked deployment the timeline was built from (for `diff`'s summary).
pub(crate) fn analyze_deployment(
    source: &str,
    context: Context<'_>,
    options: &Options,
    fail_at_minute: Option<f64>,
) -> (Analysis, Option<Deployment>) {
    // Options the CLI and the package would refuse are refused here too, whole: a policy is
    // never half-applied, an assumption never silently replaced.
    if let Err(error) = options.validate() {
        let diagnostic = invalid_options(&error);
        let analysis = Analysis {
            strategy: None,
            diagnostics: vec![diagnostic],
            timeline: None,
            policy: None,
            input: options.input.unwrap_or_default(),
            services: Vec::new(),
        };
        return (analysis, None);
    }
    // The kind is decided once, so that a fix's result is read as the same kind.
    let options = &Options {
        input: Some(options.input_kind(source)),
        ..options.clone()
    };
    let (mut analysis, deployment) = analyze_once(source, context, options, fail_at_minute);
    drop_fixes_that_add_diagnostics(source, context, options, &mut analysis.diagnostics);
    (analysis, deployment)
}

/// How many bytes of fixed text `analyze` re-analyses to check its fixes, in all.
pub const FIX_CHECK_BUDGET_BYTES: usize = 4 * 1024 * 1024;

/// How many analyses of fixed text `analyze` runs at most to check its fixes, whatever their
/// number: one of every candidate fix applied together, and one more after each time some of
/// them were found to add a problem and were left out. Fixes still unsettled then are not
/// offered.
pub const MAX_FIX_CHECK_ANALYSES: usize = 6;

#[cfg(test)]
thread_local! {
    /// How many times this thread ran `analyze_once`, for the tests that bound the analyses a
    /// call runs (a count, never a time).
    static ANALYSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// One candidate fix: the index of its diagnostic and its index among that diagnostic's fixes.
type Candidate = (usize, usize);

/// Keeps the fixes that, applied together with every other fix kept (one per diagnostic, in any
/// order), add no problem, and removes the others, running at most [`MAX_FIX_CHECK_ANALYSES`]
/// analyses of fixed text (and [`FIX_CHECK_BUDGET_BYTES`] bytes) whatever the number of fixes.
///
/// The candidates are checked in rounds of at most one fix per diagnostic, none overlapping
/// another (first the first fix of every diagnostic, then the alternatives, each with the fixes
/// already kept for the other diagnostics). A round's fixes are applied together and the result
/// analysed once; it passes when no code appears as an error or warning more often than in
/// `source` less the diagnostics the applied fixes remove. When it does not pass, the problems
/// the analysis has that `source` did not are blamed on the fixes that edited them or that set
/// the same variable; of those, the fixes of diagnostics that correct how a name is written are
/// kept over the fixes of rules that only exist because of such a misspelling (a hook "without
/// stages" whose stages are misspelt is no reason to disable the hook). The blamed fixes are
/// left out and the rest analysed again; when no fix can be blamed, the later half is left out.
fn drop_fixes_that_add_diagnostics(
    source: &str,
    context: Context<'_>,
    options: &Options,
    diagnostics: &mut [Diagnostic],
) {
    let pending: Vec<Candidate> = diagnostics
        .iter()
        .enumerate()
        .flat_map(|(index, diagnostic)| (0..diagnostic.fixes.len()).map(move |fix| (index, fix)))
        .collect();
    if pending.is_empty() {
        return;
    }
    // By place among the diagnostic's fixes, then rank, then diagnostic. (Every sort here is of
    // pairs of numbers, one instance of the sort for the browser's .wasm to carry.)
    let mut order: Vec<(usize, usize)> = pending
        .iter()
        .map(|&(index, fix)| {
            (
                fix * 2 + usize::from(fix_rank(diagnostics[index].code)),
                index,
            )
        })
        .collect();
    sort_pairs(&mut order);
    let pending: Vec<Candidate> = order.iter().map(|&(key, index)| (index, key / 2)).collect();
    let mut checker = FixChecker {
        source,
        context,
        options: Options {
            fail_at_minute: None,
            ..options.clone()
        },
        diagnostics,
        analyses: MAX_FIX_CHECK_ANALYSES,
        bytes: FIX_CHECK_BUDGET_BYTES,
        passed: Vec::new(),
        first_ids: Vec::new(),
        candidates: 0,
        conflicts: Vec::new(),
    };
    checker.first_ids = checker
        .diagnostics
        .iter()
        .scan(0, |next, diagnostic| {
            let first = *next;
            *next += diagnostic.fixes.len();
            Some(first)
        })
        .collect();
    checker.candidates = checker.diagnostics.iter().map(|d| d.fixes.len()).sum();
    checker.conflicts = conflicts(checker.diagnostics);
    // First each group alone: the fixes with the same place among their diagnostic's fixes
    // and of the same rank, none overlapping another, so that no fix is checked only next to
    // fixes of another kind that could hide what it adds (a rename that makes a canary's load
    // balancer an application one, say).
    let mut accepted: Vec<Candidate> = Vec::new();
    let mut pending = pending;
    while let Some(&first) = pending.first() {
        // The candidates are sorted by class, so one class is the leading run.
        let class = |(index, fix): Candidate| (fix, fix_rank(checker.diagnostics[index].code));
        let run = pending
            .iter()
            .position(|&candidate| class(candidate) != class(first))
            .unwrap_or(pending.len());
        let rest = pending.split_off(run);
        let (group, later) = checker.group((pending, rest));
        pending = later;
        accepted.extend(checker.settle(group, &[]));
    }
    // Then together, one fix per diagnostic: every first fix kept, then each later fix with
    // the first fixes of the other diagnostics. A diagnostic has one fix at each place, so the
    // fixes kept at one place make one round.
    let mut by_place: Vec<(usize, usize)> =
        accepted.iter().map(|&(index, fix)| (fix, index)).collect();
    sort_pairs(&mut by_place);
    let mut queue: Vec<Vec<Candidate>> = by_place
        .chunk_by(|a, b| a.0 == b.0)
        .map(|round| round.iter().map(|&(fix, index)| (index, fix)).collect())
        .collect();
    let mut kept: Vec<Candidate> = Vec::new();
    let mut firsts: Vec<Candidate> = Vec::new();
    let mut in_round = vec![false; checker.diagnostics.len()];
    let mut next = 0;
    while let Some(round) = queue.get_mut(next).map(std::mem::take) {
        next += 1;
        let (round, deferred) = checker.group((round, Vec::new()));
        if !deferred.is_empty() {
            queue.push(deferred);
        }
        let mut round_ids = vec![false; checker.candidates];
        for candidate in &round {
            in_round[candidate.0] = true;
            round_ids[checker.id(*candidate)] = true;
        }
        let base: Vec<Candidate> = firsts
            .iter()
            .copied()
            .filter(|&kept| {
                !in_round[kept.0] && !checker.conflicting(kept).any(|other| round_ids[other])
            })
            .collect();
        for candidate in &round {
            in_round[candidate.0] = false;
        }
        let mut sorted = round.clone();
        sort_pairs(&mut sorted);
        // A round that was analysed just so already needs no second analysis.
        let passed = if base.is_empty() && checker.passed.contains(&sorted) {
            round
        } else {
            checker.settle(round, &base)
        };
        if passed.first().is_some_and(|first| first.1 == 0) {
            firsts.extend(passed.iter().copied());
        }
        kept.extend(passed);
    }
    sort_pairs(&mut kept);
    for (index, diagnostic) in checker.diagnostics.iter_mut().enumerate() {
        let mut position = 0;
        diagnostic.fixes.retain(|_| {
            position += 1;
            kept.binary_search(&(index, position - 1)).is_ok()
        });
    }
}

/// The state of [`drop_fixes_that_add_diagnostics`]: what is checked, and how many analyses
/// and bytes of fixed text are left.
struct FixChecker<'a, 'c> {
    source: &'a str,
    context: Context<'c>,
    options: Options,
    diagnostics: &'a mut [Diagnostic],
    analyses: usize,
    bytes: usize,
    /// The sets `settle` found to add nothing applied alone, each sorted.
    passed: Vec<Vec<Candidate>>,
    /// The id of each diagnostic's first fix ([`FixChecker::id`]).
    first_ids: Vec<usize>,
    /// How many candidate fixes there are.
    candidates: usize,
    /// Pairs of ids of candidates whose fixes overlap, both ways round, sorted.
    conflicts: Vec<(usize, usize)>,
}

impl FixChecker<'_, '_> {
    fn fix(&self, (index, fix): Candidate) -> &crate::diagnostic::Fix {
        &self.diagnostics[index].fixes[fix]
    }

    /// Splits the first list into a group of at most one fix per diagnostic, none overlapping
    /// another, and the rest, which join the second list.
    fn group(
        &self,
        (candidates, mut rest): (Vec<Candidate>, Vec<Candidate>),
    ) -> (Vec<Candidate>, Vec<Candidate>) {
        let mut group: Vec<Candidate> = Vec::new();
        let mut in_group = vec![false; self.diagnostics.len()];
        let mut taken = vec![false; self.candidates];
        let mut later = Vec::new();
        for candidate in candidates {
            if in_group[candidate.0] || self.conflicting(candidate).any(|other| taken[other]) {
                later.push(candidate);
            } else {
                in_group[candidate.0] = true;
                taken[self.id(candidate)] = true;
                group.push(candidate);
            }
        }
        later.append(&mut rest);
        (group, later)
    }

    /// A number for each candidate, from 0.
    fn id(&self, (index, fix): Candidate) -> usize {
        self.first_ids[index] + fix
    }

    /// The ids of the candidates whose fixes overlap `candidate`'s.
    fn conflicting(&self, candidate: Candidate) -> impl Iterator<Item = usize> + '_ {
        let id = self.id(candidate);
        let first = self.conflicts.partition_point(|(one, _)| *one < id);
        self.conflicts[first..]
            .iter()
            .take_while(move |(one, _)| *one == id)
            .map(|(_, other)| *other)
    }

    /// The fixes of `set` that, applied together with `base` (whose fixes are kept), add no
    /// problem: the set is applied and analysed; while that adds a problem, the fixes it is
    /// blamed on are left out (or, when none is, the later half) and the rest analysed again.
    /// Once the analyses or bytes run out, the fixes still unsettled are left out.
    fn settle(&mut self, mut set: Vec<Candidate>, base: &[Candidate]) -> Vec<Candidate> {
        while !set.is_empty() {
            let applied: Vec<Candidate> = base.iter().chain(&set).copied().collect();
            let (fixed, placed) = crate::diagnostic::apply_fixes_placed(
                self.source,
                applied.iter().map(|&candidate| self.fix(candidate)),
            );
            if self.analyses == 0 || self.bytes < fixed.len().max(1) {
                self.analyses = 0;
                return Vec::new();
            }
            self.analyses -= 1;
            self.bytes -= fixed.len().max(1);
            let after = analyze_once(&fixed, self.context, &self.options, None)
                .0
                .diagnostics;
            let Some(added) = added_diagnostics(self.diagnostics, &applied, &after) else {
                if base.is_empty() {
                    let mut sorted = set.clone();
                    sort_pairs(&mut sorted);
                    self.passed.push(sorted);
                }
                return set;
            };
            let blamed = blamed_fixes(
                &added,
                self.diagnostics,
                &set,
                &placed[base.len()..],
                |candidate| self.fix(candidate),
            );
            if blamed.is_empty() {
                set.truncate(set.len() / 2);
            } else {
                set.retain(|candidate| blamed.binary_search(candidate).is_err());
            }
        }
        set
    }
}

/// Every pair of candidate fixes (by [`FixChecker::id`], both ways round, sorted) whose edits
/// overlap or replace the same place, unless both fixes make the same edits (two diagnostics
/// may offer one rename: applying it once fixes both). Fixes sharing only some edits overlap,
/// since applying both applies their union, which neither is alone.
fn conflicts(diagnostics: &[Diagnostic]) -> Vec<(usize, usize)> {
    let fixes: Vec<&crate::diagnostic::Fix> = diagnostics
        .iter()
        .flat_map(|diagnostic| &diagnostic.fixes)
        .collect();
    let edits: Vec<(usize, &crate::diagnostic::Edit)> = fixes
        .iter()
        .enumerate()
        .flat_map(|(id, fix)| fix.edits.iter().map(move |edit| (id, edit)))
        .collect();
    let mut order: Vec<(usize, usize)> = edits
        .iter()
        .enumerate()
        .map(|(position, (_, edit))| (edit.span.start, position))
        .collect();
    sort_pairs(&mut order);
    let mut pairs = Vec::new();
    for (at, &(_, position)) in order.iter().enumerate() {
        let (id, edit) = edits[position];
        // The edits starting before this one ends, or where it starts.
        for &(start, other) in &order[at + 1..] {
            if start >= edit.span.end && start != edit.span.start {
                break;
            }
            let (other_id, other_edit) = edits[other];
            let same_place = other_edit.span == edit.span;
            let crossing =
                other_edit.span.start < edit.span.end && edit.span.start < other_edit.span.end;
            if other_id != id
                && (same_place || crossing)
                && fixes[id].edits != fixes[other_id].edits
            {
                pairs.push((id, other_id));
                pairs.push((other_id, id));
            }
        }
    }
    sort_pairs(&mut pairs);
    pairs.dedup();
    pairs
}

/// 0 for the diagnostics whose fix corrects how something is written (a misspelt name, a
/// missing or repeated attribute), whose problems other rules' diagnostics may only follow
/// from; 1 for the rules' own.
fn fix_rank(code: Code) -> u8 {
    match code {
        Code::UnknownVariable
        | Code::UnknownAttribute
        | Code::MissingAttribute
        | Code::DuplicateAttribute
        | Code::SyntaxError => 0,
        _ => 1,
    }
}

/// The errors and warnings of `after` (the analysis of `source` with the `applied` fixes) that
/// `source`'s analysis does not explain, or `None` when it has no code more often than
/// `source` less the diagnostics the applied fixes remove. A problem is explained by one of
/// `source`'s that the fixes leave, with the same code and path.
fn added_diagnostics<'a>(
    before: &[Diagnostic],
    applied: &[Candidate],
    after: &'a [Diagnostic],
) -> Option<Vec<&'a Diagnostic>> {
    use crate::diagnostic::Severity;
    let mut fixed = vec![false; before.len()];
    for &(index, _) in applied {
        fixed[index] = true;
    }
    // How many of each code are left, less how many the fixed text has.
    let mut surplus = vec![0isize; Code::ALL.len()];
    for (index, diagnostic) in before.iter().enumerate() {
        if diagnostic.severity != Severity::Info && !fixed[index] {
            surplus[diagnostic.code as usize] += 1;
        }
    }
    for diagnostic in after.iter().filter(|d| d.severity != Severity::Info) {
        surplus[diagnostic.code as usize] -= 1;
    }
    if surplus.iter().all(|left| *left >= 0) {
        return None;
    }
    // A diagnostic is known by its code and path, or by its code alone without a path.
    let key = |diagnostic: &Diagnostic| {
        let path = diagnostic.path.as_deref().map_or(0, fingerprint);
        path.wrapping_mul(31).wrapping_add(diagnostic.code as usize)
    };
    let mut left: Vec<(usize, usize)> = before
        .iter()
        .enumerate()
        .filter(|(index, diagnostic)| diagnostic.severity != Severity::Info && !fixed[*index])
        .map(|(_, diagnostic)| (key(diagnostic), 0))
        .collect();
    sort_pairs(&mut left);
    let mut added = Vec::new();
    for diagnostic in after.iter().filter(|d| d.severity != Severity::Info) {
        let wanted = key(diagnostic);
        let first = left.partition_point(|(key, _)| *key < wanted);
        let unused = left[first..]
            .iter_mut()
            .take_while(|(key, _)| *key == wanted)
            .find(|(_, used)| *used == 0);
        match unused {
            Some((_, used)) => *used = 1,
            None => added.push(diagnostic),
        }
    }
    Some(added)
}

/// The fixes of `set` (whose edits are now at `placed`) that the `added` problems are blamed
/// on. A problem may come from a fix whose edits it is at or next to, or that is about the
/// nearest place in the configuration (the fixes whose diagnostic's path, or the name a rename
/// gives, shares the longest leading part with the problem's path); of those, only
/// the fixes of the highest [`fix_rank`] are blamed, so that a misspelling's correction is kept
/// over a rule's fix that only follows from the misspelling.
fn blamed_fixes<'a>(
    added: &[&Diagnostic],
    diagnostics: &[Diagnostic],
    set: &[Candidate],
    placed: &[Vec<Span>],
    fix: impl Fn(Candidate) -> &'a crate::diagnostic::Fix,
) -> Vec<Candidate> {
    // Every leading part of a path (`a`, `a.b`, `a.b[2]`...), longest first.
    let prefixes = |path: &str| -> Vec<usize> {
        let mut cuts: Vec<usize> = path
            .char_indices()
            .filter(|(_, c)| matches!(c, '.' | '['))
            .map(|(index, _)| index)
            .collect();
        cuts.push(path.len());
        cuts.into_iter()
            .rev()
            .filter(|&cut| cut > 0)
            .map(|cut| fingerprint(&path[..cut]))
            .collect()
    };
    // The paths each fix is about, and where its edits are.
    let mut by_path: Vec<(usize, usize)> = Vec::new();
    let mut by_place: Vec<(usize, usize)> = Vec::new();
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for (position, &candidate) in set.iter().enumerate() {
        let paths = diagnostics[candidate.0]
            .path
            .as_deref()
            .map(prefixes)
            .unwrap_or_default();
        let renames = fix(candidate)
            .edits
            .iter()
            .map(|edit| fingerprint(edit.new_text.trim_matches('"')));
        by_path.extend(
            paths
                .into_iter()
                .chain(renames)
                .map(|path| (path, position)),
        );
        for place in &placed[position] {
            by_place.push((place.start, ends.len()));
            ends.push((place.end, position));
        }
    }
    sort_pairs(&mut by_place);
    sort_pairs(&mut by_path);
    by_path.dedup();
    let with_path = |prefix: &usize| -> Option<Vec<usize>> {
        let first = by_path.partition_point(|(path, _)| path < prefix);
        let found: Vec<usize> = by_path[first..]
            .iter()
            .take_while(|(path, _)| path == prefix)
            .map(|(_, position)| *position)
            .collect();
        (!found.is_empty()).then_some(found)
    };
    let mut blamed = Vec::new();
    for problem in added {
        // The fixes about the nearest place in the configuration: those sharing the longest
        // leading part of the problem's path.
        let mut suspects: Vec<usize> = problem
            .path
            .as_deref()
            .map(prefixes)
            .unwrap_or_default()
            .iter()
            .find_map(with_path)
            .unwrap_or_default();
        if let Some(span) = &problem.span {
            // The edits starting at or before the problem's end; they do not overlap, so the
            // last few are the ones that can reach it.
            let reach = by_place.partition_point(|(start, _)| *start <= span.end);
            suspects.extend(
                by_place[..reach]
                    .iter()
                    .rev()
                    .take(4)
                    .map(|&(_, edit)| ends[edit])
                    .filter(|(end, _)| span.start <= *end)
                    .map(|(_, position)| position),
            );
        }
        let rank = |position: &usize| fix_rank(diagnostics[set[*position].0].code);
        let Some(highest) = suspects.iter().map(rank).max() else {
            continue;
        };
        blamed.extend(
            suspects
                .iter()
                .filter(|position| rank(position) == highest)
                .map(|position| set[*position]),
        );
    }
    sort_pairs(&mut blamed);
    blamed.dedup();
    blamed
}

/// `analyze` without the check of its fixes, with the checked deployment (for `diff`). Never
/// inlined: its two callers would each carry a copy in the browser's .wasm.
#[inline(never)]
fn analyze_once(
    source: &str,
    context: Context<'_>,
    options: &Options,
    fail_at_minute: Option<f64>,
) -> (Analysis, Option<Deployment>) {
    #[cfg(test)]
    ANALYSES.with(|analyses| analyses.set(analyses.get() + 1));
    let kind = options.input_kind(source);
    let mut diagnostics = Vec::new();
    let services = checked_services(source, context, kind, options, &mut diagnostics);
    let mut analyses = Vec::new();
    let mut first_deployment = None;
    let mut scope = None;
    for (index, service) in services.into_iter().enumerate() {
        let outcome = service.outcome;
        let assumptions = outcome.assumptions.under(&options.assumptions);
        let timeline = outcome.checked.deployment.as_ref().map(|deployment| {
            let mut timeline = timeline::build(deployment, &assumptions, fail_at_minute);
            timeline.notes.extend(outcome.notes.iter().cloned());
            timeline
        });
        if let Some(policy) = &options.policy {
            let service_scope = policy::scope(policy, &outcome.checked);
            diagnostics.extend(policy::check(
                policy,
                &service_scope,
                &outcome.checked,
                timeline.as_ref(),
            ));
            scope.get_or_insert(service_scope);
        }
        if index == 0 {
            first_deployment = outcome.checked.deployment;
        }
        analyses.push(ServiceAnalysis {
            name: service.name,
            span: service.span,
            strategy: outcome.checked.strategy,
            timeline,
        });
    }
    drop_misplaced_fixes(source, options, &mut diagnostics);
    let first = analyses.first();
    let mut analysis = finish(
        first.map(|service| service.strategy),
        diagnostics,
        first.and_then(|service| service.timeline.clone()),
        scope,
        options,
    );
    analysis.input = kind;
    analysis.services = analyses;
    (analysis, first_deployment)
}

/// One service of the source with the outcome of its checks.
struct CheckedService {
    name: String,
    span: Option<Span>,
    outcome: service::ServiceOutcome,
}

/// The one path every kind of source takes to its checked services, which the timeline, the
/// policy and `compare` then take alike: the Portkey module's `.tfvars` through `portkey` (its
/// one service, the gateway), every other source through `service::read` and ECS's rules on
/// each service it holds. Empty when nothing can be read; the diagnostics say why.
fn checked_services(
    source: &str,
    context: Context<'_>,
    kind: InputKind,
    options: &Options,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<CheckedService> {
    if let Some(too_large) = too_large(source) {
        diagnostics.push(too_large);
        return Vec::new();
    }
    if kind == InputKind::PortkeyTfvars {
        return portkey::check(source, options.format, diagnostics)
            .into_iter()
            .map(|outcome| CheckedService {
                name: portkey::SERVICE_NAME.to_owned(),
                span: None,
                outcome,
            })
            .collect();
    }
    let services = service::read(source, kind, context, diagnostics).unwrap_or_default();
    if !service::ANY_READER {
        // Nothing can have been read: the rules below stay out of such a build.
        return Vec::new();
    }
    services
        .into_iter()
        .map(|found| {
            let outcome = service::check(source, kind, &found, diagnostics);
            CheckedService {
                name: found.name,
                span: found.span,
                outcome,
            }
        })
        .collect()
}

/// `invalid-options`, for every entrance that takes options: nothing is checked with options
/// that [`Options::validate`] refuses.
pub(crate) fn invalid_options(error: &crate::options::OptionsError) -> Diagnostic {
    Diagnostic::new(
        Code::InvalidOptions,
        format!("the option {error}, so nothing was checked"),
    )
    .with_help("Correct the option; `Options::validate` says the same before analysing")
}

/// `input-too-large` when `source` is over [`MAX_INPUT_BYTES`].
pub(crate) fn too_large(source: &str) -> Option<Diagnostic> {
    (source.len() > MAX_INPUT_BYTES).then(|| {
        Diagnostic::new(
            Code::InputTooLarge,
            format!(
                "the input is {} bytes, over the limit of {} bytes (8 MiB)",
                source.len(),
                MAX_INPUT_BYTES
            ),
        )
        .with_help("Real tfvars files are a few kilobytes; check that this is the file you meant")
    })
}

/// Fixes are written in the syntax the text looks like (`read::detect_format`). When the caller
/// forces the other format (JSON-looking text read as HCL, say), their edits could land in the
/// wrong syntax and change nothing, so none are offered.
fn drop_misplaced_fixes(source: &str, options: &Options, diagnostics: &mut [Diagnostic]) {
    if options
        .format
        .is_some_and(|format| format != read::detect_format(source))
    {
        for diagnostic in diagnostics {
            diagnostic.fixes.clear();
        }
    }
}

/// The service in `source` under each of the four strategies.
///
/// The same service as the file describes (count, breaker, hooks, listeners); a value that
/// cannot be read or that ECS would refuse falls back to ECS's or the module's default, and the
/// comparison's notes say which.
pub fn compare(source: &str, options: &Options) -> Comparison {
    compare_services(source, Context::default(), options)
        .into_iter()
        .next()
        .map(|(_, comparison)| comparison)
        .unwrap_or_else(|| no_service_comparison(options))
}

/// [`compare`] for every service of `source` read in `context` (a Terraform module's other
/// files), in source order, each under its name (the Portkey module's one service is
/// [`PORTKEY_SERVICE`]); empty when the source defines no service that can be read.
pub fn compare_services(
    source: &str,
    context: Context<'_>,
    options: &Options,
) -> Vec<(String, Comparison)> {
    let kind = options.input_kind(source);
    let mut diagnostics = Vec::new();
    checked_services(source, context, kind, options, &mut diagnostics)
        .into_iter()
        .map(|service| {
            let outcome = service.outcome;
            let mut comparison = timeline::compare(
                &outcome.checked.compare_base,
                &outcome.assumptions.under(&options.assumptions),
            );
            comparison.notes = outcome.checked.fallbacks;
            (service.name, comparison)
        })
        .collect()
}

/// The comparison of a source with no service that can be read: one task, rolling, with the
/// breaker on (the Portkey module's defaults).
pub fn no_service_comparison(options: &Options) -> Comparison {
    let mut comparison = timeline::compare(
        &Deployment::module_default(),
        &Assumptions::resolve(&options.assumptions),
    );
    comparison.notes = vec![
        "the source defines no ECS service that can be read, so this comparison uses one task, rolling, with the breaker on".to_owned(),
    ];
    comparison
}

/// Applies severity overrides and sorts by position.
fn finish(
    strategy: Option<StrategyName>,
    diagnostics: Vec<Diagnostic>,
    timeline: Option<Timeline>,
    policy: Option<PolicyScope>,
    options: &Options,
) -> Analysis {
    let mut diagnostics: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter_map(|mut diagnostic| {
            if let Some(level) = options.rules.get(diagnostic.code.as_str()) {
                diagnostic.severity = level.severity()?;
            }
            Some(diagnostic)
        })
        .collect();
    diagnostics.sort_by_key(|d| match &d.span {
        Some(span) => (0, span.start, span.end),
        None => (1, 0, 0),
    });
    Analysis {
        strategy,
        diagnostics,
        timeline,
        policy,
        input: options.input.unwrap_or_default(),
        services: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many analyses `analyze` runs on `source`, the first one included.
    fn analyses_of(source: &str) -> (usize, Analysis) {
        ANALYSES.with(|analyses| analyses.set(0));
        let analysis = analyze(source, &Options::default());
        (ANALYSES.with(std::cell::Cell::get), analysis)
    }

    const PRODUCTION: &str = include_str!("../tests/fixtures/examples/production.tfvars");

    /// The example with its two fixable mistakes corrected (its capacity warning has no fix).
    fn corrected() -> String {
        PRODUCTION
            .replace("rollback = false", "rollback = true")
            .replace("\"PRE_TEST_TRAFFIC_SHIFT\"", "\"TEST_TRAFFIC_SHIFT\"")
    }

    fn fixes(analysis: &Analysis) -> usize {
        analysis
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.fixes.len())
            .sum()
    }

    /// Issue 23: 300 misspelt names (about 22 KB with the example before them) once cost one
    /// analysis per fix checked.
    #[test]
    fn three_hundred_misspelt_names_cost_a_bounded_number_of_analyses() {
        let mut source = corrected();
        for index in 1..=300 {
            source.push_str(&format!("gateway_lifecycle_hook_{index} = {{}}\n"));
        }
        let (count, analysis) = analyses_of(&source);
        assert!(count <= 1 + MAX_FIX_CHECK_ANALYSES, "{count} analyses");
        // Every name reads as the same variable, so none is renamed.
        let misspelt = analysis
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.code == Code::UnknownVariable)
            .count();
        assert_eq!(misspelt, 300);
        assert_eq!(fixes(&analysis), 0);
    }

    /// Many fixes that each hold alone and together are checked in one analysis of them all.
    #[test]
    fn many_independent_fixes_are_checked_together() {
        let mut source = corrected();
        let names = [
            (
                "tls_certificate_ar",
                "arn:aws:acm:eu-west-1:123456789012:certificate/x",
            ),
            ("environment_variables_file_pat", "env.json"),
            ("secrets_file_pth", "secrets.json"),
        ];
        for (name, value) in names {
            source.push_str(&format!("{name} = \"{value}\"\n"));
        }
        let (count, analysis) = analyses_of(&source);
        assert_eq!(fixes(&analysis), names.len(), "{:#?}", analysis.diagnostics);
        assert_eq!(count, 2);
    }

    /// Fixes that fight one another (every stage name misspelt as the same one, each fixable
    /// alone, repeated once renamed) are settled within the bound.
    #[test]
    fn fixes_that_fight_are_settled_within_the_bound() {
        let stages: Vec<String> = (0..300)
            .map(|index| format!("\"POST_TEST_TRAFFIC_SHIF{}\"", "T".repeat(index % 2)))
            .collect();
        let source = corrected().replace(
            "[\"TEST_TRAFFIC_SHIFT\", \"POST_TEST_TRAFFIC_SHIFT\"]",
            &format!("[{}]", stages.join(", ")),
        );
        assert_ne!(source, corrected());
        let (count, _) = analyses_of(&source);
        assert!(count <= 1 + MAX_FIX_CHECK_ANALYSES, "{count} analyses");
    }

    /// A file without fixes costs its one analysis.
    #[test]
    fn a_file_without_fixes_is_analysed_once() {
        let (count, analysis) = analyses_of(&corrected());
        assert_eq!(fixes(&analysis), 0, "{:#?}", analysis.diagnostics);
        assert_eq!(count, 1);
    }
}
