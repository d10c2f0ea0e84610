# After: the same behind a Network Load Balancer; ECS adds 10 minutes to the test shift and
# to the production shift (facts §10), so the rollout gets 20 minutes longer.
create_new_vpc = true
vpc_cidr = "10.0.0.0/16"
docker_cred_secret_arn = "arn:aws:secretsmanager:eu-west-1:210987654321:secret:registry"
object_storage = {
  log_store_bucket = "gateway-logs"
  bucket_region    = "eu-west-1"
}
create_lb = true
lb_type   = "network"
gateway_deployment_configuration = {
  enable_blue_green = true
}
