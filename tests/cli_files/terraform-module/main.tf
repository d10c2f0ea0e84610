# A module's service whose settings come from variables.tf and locals.tf, in the shape of the
# AWS provider's resource "aws_ecs_service" documentation
# (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ecs_service).
resource "aws_ecs_service" "api" {
  name            = "api"
  cluster         = var.cluster_id
  task_definition = aws_ecs_task_definition.api.arn
  desired_count   = var.desired_count

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  deployment_configuration {
    strategy             = "LINEAR"
    bake_time_in_minutes = local.bake_minutes

    linear_configuration {
      step_percent              = var.step_percent
      step_bake_time_in_minutes = 3
    }

    lifecycle_hook {
      hook_target_arn  = aws_lambda_function.smoke.arn
      role_arn         = aws_iam_role.hooks.arn
      lifecycle_stages = ["POST_TEST_TRAFFIC_SHIFT"]
    }
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.blue.arn
    container_name   = "api"
    container_port   = 8080
  }
}
