# args: --fail-at 3
# rollback = false: "the failed deployment just stops" (facts §5, ECS docs "deployment circuit
# breaker"), so the timeline ends at the failure with the split as it was (50% during the drain,
# facts §9) and never claims traffic returned to 0%.
create_lb           = true
lb_type             = "application"
gateway_config = {
  desired_task_count = 4
  cpu                = 512
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}
gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = false
}
