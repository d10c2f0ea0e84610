// The package's Node.js entry (ES module): the same instance as the CommonJS entry.
import cjs from "./index.cjs";

export const { analyze, compare, diff, observed, initObserved, hover, completions, rules, schema, policySchema, runCli, version } = cjs;
export default cjs.default;
