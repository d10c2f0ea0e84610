// DEV-ONLY MOCK of the `ecs-rollout/web` entry (contract section 2), used by `npm run dev:mock`
// and the `ECS_ROLLOUT_MOCK=1` builds until the real wasm package is on main. It is never part
// of a normal build: vite.config.js aliases it in only when that variable is set.
// It reads just enough of a .tfvars file with regular expressions to return contract-shaped
// values; the real analyzer is the source of truth for every rule and number.

export const version = "0.0.0-mock";

export default async function init() {}

const VARIABLES = {
  project_name: "Name prefix for every resource the module creates.",
  environment: "Environment name (dev, staging, prod); also selects policy overrides.",
  aws_region: "AWS region to deploy into.",
  environment_variables_file_path: "Path to a JSON file of environment variables for the services.",
  secrets_file_path: "Path to a JSON file of secrets for the services.",
  environment_variables: "Environment variables per service, instead of a file.",
  secrets: "Secrets per service, instead of a file.",
  create_new_vpc: "Create a new VPC (true) or deploy into an existing one (false).",
  vpc_cidr: "CIDR block of the new VPC.",
  num_az: "Number of availability zones to use.",
  single_nat_gateway: "Share one NAT gateway across all private subnets.",
  vpc_id: "Existing VPC to deploy into.",
  public_subnet_ids: "Public subnets of the existing VPC.",
  private_subnet_ids: "Private subnets of the existing VPC.",
  create_cluster: "Create a new ECS cluster and capacity provider.",
  cluster_name: "Existing ECS cluster name.",
  capacity_provider_name: "Existing capacity provider name.",
  instance_type: "EC2 instance type for the cluster.",
  max_asg_size: "Maximum size of the Auto Scaling group.",
  min_asg_size: "Minimum size of the Auto Scaling group.",
  desired_asg_size: "Desired size of the Auto Scaling group.",
  target_capacity: "Capacity ECS tries to maintain (0-100).",
  instance_refresh: "EC2 instance refresh settings.",
  gateway_image: "Gateway container image and tag.",
  data_service_image: "Data service container image and tag.",
  redis_image: "Redis container image and tag.",
  docker_cred_secret_arn: "Secrets Manager ARN of the Docker Hub credentials.",
  gateway_config: "Gateway service size: desired task count, CPU, memory and ports.",
  gateway_autoscaling: "Gateway service autoscaling.",
  gateway_deployment_configuration: "Deployment strategy of the gateway: blue/green, canary or linear; null means rolling.",
  gateway_deployment_circuit_breaker: "Stop (and optionally roll back) a deployment whose tasks keep failing.",
  gateway_lifecycle_hook: "Call the module's Lambda at the listed lifecycle stages.",
  dataservice_config: "Data service size and switch.",
  dataservice_autoscaling: "Data service autoscaling.",
  dataservice_deployment_circuit_breaker: "Circuit breaker of the data service.",
  redis_configuration: "Redis: built-in container or ElastiCache.",
  object_storage: "S3 buckets for logs, exports and fine-tuning.",
  gateway_task_role_policy_arns: "Extra IAM policies for the gateway task role.",
  data_service_task_role_policy_arns: "Extra IAM policies for the data service task role.",
  create_lb: "Create a load balancer; required by blue/green, canary and linear.",
  internal_lb: "Make the load balancer internal.",
  lb_type: "Load balancer type: application or network.",
  allowed_lb_cidrs: "CIDR ranges allowed to reach the load balancer.",
  tls_certificate_arn: "ACM certificate ARN; enables TLS listeners (443 / 8443).",
  enable_lb_access_logs: "Write load balancer access logs to S3.",
  lb_access_logs_bucket: "Bucket for load balancer access logs.",
  lb_access_logs_prefix: "Prefix for load balancer access logs.",
  server_mode: "What to run: gateway, mcp or all.",
  mcp_gateway_base_url: "Public base URL of the MCP gateway.",
  alb_routing_configuration: "Path- and host-based routing on the application load balancer.",
};

