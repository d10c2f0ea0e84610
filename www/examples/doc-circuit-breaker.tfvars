# Deployment strategies document, "Deployment Circuit Breaker › Setup", as written.
# It is correct as written: circuit breaker on, with rollback.
gateway_deployment_circuit_breaker = {
  enable   = true   # Enable circuit breaker
  rollback = true   # Auto-rollback on failure
}
