# Deployment strategies document, "Rolling Deployment (Default)", corrected.
# The document shows two alternatives in one block; a tfvars file may set a
# variable only once, so this keeps the explicit form.

gateway_deployment_configuration = {
  enable_blue_green    = false
  canary_configuration = null
  linear_configuration = null
}
