# Strategies document, "Staging - Canary with Quick Validation": a 10% canary baking 5 minutes,
# without the `enable_blue_green` the variable's type requires (facts §1).
gateway_deployment_circuit_breaker = { rollback = true, enable = true }
gateway_deployment_configuration = {
  canary_configuration = { canary_percent = 10, canary_bake_time_in_minutes = 5 }
}
