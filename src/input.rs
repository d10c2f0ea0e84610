//! The kinds of source an ECS service's deployment can be written in (contract section 7), and
//! how the kind is detected from the text when the caller does not name it.

use serde::{Deserialize, Serialize};

/// The kind of source `analyze` reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// A Portkey Gateway module `.tfvars` or `.tfvars.json` file.
    #[default]
    PortkeyTfvars,
    /// `resource "aws_ecs_service"` blocks of Terraform `.tf` files.
    Terraform,
    /// `AWS::ECS::Service` resources of a CloudFormation template, JSON or YAML.
    Cloudformation,
    /// The JSON of the ECS API: `describe-services` output or `create-service` input.
    EcsApi,
    /// `describe-service-deployments` output (`serviceDeployments[]`), optionally with
    /// `describe-services` output beside it (contract section 10).
    EcsDeploymentRecord,
}

impl InputKind {
    pub const ALL: [InputKind; 5] = [
        InputKind::PortkeyTfvars,
        InputKind::Terraform,
        InputKind::Cloudformation,
        InputKind::EcsApi,
        InputKind::EcsDeploymentRecord,
    ];

    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::PortkeyTfvars => "portkey-tfvars",
            InputKind::Terraform => "terraform",
            InputKind::Cloudformation => "cloudformation",
            InputKind::EcsApi => "ecs-api",
            InputKind::EcsDeploymentRecord => "ecs-deployment-record",
        }
    }

    pub fn from_name(name: &str) -> Option<InputKind> {
        InputKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }

    /// What a person calls it.
    pub fn title(self) -> &'static str {
        match self {
            InputKind::PortkeyTfvars => "Portkey module tfvars",
            InputKind::Terraform => "Terraform aws_ecs_service",
            InputKind::Cloudformation => "CloudFormation template",
            InputKind::EcsApi => "ECS API JSON",
            InputKind::EcsDeploymentRecord => "ECS deployment record",
        }
    }
}

/// The kind of `source` (contract sections 7 and 10): JSON with a `Resources` object is
/// CloudFormation; JSON with a `serviceDeployments` array is an ECS deployment record;
/// JSON with a `services` array, a top-level `deploymentConfiguration` or another key of
/// `create-service` input ([`ECS_API_KEYS`]) is the ECS API; YAML
/// with `Resources:` or `AWSTemplateFormatVersion:` at the start of a line is CloudFormation;
/// HCL with a `resource` block is Terraform; anything else is a Portkey tfvars file.
///
/// Detection looks at top-level keys only, with a scan that never fails: it must answer for
/// half-typed text too.
pub fn detect(source: &str) -> InputKind {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    if body.trim_start().starts_with('{') {
        let keys = top_level_json_keys(body);
        if keys
            .iter()
            .any(|(key, opens)| key == "Resources" && *opens == '{')
        {
            return InputKind::Cloudformation;
        }
        // Contract section 10: `describe-service-deployments` output, with or without
        // `describe-services` output in the same object.
        if keys
            .iter()
            .any(|(key, opens)| key == "serviceDeployments" && *opens == '[')
        {
            return InputKind::EcsDeploymentRecord;
        }
        if keys.iter().any(|(key, opens)| {
            (key == "services" && *opens == '[')
                || (key == "deploymentConfiguration" && *opens == '{')
                || ECS_API_KEYS.contains(&key.as_str())
        }) {
            return InputKind::EcsApi;
        }
        return InputKind::PortkeyTfvars;
    }
    let lines = || body.lines().map(|line| line.trim_end_matches('\r'));
    if lines()
        .any(|line| line.starts_with("Resources:") || line.starts_with("AWSTemplateFormatVersion:"))
    {
        return InputKind::Cloudformation;
    }
    if lines().any(is_resource_block_start) {
        return InputKind::Terraform;
    }
    InputKind::PortkeyTfvars
}

