# Rolling with the module's 100% / 200% behind a load balancer (facts §9): 4 new tasks start beside
# the 4 old (0%), they pass health checks and the old ones are deregistered and drain (about 50%
# on the new version), and the share reaches 100% when the drain ends.
create_lb           = true
lb_type             = "application"
gateway_config = {
  desired_task_count = 4
  cpu                = 512
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}
