# Deployment strategies document, "Canary Deployment › Setup", as written.
gateway_deployment_configuration = {
  enable_blue_green = false
  canary_configuration = {
    canary_bake_time_in_minutes = 10
    canary_percent              = 10
  }
}
