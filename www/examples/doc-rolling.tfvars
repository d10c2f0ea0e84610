# Deployment strategies document, "Rolling Deployment (Default)", as written.
# Rolling deployment - default behavior when deployment_configuration is not set
# or when all strategy options are disabled/null

gateway_deployment_configuration = null

# Or explicitly with no strategies enabled:
gateway_deployment_configuration = {
  enable_blue_green    = false
  canary_configuration = null
  linear_configuration = null
}
