create_new_vpc = true
vpc_cidr = "10.0.0.0/16"
docker_cred_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:docker"
object_storage = {
  log_store_bucket = "logs"
  bucket_region    = "us-east-1"
}
create_lb = true
gateway_deployment_configuration = {
  enable_blue_green = true
}
gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = [for s in ["PRE_SCALE_UP", "SCALE_UP"] : s]
}
