# Deployment strategies document, "Example: 25% Steps with 10-minute Bake Time", as written.
gateway_deployment_configuration = {
  linear_configuration = {
    step_bake_time_in_minutes = 10
    step_percent              = 25
  }
}
