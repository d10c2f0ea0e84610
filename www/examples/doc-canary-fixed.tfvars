# Deployment strategies document, "Canary Deployment › Setup", behind an Application Load
# Balancer. The setup is valid as written (Service Connect shifts the traffic); this adds the
# module's load balancer as an ALB: the module's default, a Network Load Balancer, adds 10 minutes
# to each traffic shift, and the ECS guide's versions disagree on whether canary works behind one.
create_lb = true
lb_type   = "application"

gateway_deployment_configuration = {
  enable_blue_green = false
  canary_configuration = {
    canary_bake_time_in_minutes = 10
    canary_percent              = 10
  }
}
