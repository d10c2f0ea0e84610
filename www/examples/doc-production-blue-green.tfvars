# Strategies document, "Production - Blue/Green with Lifecycle Hooks": its hook uses the
# document's PRE_TEST_TRAFFIC_SHIFT and PRE_PROD_TRAFFIC_SHIFT, neither an ECS stage (facts §1).
gateway_lifecycle_hook = {
  lifecycle_hook_stages = ["PRE_TEST_TRAFFIC_SHIFT", "PRE_PROD_TRAFFIC_SHIFT"]
  enable_lifecycle_hook = true
}
gateway_deployment_circuit_breaker = { rollback = true, enable = true }
gateway_deployment_configuration   = { enable_blue_green = true }
