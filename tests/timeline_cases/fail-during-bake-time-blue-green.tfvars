# args: --fail-at 3
# A failure during BAKE_TIME (2.5 to 3.5 here): both revisions run during the bake (facts §4), so
# production moves back to the old tasks at once; the breaker detects it, following the ECS
# failure-detection guide over the API reference (facts §5, stated in the notes).
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
