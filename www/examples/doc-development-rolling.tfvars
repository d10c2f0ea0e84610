# Deployment strategies document, "Development - Simple Rolling", as written.
gateway_deployment_configuration = null

gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = true
}
