canary_share = 20
