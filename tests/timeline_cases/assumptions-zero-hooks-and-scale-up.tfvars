# args: --assume scaleUpMinutes=0 --assume hookMinutes=0 --assume bakeTimeMinutes=0
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
  enable_blue_green = false
  linear_configuration = {
    step_percent              = 20
    step_bake_time_in_minutes = 3
  }
}
gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["PRE_PRODUCTION_TRAFFIC_SHIFT"]
}
