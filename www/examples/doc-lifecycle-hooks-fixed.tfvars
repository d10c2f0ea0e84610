# Deployment strategies document, "Lifecycle Hooks › Setup", corrected:
# PRE_TEST_TRAFFIC_SHIFT is not an ECS stage (TEST_TRAFFIC_SHIFT runs before
# test traffic moves), and ECS documents hooks only for blue/green, canary and
# linear, so this pairs them with blue/green, here behind the module's load balancer (a Network
# Load Balancer by default, which adds 10 minutes to each traffic shift).
create_lb = true

gateway_deployment_configuration = {
  enable_blue_green = true
}

gateway_lifecycle_hook = {
  enable_lifecycle_hook = true
  lifecycle_hook_stages = ["RECONCILE_SERVICE", "PRE_SCALE_UP", "TEST_TRAFFIC_SHIFT"]
}
