create_lb = true

gateway_config = {
  desired_task_count = 4
  cpu                = 256
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}

gateway_deployment_configuration = {
  enable_blue_green = false
  linear_configuration = {
    step_percent              = 20
    step_bake_time_in_minutes = 2.5
  }
}

gateway_deployment_circuit_breaker = {
  enable   = false
  rollback = false
}

gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["POST_TEST_TRAFFIC_SHIFT"]
}
