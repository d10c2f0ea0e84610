# Deployment strategies document, "Linear Deployment › Setup", behind an Application Load
# Balancer and with the circuit breaker on. The setup is valid as written (Service Connect
# shifts the traffic); an ALB rather than the module's default Network Load Balancer, which adds
# 10 minutes to each of the five shifts and whose support for linear the ECS guide disputes.
create_lb = true
lb_type   = "application"

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
