# Deployment strategies document, "Linear Deployment › Setup", as written.
gateway_deployment_configuration = {
  enable_blue_green = false
  linear_configuration = {
    step_bake_time_in_minutes = 5
    step_percent              = 20
  }
}
