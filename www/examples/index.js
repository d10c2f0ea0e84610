// The Examples menu: every configuration of the deployment strategies document as written and
// corrected (or, where it was right, behind the module's load balancer), the module's sample tfvars, and one service each as Terraform, a CloudFormation
// template and ECS API JSON (see ORIGIN.md). The first entry is the default example, opened on a
// first visit and whenever a share link cannot be read.

const files = import.meta.glob(["./*.tfvars", "./*.tf", "./*.yaml", "./*.json"], { query: "?raw", import: "default", eager: true });

const entries = [
  ["doc-linear-fixed", "Linear, 20% steps, behind an ALB", "Strategies document, with a load balancer"],
  ["doc-blue-green-fixed", "Blue/green behind the default NLB", "Strategies document, with a load balancer"],
  ["doc-canary-fixed", "Canary behind an ALB", "Strategies document, with a load balancer"],
  ["doc-rolling-fixed", "Rolling (corrected)", "Strategies document, corrected"],
  ["doc-linear-25-fixed", "Linear, 25% steps (corrected)", "Strategies document, corrected"],
  ["doc-lifecycle-hooks-fixed", "Lifecycle hooks (corrected)", "Strategies document, corrected"],
  ["doc-production-blue-green-fixed", "Production blue/green with hooks (corrected)", "Strategies document, corrected"],
  ["doc-staging-canary-fixed", "Staging canary (corrected)", "Strategies document, corrected"],
  ["doc-rolling", "Rolling (default)", "Strategies document, as written"],
  ["doc-blue-green", "Blue/green setup", "Strategies document, as written"],
  ["doc-canary", "Canary setup", "Strategies document, as written"],
  ["doc-linear", "Linear setup", "Strategies document, as written"],
  ["doc-linear-25", "Linear, 25% steps", "Strategies document, as written"],
  ["doc-circuit-breaker", "Circuit breaker", "Strategies document, as written"],
  ["doc-lifecycle-hooks", "Lifecycle hooks", "Strategies document, as written"],
  ["doc-production-blue-green", "Production blue/green with hooks", "Strategies document, as written"],
  ["doc-staging-canary", "Staging canary", "Strategies document, as written"],
  ["doc-development-rolling", "Development rolling", "Strategies document, as written"],
  ["portkey-sample-dev", "Full file: development (blue/green over Service Connect)", "Full tfvars files"],
  ["portkey-sample-prod", "Full file: production (autoscaling, data service)", "Full tfvars files"],
  ["terraform-canary.tf", "Terraform aws_ecs_service, canary", "Other sources"],
  ["cloudformation-two-services.yaml", "CloudFormation, two services", "Other sources"],
  ["ecs-api-describe-services.json", "ECS API describe-services, canary", "Other sources"],
];

/** A file name without an extension is a `.tfvars` file; the id is the name without its extension. */
function fileOf(name) {
  return /\.(tf|yaml|json)$/.test(name) ? name : `${name}.tfvars`;
}

/**
 * `excerpt`: the strategies document's examples are excerpts of a file (its deployment
 * settings only), so the playground opens them with the excerpt switch on; the full files and
 * the other sources are whole documents.
 * @type {{ id: string, title: string, group: string, source: string, file: string, excerpt: boolean }[]}
 */
export const examples = entries.map(([name, title, group]) => {
  const file = fileOf(name);
  const source = files[`./${file}`];
  if (typeof source !== "string") throw new Error(`example file ${file} is missing`);
  return { id: name.replace(/\.(tf|yaml|json)$/, ""), title, group, source, file, excerpt: group.startsWith("Strategies document") };
});

export const defaultExample = examples[0];
