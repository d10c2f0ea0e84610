# Before: blue/green behind an Application Load Balancer.
create_new_vpc = true
vpc_cidr = "10.0.0.0/16"
docker_cred_secret_arn = "arn:aws:secretsmanager:eu-west-1:210987654321:secret:registry"
object_storage = {
  log_store_bucket = "gateway-logs"
  bucket_region    = "eu-west-1"
}
create_lb = true
lb_type   = "application"
gateway_deployment_configuration = {
  enable_blue_green = true
}
