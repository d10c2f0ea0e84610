# Strategies document, "Rolling Deployment (Default)", corrected: the document sets the variable
# twice in one block, which Terraform refuses; this keeps its explicit form, every advanced
# strategy off.
gateway_deployment_configuration = {
  linear_configuration = null
  canary_configuration = null
  enable_blue_green    = false
}
