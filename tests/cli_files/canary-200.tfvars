create_lb = true

gateway_config = {
  desired_task_count = 2
  cpu                = 256
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}

gateway_deployment_configuration = {
  enable_blue_green = false
  canary_configuration = {
    canary_bake_time_in_minutes = 100
    canary_percent              = 200
  }
}
