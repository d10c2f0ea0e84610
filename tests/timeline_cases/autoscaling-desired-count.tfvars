# args: --assume desiredCount=6
# With gateway_autoscaling on, desired_count is in the module's lifecycle ignore_changes and the
# autoscaler owns the running count (facts §8; module modules/ecs-service/main.tf, autoscaling.tf),
# so the count at deploy time lies between 2 and 8: the desiredCount assumption picks 6, and the
# notes say which count was used.
create_lb = true
gateway_config = {
  desired_task_count = 2
  cpu                = 256
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}
gateway_autoscaling = {
  enable_autoscaling        = true
  autoscaling_min_capacity  = 2
  autoscaling_max_capacity  = 8
  target_cpu_utilization    = 70
  target_memory_utilization = 70
  scale_in_cooldown         = 120
  scale_out_cooldown        = 60
}
gateway_deployment_configuration = {
  enable_blue_green = true
}
