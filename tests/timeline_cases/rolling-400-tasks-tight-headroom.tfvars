# args: --assume minimumHealthyPercent=90 --assume maximumPercent=110
create_lb           = true
lb_type             = "application"
tls_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
gateway_config = {
  desired_task_count = 400
  cpu                = 512
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}
