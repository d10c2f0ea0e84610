# Configuration through initializationOptions and workspace/didChangeConfiguration.
{"id":1,"method":"initialize","params":{"capabilities":{},"initializationOptions":{"rules":{"unknown-variable":"error"}}}}
{"method":"initialized","params":{}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/canary.tfvars","languageId":"terraform-vars","version":1,"text":"@file:docs/canary.tfvars"}}}
# Nested under the server's name, as editors' settings often are: a policy that wants linear
# and a 10-minute bake, and the typo turned off. Every open document is published again.
{"method":"workspace/didChangeConfiguration","params":{"settings":{"ecs-rollout":{"rules":{"unknown-variable":"off"},"policy":{"allowedStrategies":["LINEAR"],"minBakeMinutes":10},"assumptions":{"hookMinutes":5}}}}}
# Refused whole, naming the field; the previous settings stay.
{"method":"workspace/didChangeConfiguration","params":{"settings":{"rules":{"no-such-rule":"off"}}}}
{"method":"workspace/didChangeConfiguration","params":{"settings":{"policy":{"minBakeMinutes":"ten"}}}}
{"method":"workspace/didChangeConfiguration","params":{"settings":{"colour":"red"}}}
{"method":"workspace/didChangeConfiguration","params":{"settings":[1,2]}}
# null: back to the defaults.
{"method":"workspace/didChangeConfiguration","params":{"settings":null}}
{"id":2,"method":"shutdown"}
{"method":"exit"}
