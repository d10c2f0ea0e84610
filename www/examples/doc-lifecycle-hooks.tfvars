# Deployment strategies document, "Lifecycle Hooks › Setup", as written.
gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["RECONCILE_SERVICE", "PRE_SCALE_UP", "PRE_TEST_TRAFFIC_SHIFT"]
}
