# Facts §9: a rolling deployment with the module's 100% / 200% behind a load balancer first gives
# the new version about 50% (4 new healthy tasks beside 4 draining old ones), so a 25% cap fails.
create_new_vpc         = true
vpc_cidr               = "10.0.0.0/16"
docker_cred_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:docker"
object_storage = {
  log_store_bucket = "logs"
  bucket_region    = "us-east-1"
}
create_lb = true
lb_type   = "application"
gateway_config = {
  desired_task_count = 4
  cpu                = 256
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}
