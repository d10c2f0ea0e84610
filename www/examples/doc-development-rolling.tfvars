# Strategies document, "Development - Simple Rolling": the breaker on with rollback, and no
# deployment configuration, which the module deploys as rolling.
gateway_deployment_circuit_breaker = { rollback = true, enable = true }
gateway_deployment_configuration   = null
