create_new_vpc = true
vpc_cidr = "10.0.0.0/16"
docker_cred_secret_arn = var.docker_secret
object_storage = {
  log_store_bucket = "logs"
  bucket_region    = "us-east-1"
}
