# args: --fail-at 5
# Canary with the breaker on: the sources disagree on what the breaker covers (facts §5); this
# timeline follows the failure-detection guide (rolling and blue/green), so it shows no threshold
# for canary, says why in the notes, and the failure is left to an alarm (the module has none).
create_lb = true
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
    canary_percent              = 10
    canary_bake_time_in_minutes = 10
  }
}
