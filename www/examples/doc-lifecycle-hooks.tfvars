# Strategies document, "Lifecycle Hooks › Setup": the stages it lists, one of which
# (PRE_TEST_TRAFFIC_SHIFT) is not an ECS stage (facts §1).
gateway_lifecycle_hook = {
  lifecycle_hook_stages = [
    "RECONCILE_SERVICE",
    "PRE_SCALE_UP",
    "PRE_TEST_TRAFFIC_SHIFT",
  ]
  enable_lifecycle_hook = true
}
