# Deployment strategies document, "Example: 25% Steps with 10-minute Bake Time", corrected:
# enable_blue_green is a required attribute of the variable's type.
gateway_deployment_configuration = {
  enable_blue_green = false
  linear_configuration = {
    step_bake_time_in_minutes = 10
    step_percent              = 25
  }
}
