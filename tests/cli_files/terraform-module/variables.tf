variable "cluster_id" {
  type = string
}

variable "desired_count" {
  type    = number
  default = 6
}

variable "step_percent" {
  type    = number
  default = 20
}
