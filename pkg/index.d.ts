// Types of the ecs-rollout package (contract section 2). Written by hand and pinned by
// test/types.test.mjs, which type-checks real outputs of analyze/compare against them.

export type StrategyName = "ROLLING" | "BLUE_GREEN" | "CANARY" | "LINEAR";
export type Severity = "error" | "warning" | "info";
export type RuleLevel = "off" | "info" | "warning" | "error";

export interface Assumptions {
  /** Minutes for new tasks to start and pass health checks. */
  scaleUpMinutes?: number;
  /** Minutes each hooked lifecycle stage takes. */
  hookMinutes?: number;
  /** Minutes old tasks drain during CLEAN_UP. */
  drainMinutes?: number;
  /** Deployment-level bake time; the module sends 1. */
  bakeTimeMinutes?: number;
  /** Rolling only; the module sends 100. */
  minimumHealthyPercent?: number;
  /** Rolling only; the module sends 200. */
  maximumPercent?: number;
  /** Gateway tasks at deploy time; default the file's desired_task_count (autoscaling may differ). */
  desiredCount?: number;
}

export interface Policy {
  allowedStrategies?: StrategyName[];
  requireCircuitBreakerRollback?: boolean;
  /** Share of production the new version may get at its first shift. */
  maxFirstExposurePercent?: number;
  /** Every canary / step bake at least this long. */
  minBakeMinutes?: number;
  /** Whole deployment at most this long, under the given assumptions. */
  maxTotalMinutes?: number;
  requiredLifecycleStages?: string[];
  /** Keyed by the file's `environment` value, merged over the top level. */
  environments?: Record<string, Omit<Policy, "environments">>;
}

export interface Options {
  /** Default: detect (JSON when the first non-blank character is "{"). */
  format?: "hcl" | "json";
  assumptions?: Assumptions;
  /** Simulate a failure detected at that minute: the timeline shows the rollback. */
  failAtMinute?: number;
  /** Change any code's severity, or silence it. */
  rules?: Record<string, RuleLevel>;
  policy?: Policy;
}

export interface Position {
  /** UTF-16 code units from the start of `source`: a JS string index. */
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface Edit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: Edit[];
}

export interface Diagnostic {
  /** Stable kebab-case code; `rules()` lists them all. */
  code: string;
  severity: Severity;
  /** One sentence, naming the offending value. */
  message: string;
  /** Such as "gateway_deployment_configuration.canary_configuration.canary_percent". */
  path: string | null;
  /** The smallest span that shows the problem. */
  range: Range | null;
  help: string | null;
  fixes: Fix[];
  /** Other places that explain it, such as the first of two duplicates (beyond the contract). */
  related: { range: Range; message: string }[];
}

export interface Listener {
  port: number;
  protocol: "HTTP" | "HTTPS" | "TCP" | "TLS";
}

export interface TrafficStep {
  minute: number;
  greenPercent: number;
}

export type PhaseName =
  | "SCALE_UP"
  | "TEST_TRAFFIC"
  | "CANARY_BAKE"
  | "STEP_BAKE"
  | "BAKE_TIME"
  | "CLEAN_UP"
  | "ROLLING_WAVE"
  | "ROLLBACK";

export interface Phase {
  name: PhaseName;
  startMinute: number;
  endMinute: number;
  /** Production share on the new version during the phase. */
  greenPercent: number;
  blueTasks: number;
  greenTasks: number;
  /** 1-based, for STEP_BAKE and ROLLING_WAVE. */
  step?: number;
  /** How many rolling waves this phase stands for, when a large service's waves were merged. */
  waves?: number;
}

export interface StageEvent {
  /** An ECS lifecycle stage name. */
  stage: string;
  minute: number;
  /** The configured lifecycle hook is called here. */
  hooked: boolean;
  /** For PRE_PRODUCTION_TRAFFIC_SHIFT / PRODUCTION_TRAFFIC_SHIFT, which repeat per shift. */
  step?: number;
  /** Present (true) on the stages ECS runs again while rolling back. */
  rollback?: true;
}

