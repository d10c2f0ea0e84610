# Deployment strategies document, "Production - Blue/Green with Lifecycle Hooks", as written.
gateway_deployment_configuration = {
  enable_blue_green = true
}

gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = true
}

gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["PRE_TEST_TRAFFIC_SHIFT", "PRE_PROD_TRAFFIC_SHIFT"]
}
