# A service whose strategy and canary share are variables; the module directory's variable
# files set them, in Terraform's order: terraform.tfvars, then the *.auto.tfvars files by name.
resource "aws_ecs_service" "web" {
  name          = "web"
  desired_count = var.tasks

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  deployment_configuration {
    strategy = var.rollout.strategy

    canary_configuration {
      canary_percent              = var.canary_share
      canary_bake_time_in_minutes = 15
    }

    lifecycle_hook {
      hook_target_arn  = aws_lambda_function.check.arn
      role_arn         = aws_iam_role.hooks.arn
      lifecycle_stages = ["POST_TEST_TRAFFIC_SHIFT"]
    }
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.web.arn
    container_name   = "web"
    container_port   = 80
  }
}
