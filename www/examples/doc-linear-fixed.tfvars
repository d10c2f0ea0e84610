# Deployment strategies document, "Linear Deployment › Setup", corrected:
# linear needs the module's load balancer (create_lb = true).
create_lb = true

gateway_deployment_configuration = {
  enable_blue_green = false
  linear_configuration = {
    step_bake_time_in_minutes = 5
    step_percent              = 20
  }
}

gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = true
}
