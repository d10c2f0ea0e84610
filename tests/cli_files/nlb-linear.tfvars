# Five steps of 20 % behind the default Network Load Balancer: six traffic-shift stage runs
# (one test shift, five production shifts), each 10 minutes longer.
create_new_vpc = true
vpc_cidr = "10.0.0.0/16"
docker_cred_secret_arn = "arn:aws:secretsmanager:eu-west-1:210987654321:secret:registry"
object_storage = {
  log_store_bucket = "gateway-logs"
  bucket_region    = "eu-west-1"
}
create_lb = true
gateway_deployment_configuration = {
  enable_blue_green = false
  linear_configuration = {
    step_percent              = 20
    step_bake_time_in_minutes = 5
  }
}
gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["PRE_PRODUCTION_TRAFFIC_SHIFT"]
}
