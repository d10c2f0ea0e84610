# Deployment strategies document, "Rolling Deployment (Default)", as written.

gateway_deployment_configuration = null

gateway_deployment_configuration = {
  enable_blue_green    = false
  canary_configuration = null
  linear_configuration = null
}
