create_lb = true

gateway_config = {
  desired_task_count = 4
  cpu                = 256
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}

gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = false
}
