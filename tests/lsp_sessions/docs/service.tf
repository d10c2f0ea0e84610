resource "aws_ecs_service" "web" {
  name = "web"
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
  deployment_configuration {
    strategy = "LINEAR"
    linear_configuration {
      step_percent = 10

    }
  }
}
