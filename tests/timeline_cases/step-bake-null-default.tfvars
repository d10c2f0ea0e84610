# step_bake_time_in_minutes = null takes the inner module's default of 100 minutes (facts §7,
# module modules/ecs-service/variables.tf): a timeline with 100-minute step bakes.
create_lb = true
gateway_deployment_configuration = {
  enable_blue_green = false
  linear_configuration = {
    step_percent              = 50
    step_bake_time_in_minutes = null
  }
}
