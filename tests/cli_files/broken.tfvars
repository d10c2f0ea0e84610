gateway_config = {
  desired_task_count = 2
