# A canary gateway with one mistake: a misspelt variable that Terraform would drop silently.
project_name = "portkey-gateway"
environment  = "prod"
aws_region   = "eu-west-1"

create_new_vpc = true
vpc_cidr       = "10.20.0.0/16"

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

create_lb = true
lb_type   = "application"

gateway_deployment_configuration = {
  enable_blue_green = false
  canary_configuration = {
    canary_percent              = 10
    canary_bake_time_in_minutes = 5
  }
}

gateway_deployment_circut_breaker = {
  enable   = true
  rollback = true
}

gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["POST_TEST_TRAFFIC_SHIFT"]
}

# Eight tasks at the canary's peak (four old beside four new) need four t4g.medium instances.
max_asg_size = 4
