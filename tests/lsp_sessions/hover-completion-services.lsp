# Hover docs and completion in a CloudFormation template, a Terraform aws_ecs_service and an ECS
# API request, from the service schema the checks read (src/service/schema.rs).
{"id":1,"method":"initialize","params":{"capabilities":{}}}
{"method":"initialized","params":{}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/service.yaml","languageId":"yaml","version":1,"text":"@file:docs/service.yaml"}}}
# A property (line 7, Type of DeploymentController): its values.
{"id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/service.yaml"},"position":{"line":6,"character":9}}}
# A nested one (CanaryPercent) and a newer hook setting (TargetType, after a list item's dash).
{"id":3,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/service.yaml"},"position":{"line":10,"character":12}}}
{"id":4,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/service.yaml"},"position":{"line":13,"character":14}}}
# A stage name in the hook's list.
{"id":5,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/service.yaml"},"position":{"line":12,"character":30}}}
# Completion in DeploymentConfiguration, on its last (indented, empty) line.
{"id":6,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///work/service.yaml"},"position":{"line":14,"character":8}}}
# Terraform: a block, an argument the provider places on the resource, and completion in
# linear_configuration.
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/service.tf","languageId":"terraform","version":1,"text":"@file:docs/service.tf"}}}
{"id":7,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/service.tf"},"position":{"line":6,"character":5}}}
{"id":8,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/service.tf"},"position":{"line":4,"character":5}}}
{"id":9,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///work/service.tf"},"position":{"line":10,"character":6}}}
# The ECS API: a camelCase key, and completion of keys (quoted) in deploymentConfiguration.
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/create-service.json","languageId":"json","version":1,"text":"@file:docs/create-service.json"}}}
{"id":10,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/create-service.json"},"position":{"line":4,"character":35}}}
{"id":11,"method":"textDocument/completion","params":{"textDocument":{"uri":"file:///work/create-service.json"},"position":{"line":5,"character":4}}}
{"id":12,"method":"shutdown"}
{"method":"exit"}
