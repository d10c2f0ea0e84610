create_lb = true

gateway_deployment_configuration = {
  enable_blue_green = false
  linear_configuration = {
    step_percent              = 25
    step_bake_time_in_minutes = null
  }
}

gateway_deployment_circuit_breaker = null
