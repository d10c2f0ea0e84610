# args: --fail-at 600
# A failure minute past the end simulates nothing, and a note says so (issue 12, point 7).
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
