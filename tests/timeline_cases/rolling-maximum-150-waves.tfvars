# args: --assume maximumPercent=150
# With a smaller maximum percent the same happens in waves, and the new share steps up wave by
# wave: new healthy / all serving (facts §9, §4 "Rolling").
create_lb           = true
lb_type             = "application"
gateway_config = {
  desired_task_count = 4
  cpu                = 512
  memory             = 1024
  gateway_port       = 8787
  mcp_port           = 8788
}
