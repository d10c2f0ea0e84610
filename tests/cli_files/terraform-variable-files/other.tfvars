# Not read on its own: Terraform takes this file only with -var-file.
tasks = 99
