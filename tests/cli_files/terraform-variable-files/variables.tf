variable "tasks" {
  type    = number
  default = 2
}

variable "rollout" {
  type    = object({ strategy = string })
  default = { strategy = "ROLLING" }
}

variable "canary_share" {
  type    = number
  default = 50
}
