create_lb           = true
lb_type             = "application"
tls_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
gateway_config = {
  desired_task_count = 1
  cpu                = 512
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}
gateway_deployment_configuration = {
  enable_blue_green = false
  linear_configuration = {
    step_percent              = 20
    step_bake_time_in_minutes = 5
  }
}
