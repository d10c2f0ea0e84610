# Configuration through initializationOptions and workspace/didChangeConfiguration.
{"id":1,"method":"initialize","params":{"capabilities":{},"initializationOptions":{"rules":{"unknown-variable":"error"}}}}
{"method":"initialized","params":{}}
{"method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///work/canary.tfvars","languageId":"terraform-vars","version":1,"text":"@file:docs/canary.tfvars"}}}
# Nested under the server's name beside another tool's section, as editors' settings often are:
# a policy that wants linear and a 10-minute bake, and the typo turned off. Every open document
# is published again.
{"method":"workspace/didChangeConfiguration","params":{"settings":{"terraform":{"x":1},"ecs-rollout":{"rules":{"unknown-variable":"off"},"policy":{"allowedStrategies":["LINEAR"],"minBakeMinutes":10},"assumptions":{"hookMinutes":5}}}}}
# A field left out keeps its value: only the policy changes (allowing canary again).
{"method":"workspace/didChangeConfiguration","params":{"settings":{"policy":{"minBakeMinutes":10}}}}
# Refused whole, naming the field; the current settings stay.
{"method":"workspace/didChangeConfiguration","params":{"settings":{"rules":{"no-such-rule":"off"}}}}
{"method":"workspace/didChangeConfiguration","params":{"settings":{"policy":{"minBakeMinutes":"ten"}}}}
{"method":"workspace/didChangeConfiguration","params":{"settings":{"colour":"red"}}}
{"method":"workspace/didChangeConfiguration","params":{"settings":{"rules":{"unknown-variable":"loud"}}}}
{"method":"workspace/didChangeConfiguration","params":{"settings":[1,2]}}
# Empty and null settings change nothing, and publish the same again.
{"method":"workspace/didChangeConfiguration","params":{"settings":{}}}
{"method":"workspace/didChangeConfiguration","params":{"settings":null}}
# A field set to null goes back to its default: the initial `error` for the typo is gone too.
{"method":"workspace/didChangeConfiguration","params":{"settings":{"rules":null,"policy":null,"assumptions":null}}}
{"id":2,"method":"shutdown"}
{"method":"exit"}
