locals {
  bake_minutes = "5"
}
