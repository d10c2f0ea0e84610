// ECS lifecycle stage names with one-line docs (ECS API `DeploymentLifecycleHook`, in the order
// a deployment passes them), for completion and hover in the editor.

export const HOOKABLE_STAGES = [
  ["RECONCILE_SERVICE", "Before the deployment starts, when more than one revision is active."],
  ["PRE_SCALE_UP", "Before the new (green) tasks start."],
  ["POST_SCALE_UP", "After the new tasks are running and healthy."],
  ["TEST_TRAFFIC_SHIFT", "Test traffic moves to the new tasks through the test listener."],
  ["POST_TEST_TRAFFIC_SHIFT", "After test traffic reaches the new tasks."],
  ["PRE_PRODUCTION_TRAFFIC_SHIFT", "Before each production traffic shift (once per shift)."],
  ["PRODUCTION_TRAFFIC_SHIFT", "Production traffic moves to the new tasks (once per shift)."],
  ["POST_PRODUCTION_TRAFFIC_SHIFT", "After all production traffic is on the new tasks."],
];

export const UNHOOKABLE_STAGES = [
  ["SCALE_UP", "New tasks start; cannot carry a hook."],
  ["BAKE_TIME", "Both versions run after the last shift; cannot carry a hook."],
  ["CLEAN_UP", "Old tasks stop; cannot carry a hook."],
];

export const STAGE_DOCS = new Map([...HOOKABLE_STAGES, ...UNHOOKABLE_STAGES]);
