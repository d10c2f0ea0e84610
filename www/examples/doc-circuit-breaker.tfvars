# Deployment strategies document, "Deployment Circuit Breaker › Setup", as written.
gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = true
}
