// The Portkey module's own files, as users meet them (issue 20): read from
// ../shared/corpus/real/portkey/ beside the repository when it is there (never copied into it),
// through the package's analyze() and its npx command line. The files `terraform plan` accepts
// (the corpus README's table) get no error; the ones it refuses get at least one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyze } from "../index.mjs";
import { REPO, runBin } from "./helpers.mjs";

const CORPUS = join(REPO, "..", "shared", "corpus", "real", "portkey");
// Which files `terraform plan` accepts: the table the Rust and browser tests read too.
const { accepted: ACCEPTED, refused: REFUSED } = JSON.parse(readFileSync(join(REPO, "tests", "realworld-portkey.json"), "utf8"));
const skip = existsSync(CORPUS) ? false : `${CORPUS} does not exist (the real-file corpus sits beside the repository)`;

const errors = (analysis) => analysis.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);

for (const name of ACCEPTED) {
  test(`the module accepts ${name}, and so does the package`, { skip }, () => {
    const source = readFileSync(join(CORPUS, name), "utf8");
    const analysis = analyze(source);
    assert.deepEqual(errors(analysis), [], name);
    assert.ok(analysis.timeline, `${name} is drawn`);
    assert.ok(!analysis.diagnostics.some((d) => d.code === "load-balancer-required"), name);
    const cli = runBin(["check", join(CORPUS, name)]);
    assert.equal(cli.exitCode, 0, `${name}: npx ecs-rollout check exits 0\n${cli.stdout}${cli.stderr}`);
  });
}

for (const name of REFUSED) {
  test(`the module refuses ${name}, and the package says why`, { skip }, () => {
    const analysis = analyze(readFileSync(join(CORPUS, name), "utf8"));
    assert.ok(errors(analysis).length > 0, name);
    assert.equal(runBin(["check", join(CORPUS, name)]).exitCode, 1, name);
  });
}

test("the module's samples behind its default load balancer", { skip }, () => {
  // The samples deploy blue/green without a load balancer (Service Connect carries the traffic);
  // the same file with `create_lb = true` and no `lb_type` is behind the module's default Network
  // Load Balancer, and ECS's 10-minute delay on the test and production shifts shows.
  const source = readFileSync(join(CORPUS, "dev.tfvars"), "utf8");
  const plain = analyze(source).timeline;
  const behindNlb = analyze(source.replace(/^create_lb\s*=\s*false/m, "create_lb = true")).timeline;
  assert.equal(behindNlb.totalMinutes - plain.totalMinutes, 20);
  assert.deepEqual(
    behindNlb.stages.filter((stage) => stage.delayMinutes === 10).map((stage) => stage.stage),
    ["TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT"],
  );
  assert.equal(behindNlb.assumptions.nlbShiftDelayMinutes, 10);
  assert.equal(behindNlb.assumptions.loadBalancerType, "application");
  const noDelay = analyze(source.replace(/^create_lb\s*=\s*false/m, "create_lb = true"), {
    assumptions: { nlbShiftDelayMinutes: 0 },
  }).timeline;
  assert.equal(noDelay.totalMinutes, plain.totalMinutes);
});

test("a wrong loadBalancerType is a TypeError naming the option", () => {
  assert.throws(
    () => analyze("create_lb = true\n", { assumptions: { loadBalancerType: "gateway" } }),
    (error) => error instanceof TypeError && /assumptions\.loadBalancerType/.test(error.message),
  );
});