export interface Rollback {
  /** Failure detected. */
  atMinute: number;
  greenPercentAtFailure: number;
  /** Production back at 0% green; null when the failed deployment stops where it is (circuit breaker with rollback = false). */
  restoredMinute: number | null;
  trigger: "circuit-breaker" | "lifecycle-hook" | "alarm";
}

export interface Timeline {
  strategy: StrategyName;
  totalMinutes: number;
  /** gateway_config.desired_task_count */
  desiredCount: number;
  /** Most tasks running at once, both versions. */
  peakTasks: number;
  /** Failed tasks that stop the deployment; null when the breaker is off. */
  circuitBreakerThreshold: number | null;
  /** null without a load balancer. */
  listeners: { production: Listener; test: Listener | null } | null;
  /** Starts { minute: 0, greenPercent: 0 }, one point per change. */
  trafficSteps: TrafficStep[];
  /** Contiguous, in time order, covering 0 .. totalMinutes. */
  phases: Phase[];
  /** Every lifecycle stage the deployment passes, in order. */
  stages: StageEvent[];
  /** The values used. */
  assumptions: Required<Assumptions>;
  /** Present when failAtMinute falls inside the deployment. */
  rollback: Rollback | null;
  /** What the timeline assumed where the sources are silent or disagree, in plain sentences. */
  notes: string[];
}

export interface Analysis {
  /** What the module would actually deploy; null only when nothing could be read. */
  strategy: StrategyName | null;
  /** Sorted by position; diagnostics without a range last. */
  diagnostics: Diagnostic[];
  /** null only when the deployment settings cannot be read or are outside ECS's valid values. */
  timeline: Timeline | null;
}

export interface ComparisonRow {
  strategy: StrategyName;
  totalMinutes: number;
  peakTasks: number;
  /** Share of production on the new version at its first shift. */
  firstExposurePercent: number;
  minutesToFullTraffic: number;
  /** How many times production traffic moves. */
  productionShifts: number;
  /** Minutes during which production is split between the two versions. */
  mixedTrafficMinutes: number;
  /** Task-minutes spent beyond the desired count while both versions run. */
  extraTaskMinutes: number;
  /** Whether a test listener lets the new version be tried before production moves. */
  testListener: boolean;
  /** What would detect a failure and roll back, for this strategy and configuration. */
  rollbackTriggers: Rollback["trigger"][];
}

export interface Comparison {
  /** One row per strategy: ROLLING, BLUE_GREEN, CANARY, LINEAR. */
  rows: ComparisonRow[];
  /** gateway_config.desired_task_count of the compared service. */
  desiredCount: number;
  /** The values used. */
  assumptions: Required<Assumptions>;
  /** The file's values that could not be used and what stands in for them; absent when none. */
  notes?: string[];
}

export interface RuleInfo {
  code: string;
  defaultSeverity: Severity;
  summary: string;
}

export interface CliOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Checks `source` (.tfvars or .tfvars.json text) and simulates its rollout. Throws a TypeError only on misuse. */
export function analyze(source: string, options?: Options): Analysis;
/** The same service under each of the four strategies. */
export function compare(source: string, options?: Options): Comparison;
/** Every diagnostic code with its default severity and a one-line summary. */
export function rules(): RuleInfo[];
/** JSON Schema (draft 2020-12) for the module's .tfvars.json. */
export function schema(): object;
/** JSON Schema (draft 2020-12) for `options.policy` and the CLI's `--policy` files. */
export function policySchema(): object;
/** The command line as a function (the npm `bin` uses it); `readFile` returns a file's text or throws. */
export function runCli(argv: string[], readFile: (path: string) => string, color: boolean): CliOutput;
/** The package version. */
export const version: string;
/** Nothing to do in Node.js (the module is ready on import); present so browser-style code runs unchanged. */
export default function init(): Promise<void>;
