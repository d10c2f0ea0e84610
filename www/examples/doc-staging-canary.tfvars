# Deployment strategies document, "Staging - Canary with Quick Validation", as written.
gateway_deployment_configuration = {
  canary_configuration = {
    canary_bake_time_in_minutes = 5
    canary_percent              = 10
  }
}

gateway_deployment_circuit_breaker = {
  enable   = true
  rollback = true
}
