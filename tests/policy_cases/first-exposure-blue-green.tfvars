create_new_vpc         = true
vpc_cidr               = "10.0.0.0/16"
docker_cred_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:docker"
object_storage = {
  log_store_bucket = "logs"
  bucket_region    = "us-east-1"
}
create_lb = true
lb_type   = "application"
environment = "prod"
gateway_deployment_configuration = {
  enable_blue_green = true
}
