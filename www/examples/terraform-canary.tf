# An aws_ecs_service with a canary deployment, in the shape of the AWS provider's documentation:
# https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_service
# (deployment_configuration with strategy, bake_time_in_minutes, canary_configuration and
# lifecycle_hook; load_balancer with advanced_configuration; deployment_circuit_breaker).

resource "aws_ecs_service" "gateway" {
  name            = "portkey-gateway"
  cluster         = aws_ecs_cluster.main.id
  task_definition = aws_ecs_task_definition.gateway.arn
  desired_count   = 4

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  deployment_configuration {
    strategy             = "CANARY"
    bake_time_in_minutes = "10"

    canary_configuration {
      canary_percent              = 10
      canary_bake_time_in_minutes = 5
    }

    lifecycle_hook {
      hook_target_arn  = aws_lambda_function.smoke_test.arn
      role_arn         = aws_iam_role.ecs_hooks.arn
      lifecycle_stages = ["POST_TEST_TRAFFIC_SHIFT"]
    }
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.blue.arn
    container_name   = "gateway"
    container_port   = 8787

    advanced_configuration {
      alternate_target_group_arn = aws_lb_target_group.green.arn
      production_listener_rule   = aws_lb_listener_rule.production.arn
      test_listener_rule         = aws_lb_listener_rule.test.arn
      role_arn                   = aws_iam_role.ecs_load_balancers.arn
    }
  }
}
