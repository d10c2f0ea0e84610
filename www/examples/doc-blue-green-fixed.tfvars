# Deployment strategies document, "Blue/Green Deployment › Setup", corrected:
# blue/green needs the module's load balancer (create_lb = true).
create_lb = true

gateway_deployment_configuration = {
  enable_blue_green = true
}
