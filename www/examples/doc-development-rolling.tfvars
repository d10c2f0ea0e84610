# Deployment strategies document, "Development - Simple Rolling", as written.
# It is correct as written: rolling, circuit breaker on, with rollback.
gateway_deployment_configuration = null

gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = true
}