const ATTRIBUTES = {
  gateway_deployment_configuration: {
    enable_blue_green: "Switch all production traffic at once after testing on the test listener.",
    canary_configuration: "Shift canary_percent of traffic first, bake, then the rest.",
    linear_configuration: "Shift traffic in equal steps of step_percent with a bake between steps.",
  },
  gateway_deployment_circuit_breaker: {
    enable: "Stop the deployment when tasks keep failing.",
    rollback: "Roll back to the last completed deployment when the breaker trips.",
  },
  gateway_lifecycle_hook: {
    enable_lifecycle_hook: "Call the module's Lambda at the listed stages.",
    lifecycle_hook_stages: "ECS lifecycle stages that call the hook.",
  },
  gateway_config: {
    desired_task_count: "Number of gateway tasks.",
    cpu: "CPU units per task.",
    memory: "Memory per task, in MiB.",
    gateway_port: "Container port of the gateway.",
    mcp_port: "Container port of the MCP server.",
  },
};

const HOOKABLE = [
  "RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT",
  "PRE_PRODUCTION_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT",
];

const DEFAULTS = { scaleUpMinutes: 3, hookMinutes: 1, drainMinutes: 5, bakeTimeMinutes: 1, minimumHealthyPercent: 100, maximumPercent: 200 };

export function schema() {
  const properties = {};
  for (const [name, description] of Object.entries(VARIABLES)) {
    const attrs = ATTRIBUTES[name];
    properties[name] = attrs
      ? {
          description,
          anyOf: [
            {
              type: "object",
              properties: Object.fromEntries(Object.entries(attrs).map(([a, d]) => [a, { description: d }])),
            },
            { type: "null" },
          ],
        }
      : { description };
  }
  return { $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties };
}

export function rules() {
  return [
    ["syntax-error", "error", "Not valid HCL or JSON"],
    ["unknown-variable", "warning", "A name the module does not declare"],
    ["duplicate-variable", "error", "The same variable twice"],
    ["missing-attribute", "error", "An object lacks a required attribute"],
    ["load-balancer-required", "error", "An advanced strategy without create_lb = true"],
    ["canary-percent-out-of-range", "error", "canary_percent outside 0.1 to 100"],
    ["unknown-lifecycle-stage", "error", "Not an ECS lifecycle stage"],
    ["circuit-breaker-disabled", "warning", "The circuit breaker is off"],
  ].map(([code, defaultSeverity, summary]) => ({ code, defaultSeverity, summary }));
}

function positionAt(source, offset) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { offset, line, column: offset - lineStart + 1 };
}

function range(source, start, end) {
  return { start: positionAt(source, start), end: positionAt(source, end) };
}

