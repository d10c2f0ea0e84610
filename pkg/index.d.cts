// Types for `require("ecs-rollout")`: the same API as index.d.ts (generated from the Rust types,
// the one source of them), seen from CommonJS.
import type * as Api from "./index.js" with { "resolution-mode": "import" };

declare const ecsRollout: {
  analyze: typeof Api.analyze;
  compare: typeof Api.compare;
  diff: typeof Api.diff;
  observed: typeof Api.observed;
  initObserved: typeof Api.initObserved;
  rules: typeof Api.rules;
  schema: typeof Api.schema;
  policySchema: typeof Api.policySchema;
  runCli: typeof Api.runCli;
  version: string;
  default: typeof Api.default;
};

declare namespace ecsRollout {
  export type StrategyName = Api.StrategyName;
  export type Severity = Api.Severity;
  export type RuleLevel = Api.RuleLevel;
  export type Assumptions = Api.Assumptions;
  export type AssumptionOverrides = Api.AssumptionOverrides;
  export type Policy = Api.Policy;
  export type Options = Api.Options;
  export type Position = Api.Position;
  export type Range = Api.Range;
  export type Edit = Api.Edit;
  export type Fix = Api.Fix;
  export type Diagnostic = Api.Diagnostic;
  export type Listener = Api.Listener;
  export type TrafficStep = Api.TrafficStep;
  export type PhaseName = Api.PhaseName;
  export type Phase = Api.Phase;
  export type StageEvent = Api.StageEvent;
  export type Rollback = Api.Rollback;
  export type Timeline = Api.Timeline;
  export type Analysis = Api.Analysis;
  export type ComparisonRow = Api.ComparisonRow;
  export type Comparison = Api.Comparison;
  export type RolloutSummary = Api.RolloutSummary;
  export type RolloutChange = Api.RolloutChange;
  export type RolloutDiff = Api.RolloutDiff;
  export type RuleInfo = Api.RuleInfo;
  export type Observed = Api.Observed;
  export type ObservedDeployment = Api.ObservedDeployment;
  export type Calibrated = Api.Calibrated;
  export type CliOutput = Api.CliOutput;
}

export = ecsRollout;
