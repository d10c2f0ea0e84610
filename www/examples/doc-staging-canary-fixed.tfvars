# Deployment strategies document, "Staging - Canary with Quick Validation", corrected:
# enable_blue_green is a required attribute of the variable's type. It also sets two gateway
# tasks.
gateway_config = {
  desired_task_count = 2
  cpu                = 512
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}

gateway_deployment_configuration = {
  enable_blue_green = false
  canary_configuration = {
    canary_bake_time_in_minutes = 5
    canary_percent              = 10
  }
}

gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = true
}
