project_name = "portkey-gateway"
environment  = "prod"
create_lb    = true

gateway_config = {
  desired_task_count = 4
  cpu                = 256
  memory             = 1024
}

gateway_deployment_configuration = {
  enable_blue_green = false
  canary_configuration = {
    canary_bake_time_in_minutes = 10
    canary_percent              = 20
  }
}

gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = true
}

gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["PRE_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT"]
}
