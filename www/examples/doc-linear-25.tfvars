# Strategies document, "Example: 25% Steps with 10-minute Bake Time": the linear block alone,
# without the `enable_blue_green` the variable's type requires (facts §1).
gateway_deployment_configuration = {
  linear_configuration = { step_percent = 25, step_bake_time_in_minutes = 10 }
}
