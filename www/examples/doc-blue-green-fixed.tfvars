# Deployment strategies document, "Blue/Green Deployment › Setup", with the module's load
# balancer. The setup is valid as written: the gateway always has Service Connect, through which
# ECS shifts the traffic. create_lb = true adds a load balancer and its test listener; with no
# lb_type it is a Network Load Balancer, behind which ECS adds 10 minutes to the test shift and
# to the production shift.
create_lb = true

gateway_deployment_configuration = {
  enable_blue_green = true
}
