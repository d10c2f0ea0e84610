# Strategies document, "Blue/Green Deployment › Setup": its one setting, with the default of
# `create_lb` written out. Valid: Service Connect shifts the gateway's traffic (facts §10).
create_lb                        = false
gateway_deployment_configuration = { enable_blue_green = true }
