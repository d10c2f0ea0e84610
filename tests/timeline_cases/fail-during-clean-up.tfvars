# args: --fail-at 4
# A failure during CLEAN_UP (3.5 to 4.5 here). ECS documents rollback during the deployment bake
# time, not once clean-up has begun; the old tasks are still draining, so this timeline assumes
# production moves back to them at once (an assumption, stated in the timeline's notes).
create_lb           = true
lb_type             = "application"
tls_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
gateway_config = {
  desired_task_count = 2
  cpu                = 512
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}
gateway_deployment_configuration = {
  enable_blue_green = true
}
gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = true
}
