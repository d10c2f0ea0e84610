# A production gateway moving to blue/green with a validation hook.
# It carries three mistakes that `terraform plan` would not all catch.

project_name = "portkey-gateway"
environment  = "prod"
aws_region   = "eu-west-1"

create_new_vpc         = true
vpc_cidr               = "10.20.0.0/16"
docker_cred_secret_arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:docker-hub"

object_storage = {
  log_store_bucket = "acme-portkey-logs"
  bucket_region    = "eu-west-1"
}

gateway_config = {
  desired_task_count = 4
  cpu                = 1024
  memory             = 2048
  gateway_port       = 8787
  mcp_port           = 8788
}

lb_type = "application"

gateway_deployment_configuration = {
  enable_blue_green = true
}

gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = false
}

gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["PRE_TEST_TRAFFIC_SHIFT", "POST_TEST_TRAFFIC_SHIFT"]
}
