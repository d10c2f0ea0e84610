# Deployment strategies document, "Blue/Green Deployment › Setup", as written.
gateway_deployment_configuration = {
  enable_blue_green = true
}
