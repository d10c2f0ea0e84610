# Größe: 🚀 café
project_name = "gätëwäy 🚀" ; environment = "prod"
gateway_deployment_configuration = { canary_configuration = { canary_percent = 150, canary_bake_time_in_minutes = 5 } }