/** Top-level `name = value` pairs with offsets, skipping strings and comments. */
function topLevel(source) {
  const out = [];
  let depth = 0;
  let i = 0;
  let current = null;
  while (i < source.length) {
    const ch = source[i];
    if (ch === "#" || (ch === "/" && source[i + 1] === "/")) {
      while (i < source.length && source[i] !== "\n") i++;
      continue;
    }
    if (ch === '"') {
      i++;
      while (i < source.length && source[i] !== '"' && source[i] !== "\n") i += source[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (ch === "{" || ch === "[" || ch === "(") depth++;
    if (ch === "}" || ch === "]" || ch === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && ch === "\n" && current) {
      current.valueEnd = i;
      current = null;
    }
    if (depth === 0 && (i === 0 || source[i - 1] === "\n")) {
      const m = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=(?!=)[ \t]*/.exec(source.slice(i, i + 200));
      if (m) {
        const nameStart = i + m[0].indexOf(m[1]);
        current = { name: m[1], nameStart, nameEnd: nameStart + m[1].length, valueStart: i + m[0].length, valueEnd: source.length };
        out.push(current);
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  return out;
}

function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function closest(word, candidates) {
  let best = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const dist = distance(word, c);
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return bestDistance <= Math.max(3, word.length / 3) ? best : null;
}

function attr(text, name) {
  const m = new RegExp(`(^|[\\s{,])${name}\\s*=\\s*("[^"]*"|[\\w.]+)`).exec(text);
  if (!m) return undefined;
  const raw = m[2];
  if (raw.startsWith('"')) return raw.slice(1, -1);
  if (raw === "true" || raw === "false") return raw === "true";
  if (raw === "null") return null;
  return Number(raw);
}

function block(text, name) {
  const m = new RegExp(`${name}\\s*=\\s*(\\{[^}]*\\}|null)`).exec(text);
  if (!m || m[1] === "null") return null;
  return m[1];
}

function readConfig(source, diagnostics) {
  const pairs = topLevel(source);
  const seen = new Map();
  const values = {};
  for (const p of pairs) {
    const text = source.slice(p.valueStart, p.valueEnd).replace(/(#|\/\/)[^\n]*/g, (c) => " ".repeat(c.length));
    if (seen.has(p.name)) {
      diagnostics.push({
        code: "duplicate-variable", severity: "error",
        message: `\`${p.name}\` is set twice; Terraform refuses the file`,
        path: p.name, range: range(source, p.nameStart, p.nameEnd),
        help: "Remove one of the two assignments", fixes: [],
      });
    }
    seen.set(p.name, p);
    values[p.name] = { ...p, text };
    if (!(p.name in VARIABLES)) {
      const suggestion = closest(p.name, Object.keys(VARIABLES));
      diagnostics.push({
        code: "unknown-variable", severity: "warning",
        message: `\`${p.name}\` is not a variable of the Portkey ECS module; Terraform ignores it with a warning`,
        path: p.name, range: range(source, p.nameStart, p.nameEnd),
        help: suggestion ? `Did you mean \`${suggestion}\`?` : "Remove it or check the module's variables",
        fixes: suggestion ? [{ title: `Rename to \`${suggestion}\``, edits: [{ range: range(source, p.nameStart, p.nameEnd), newText: suggestion }] }] : [],
      });
    }
  }
  return values;
}

function stageFix(stage) {
  if (stage === "PRE_PROD_TRAFFIC_SHIFT") return "PRE_PRODUCTION_TRAFFIC_SHIFT";
  if (stage.startsWith("PRE_") && HOOKABLE.includes(stage.slice(4))) return stage.slice(4);
  return closest(stage, HOOKABLE);
}

export function analyze(source, options = {}) {
  if (typeof source !== "string") throw new TypeError("analyze: `source` must be a string");
  const diagnostics = [];
  if ((source.match(/\{/g) || []).length !== (source.match(/\}/g) || []).length) {
    const at = source.length;
    diagnostics.push({
      code: "syntax-error", severity: "error", message: "Unbalanced braces: a `{` is never closed",
      path: null, range: range(source, at, at), help: "Close every object with `}`", fixes: [],
    });
    return { strategy: null, diagnostics, timeline: null };
  }
  const values = readConfig(source, diagnostics);
  const deployment = values.gateway_deployment_configuration;
  let strategy = "ROLLING";
  let canary = null;
  let linear = null;
  if (deployment && deployment.text.trim() !== "null") {
    const text = deployment.text;
    if (attr(text, "enable_blue_green") === undefined) {
      diagnostics.push({
        code: "missing-attribute", severity: "error",
        message: "`gateway_deployment_configuration` has no `enable_blue_green`; the variable's type requires it and `terraform plan` fails",
        path: "gateway_deployment_configuration", range: range(source, deployment.valueStart, deployment.valueStart + 1),
        help: "Add `enable_blue_green = false`",
        fixes: [{ title: "Add `enable_blue_green = false`", edits: [{ range: range(source, deployment.valueStart + 1, deployment.valueStart + 1), newText: "\n  enable_blue_green = false" }] }],
      });
    }
    const canaryText = block(text, "canary_configuration");
    const linearText = block(text, "linear_configuration");
    if (canaryText) {
      canary = { percent: attr(canaryText, "canary_percent") ?? 5, bake: attr(canaryText, "canary_bake_time_in_minutes") ?? 10 };
      if (!(canary.percent >= 0.1 && canary.percent <= 100)) {
        const at = deployment.valueStart + text.indexOf("canary_percent");
        const valueAt = source.indexOf(String(canary.percent), at);
        diagnostics.push({
          code: "canary-percent-out-of-range", severity: "error",
          message: `\`canary_percent = ${canary.percent}\` is outside ECS's valid range of 0.1 to 100`,
          path: "gateway_deployment_configuration.canary_configuration.canary_percent",
          range: range(source, valueAt, valueAt + String(canary.percent).length),
          help: "Use a share such as 10", fixes: [],
        });
        canary = null;
      }
    }
    if (linearText) linear = { step: attr(linearText, "step_percent") ?? 10, bake: attr(linearText, "step_bake_time_in_minutes") ?? 6 };
    if (attr(text, "enable_blue_green") === true) strategy = "BLUE_GREEN";
    else if (linear) strategy = "LINEAR";
    else if (canary) strategy = "CANARY";
  }
  const createLb = values.create_lb ? /true/.test(values.create_lb.text) : false;
  if (strategy !== "ROLLING" && !createLb) {
    const at = values.create_lb ?? deployment;
    diagnostics.push({
      code: "load-balancer-required", severity: "error",
      message: `${strategy} needs a load balancer, but \`create_lb\` is not true`,
      path: "create_lb", range: range(source, at.valueStart, at.valueEnd),
      help: "Set `create_lb = true`",
      fixes: values.create_lb ? [{ title: "Set `create_lb = true`", edits: [{ range: range(source, at.valueStart, at.valueStart + values.create_lb.text.trim().length), newText: "true" }] }] : [],
    });
  }
  const breaker = values.gateway_deployment_circuit_breaker;
  const breakerOn = breaker ? attr(breaker.text, "enable") !== false : true;
  if (breaker && !breakerOn) {
    diagnostics.push({
      code: "circuit-breaker-disabled", severity: "warning",
      message: "The deployment circuit breaker is off", path: "gateway_deployment_circuit_breaker.enable",
      range: range(source, breaker.valueStart, breaker.valueEnd), help: "Turn it on with rollback in production", fixes: [],
    });
  }
  const hooks = new Set();
  const hook = values.gateway_lifecycle_hook;
  if (hook) {
    const on = attr(hook.text, "enable_lifecycle_hook") === true;
    const list = /lifecycle_hook_stages\s*=\s*\[([^\]]*)\]/.exec(hook.text);
    if (list) {
      const listStart = hook.valueStart + list.index + list[0].indexOf("[") + 1;
      for (const m of list[1].matchAll(/"([^"]*)"/g)) {
        const start = listStart + m.index + 1;
        const stage = m[1];
        if (!HOOKABLE.includes(stage)) {
          const fix = stageFix(stage);
          diagnostics.push({
            code: "unknown-lifecycle-stage", severity: "error",
            message: `\`${stage}\` is not an ECS lifecycle stage`,
            path: `gateway_lifecycle_hook.lifecycle_hook_stages`, range: range(source, start, start + stage.length),
            help: fix ? `Did you mean \`${fix}\`?` : "Use one of the ECS stage names",
            fixes: fix ? [{ title: `Replace with \`${fix}\``, edits: [{ range: range(source, start, start + stage.length), newText: fix }] }] : [],
          });
        } else if (on) hooks.add(stage);
      }
    }
  }
  diagnostics.sort((a, b) => (a.range?.start.offset ?? Infinity) - (b.range?.start.offset ?? Infinity));
  const desiredCount = values.gateway_config ? attr(values.gateway_config.text, "desired_task_count") ?? 1 : 1;
  const tls = values.tls_certificate_arn ? !/^\s*""/.test(values.tls_certificate_arn.text) : false;
  const network = values.lb_type ? /network/.test(values.lb_type.text) : true;
  const service = { strategy, canary, linear, desiredCount, breakerOn, hooks, createLb, tls, network };
  const timeline = simulate(service, options);
  return { strategy, diagnostics, timeline };
}

function simulate(service, options) {
  const a = { ...DEFAULTS, ...(options.assumptions ?? {}) };
  const n = Math.max(1, Math.round(service.desiredCount));
  const phases = [];
  const stages = [];
  const traffic = [{ minute: 0, greenPercent: 0 }];
  let t = 0;
  const stage = (name, step) => {
    const hooked = service.hooks.has(name);
    stages.push({ stage: name, minute: t, hooked, ...(step ? { step } : {}) });
    if (hooked) t += a.hookMinutes;
  };
  const phase = (name, start, greenPercent, blueTasks, greenTasks, step) => {
    if (t > start) phases.push({ name, startMinute: start, endMinute: t, greenPercent, blueTasks, greenTasks, ...(step ? { step } : {}) });
  };
  if (service.strategy === "ROLLING") {
    const maxRunning = Math.floor((n * a.maximumPercent) / 100);
    const minHealthy = Math.ceil((n * a.minimumHealthyPercent) / 100);
    const wave = Math.max(1, Math.min(n, maxRunning - n + (n - minHealthy)));
    let blue = n;
    let green = 0;
    let step = 0;
    while (green < n) {
      step++;
      const start = t;
      const adding = Math.min(wave, n - green);
      t += a.scaleUpMinutes;
      phase("ROLLING_WAVE", start, Math.round((green / n) * 1000) / 10, blue, green + adding, step);
      green += adding;
      blue = Math.max(0, n - green);
      const pct = Math.round((green / (green + Math.min(n, blue + adding))) * 1000) / 10;
      if (pct !== traffic.at(-1).greenPercent) traffic.push({ minute: t, greenPercent: pct });
      const drainStart = t;
      t += a.drainMinutes;
      phase("ROLLING_WAVE", drainStart, pct, blue + adding, green, step);
      if (blue === 0) traffic.push({ minute: t, greenPercent: 100 });
    }
  } else {
    const shifts = service.strategy === "BLUE_GREEN" ? [100]
      : service.strategy === "CANARY" ? [service.canary.percent, 100]
      : Array.from({ length: Math.ceil(100 / service.linear.step) }, (_, k) => Math.min(100, Math.round((k + 1) * service.linear.step * 10) / 10));
    const bake = service.strategy === "CANARY" ? service.canary.bake : service.strategy === "LINEAR" ? service.linear.bake : 0;
    let start = t;
    stage("PRE_SCALE_UP");
    stages.push({ stage: "SCALE_UP", minute: t, hooked: false });
    t += a.scaleUpMinutes;
    stage("POST_SCALE_UP");
    phase("SCALE_UP", start, 0, n, n);
    start = t;
    stage("TEST_TRAFFIC_SHIFT");
    stage("POST_TEST_TRAFFIC_SHIFT");
    phase("TEST_TRAFFIC", start, 0, n, n);
    shifts.forEach((pct, k) => {
      const step = k + 1;
      start = t;
      stage("PRE_PRODUCTION_TRAFFIC_SHIFT", step);
      stages.push({ stage: "PRODUCTION_TRAFFIC_SHIFT", minute: t, hooked: service.hooks.has("PRODUCTION_TRAFFIC_SHIFT"), step });
      if (service.hooks.has("PRODUCTION_TRAFFIC_SHIFT")) t += a.hookMinutes;
      traffic.push({ minute: t, greenPercent: pct });
      if (k < shifts.length - 1) {
        t += bake;
        phase(service.strategy === "CANARY" ? "CANARY_BAKE" : "STEP_BAKE", start, pct, n, n, service.strategy === "LINEAR" ? step : undefined);
      } else start = t;
    });
    stage("POST_PRODUCTION_TRAFFIC_SHIFT");
    stages.push({ stage: "BAKE_TIME", minute: t, hooked: false });
    t += a.bakeTimeMinutes;
    phase("BAKE_TIME", start, 100, n, n);
    start = t;
    stages.push({ stage: "CLEAN_UP", minute: t, hooked: false });
    t += a.drainMinutes;
    phase("CLEAN_UP", start, 100, 0, n);
  }
  let totalMinutes = t;
  let rollback = null;
  const fail = options.failAtMinute;
  if (typeof fail === "number" && fail >= 0 && fail < totalMinutes) {
    const greenAt = traffic.filter((s) => s.minute <= fail).at(-1).greenPercent;
    const trigger = service.hooks.size ? "lifecycle-hook" : service.breakerOn && ["ROLLING", "BLUE_GREEN"].includes(service.strategy) ? "circuit-breaker" : "alarm";
    const restoredMinute = fail + 1;
    rollback = { atMinute: fail, greenPercentAtFailure: greenAt, restoredMinute, trigger };
    const kept = phases.filter((p) => p.startMinute < fail).map((p) => ({ ...p, endMinute: Math.min(p.endMinute, fail) }));
    phases.length = 0;
    phases.push(...kept, { name: "ROLLBACK", startMinute: fail, endMinute: restoredMinute + a.drainMinutes, greenPercent: 0, blueTasks: n, greenTasks: 0 });
    const keptTraffic = traffic.filter((s) => s.minute <= fail);
    traffic.length = 0;
    traffic.push(...keptTraffic);
    if (greenAt !== 0) traffic.push({ minute: restoredMinute, greenPercent: 0 });
    const keptStages = stages.filter((s) => s.minute <= fail);
    stages.length = 0;
    stages.push(...keptStages);
    totalMinutes = restoredMinute + a.drainMinutes;
  }
  const peakTasks = Math.max(...phases.map((p) => p.blueTasks + p.greenTasks));
  const threshold = service.breakerOn ? Math.min(200, Math.max(3, Math.ceil(n / 2))) : null;
  const listeners = service.createLb
    ? {
        production: { port: service.tls ? 443 : 80, protocol: service.network ? (service.tls ? "TLS" : "TCP") : service.tls ? "HTTPS" : "HTTP" },
        test: service.strategy === "ROLLING" ? null : { port: service.tls ? 8443 : 8080, protocol: service.network ? (service.tls ? "TLS" : "TCP") : service.tls ? "HTTPS" : "HTTP" },
      }
    : null;
  return {
    strategy: service.strategy, totalMinutes, desiredCount: n, peakTasks, circuitBreakerThreshold: threshold, listeners,
    trafficSteps: traffic, phases, stages, assumptions: a, rollback,
  };
}

export function compare(source, options = {}) {
  const base = analyze(source, options).timeline;
  const desired = base?.desiredCount ?? 1;
  const hookMatch = /lifecycle_hook_stages\s*=\s*\[[^\]]*\]/.exec(source);
  const rows = ["ROLLING", "BLUE_GREEN", "CANARY", "LINEAR"].map((strategy) => {
    const deployment = strategy === "ROLLING" ? "null"
      : strategy === "BLUE_GREEN" ? "{ enable_blue_green = true }"
      : strategy === "CANARY" ? "{ enable_blue_green = false\n canary_configuration = { canary_percent = 5, canary_bake_time_in_minutes = 10 } }"
      : "{ enable_blue_green = false\n linear_configuration = { step_percent = 10, step_bake_time_in_minutes = 6 } }";
    const synthetic = `create_lb = true\ngateway_config = { desired_task_count = ${desired} }\ngateway_deployment_configuration = ${deployment}\n` +
      (hookMatch ? `gateway_lifecycle_hook = { enable_lifecycle_hook = true\n ${hookMatch[0]} }\n` : "");
    const t = analyze(synthetic, { assumptions: options.assumptions }).timeline;
    const first = t.trafficSteps.find((s) => s.greenPercent > 0);
    const full = t.trafficSteps.find((s) => s.greenPercent === 100);
    return { strategy, totalMinutes: t.totalMinutes, peakTasks: t.peakTasks, firstExposurePercent: first?.greenPercent ?? 0, minutesToFullTraffic: full?.minute ?? t.totalMinutes };
  });
  return { rows };
}
