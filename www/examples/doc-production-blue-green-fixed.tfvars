# Deployment strategies document, "Production - Blue/Green with Lifecycle Hooks", corrected:
# the stage names are ECS's own (TEST_TRAFFIC_SHIFT, PRE_PRODUCTION_TRAFFIC_SHIFT). It also
# puts the gateway behind an Application Load Balancer with TLS (Service Connect alone would
# shift the traffic too; an ALB adds no delay to the shifts, the module's default NLB 10 minutes
# each). Its eight tasks at the peak (four old beside four new) need four of the module's
# default t4g.medium instances.
create_lb           = true
lb_type             = "application"
tls_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/example"
max_asg_size        = 4

gateway_config = {
  desired_task_count = 4
  cpu                = 1024
  memory             = 2048
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

gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["TEST_TRAFFIC_SHIFT", "PRE_PRODUCTION_TRAFFIC_SHIFT"]
}