/// Top-level keys of `create-service` and `update-service` input that no Portkey variable has
/// (the module's are snake_case): a service without `deploymentConfiguration` is still the
/// ECS API's (Amazon ECS API Reference, `CreateService` and `UpdateService` request syntax).
const ECS_API_KEYS: &[&str] = &[
    "serviceName",
    "taskDefinition",
    "loadBalancers",
    "launchType",
    "capacityProviderStrategy",
    "serviceConnectConfiguration",
    "networkConfiguration",
    "desiredCount",
    "deploymentController",
    "healthCheckGracePeriodSeconds",
    "schedulingStrategy",
];

/// `resource "type" "name" {` (or with the labels unquoted), at the start of a line.
fn is_resource_block_start(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("resource") else {
        return false;
    };
    rest.starts_with([' ', '\t']) && rest.contains('{') && !rest.trim_start().starts_with('=')
}

/// The keys of the outermost JSON object with the first character of each value (`{`, `[`,
/// `"`, ...): enough to tell the kinds apart without reading the whole text.
fn top_level_json_keys(text: &str) -> Vec<(String, char)> {
    let mut keys = Vec::new();
    let mut depth = 0usize;
    let mut chars = text.char_indices().peekable();
    let mut pending_key: Option<String> = None;
    let mut expect_value = false;
    while let Some((_, c)) = chars.next() {
        match c {
            '"' => {
                // Only the top level's strings are kept.
                let mut string = String::new();
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ if depth == 1 => string.push(c),
                        _ => {}
                    }
                }
                if depth == 1 {
                    if expect_value {
                        if let Some(key) = pending_key.take() {
                            keys.push((key, '"'));
                        }
                        expect_value = false;
                    } else {
                        pending_key = Some(string);
                    }
                }
            }
            ':' if depth == 1 => expect_value = true,
            '{' | '[' => {
                if depth == 1 && expect_value {
                    if let Some(key) = pending_key.take() {
                        keys.push((key, c));
                    }
                    expect_value = false;
                }
                depth += 1;
            }
            '}' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => {
                pending_key = None;
                expect_value = false;
            }
            // A number, `true`, `false` or `null`: recorded by its first character.
            c if depth == 1 && expect_value && !c.is_whitespace() => {
                if let Some(key) = pending_key.take() {
                    keys.push((key, c));
                }
                expect_value = false;
            }
            _ => {}
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_kind_from_its_shape() {
        let cases = [
            ("{\"Resources\": {\"S\": {}}}", InputKind::Cloudformation),
            ("{\"services\": [{}]}", InputKind::EcsApi),
            (
                "{\"serviceName\": \"a\", \"deploymentConfiguration\": {}}",
                InputKind::EcsApi,
            ),
            (
                "{\"gateway_config\": {\"services\": []}}",
                InputKind::PortkeyTfvars,
            ),
            // create-service input without deploymentConfiguration (issue 22).
            (
                "{\"cluster\": \"c\", \"serviceName\": \"front\", \"loadBalancers\": []}",
                InputKind::EcsApi,
            ),
            ("{\"desiredCount\": 2}", InputKind::EcsApi),
            (
                "{\"serviceDeployments\": [], \"services\": [{}]}",
                InputKind::EcsDeploymentRecord,
            ),
            ("{\"serviceDeployments\": 1}", InputKind::PortkeyTfvars),
            ("{\"desired_task_count\": 2}", InputKind::PortkeyTfvars),
            (
                "AWSTemplateFormatVersion: '2010-09-09'\n",
                InputKind::Cloudformation,
            ),
            ("# t\nResources:\n  S:\n", InputKind::Cloudformation),
            (
                "resource \"aws_ecs_service\" \"a\" {\n}\n",
                InputKind::Terraform,
            ),
            ("resource = 1\n", InputKind::PortkeyTfvars),
            ("create_lb = true\n", InputKind::PortkeyTfvars),
            ("", InputKind::PortkeyTfvars),
        ];
        for (source, kind) in cases {
            assert_eq!(detect(source), kind, "{source:?}");
        }
    }
}
