rollout      = { strategy = "CANARY" }
canary_share = 30
tasks        = 4
