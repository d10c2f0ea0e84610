//! Tests for "did you mean …?" suggestions: a table of misspellings and the names they should
//! (or should not) bring up, and properties of the search.

use ecs_rollout::suggest::{closest, MAX_NAME_CHARS};
use proptest::prelude::*;

/// The Portkey module's variables, in the order the reference lists them.
const VARIABLES: &[&str] = &[
    "gateway_deployment_configuration",
    "gateway_deployment_circuit_breaker",
    "gateway_lifecycle_hook",
    "dataservice_deployment_circuit_breaker",
    "create_lb",
    "tls_certificate_arn",
    "lb_type",
    "gateway_config",
    "gateway_autoscaling",
    "project_name",
    "environment",
    "aws_region",
    "environment_variables_file_path",
    "secrets_file_path",
    "environment_variables",
    "secrets",
    "create_new_vpc",
    "vpc_cidr",
    "num_az",
    "single_nat_gateway",
    "vpc_id",
    "public_subnet_ids",
    "private_subnet_ids",
    "create_cluster",
    "cluster_name",
    "capacity_provider_name",
    "instance_type",
    "max_asg_size",
    "min_asg_size",
    "desired_asg_size",
    "target_capacity",
    "instance_refresh",
    "gateway_image",
    "docker_cred_secret_arn",
    "dataservice_config",
    "dataservice_autoscaling",
    "redis_configuration",
    "object_storage",
    "gateway_task_role_policy_arns",
    "internal_lb",
    "allowed_lb_cidrs",
    "enable_lb_access_logs",
    "lb_access_logs_bucket",
    "lb_access_logs_prefix",
    "server_mode",
    "mcp_gateway_base_url",
    "alb_routing_configuration",
];

/// Attributes of the deployment objects, as one list to make the search harder.
const ATTRIBUTES: &[&str] = &[
    "enable_blue_green",
    "canary_configuration",
    "linear_configuration",
    "canary_percent",
    "canary_bake_time_in_minutes",
    "step_percent",
    "step_bake_time_in_minutes",
    "enable",
    "rollback",
    "enable_lifecycle_hook",
    "lifecycle_hook_stages",
    "desired_task_count",
    "cpu",
    "memory",
    "gateway_port",
    "mcp_port",
];

/// ECS lifecycle stage names.
const STAGES: &[&str] = &[
    "RECONCILE_SERVICE",
    "PRE_SCALE_UP",
    "SCALE_UP",
    "POST_SCALE_UP",
    "TEST_TRAFFIC_SHIFT",
    "POST_TEST_TRAFFIC_SHIFT",
    "PRE_PRODUCTION_TRAFFIC_SHIFT",
    "PRODUCTION_TRAFFIC_SHIFT",
    "POST_PRODUCTION_TRAFFIC_SHIFT",
    "BAKE_TIME",
    "CLEAN_UP",
];

#[test]
fn suggestions() {
    let table: &[(&str, &[&str], Option<&str>)] = &[
        // One swap, one missing or extra character.
        ("canary_precent", ATTRIBUTES, Some("canary_percent")),
        ("enable_bluegreen", ATTRIBUTES, Some("enable_blue_green")),
        ("enable_blue_gren", ATTRIBUTES, Some("enable_blue_green")),
        (
            "step_bake_time_in_minute",
            ATTRIBUTES,
            Some("step_bake_time_in_minutes"),
        ),
        ("rolback", ATTRIBUTES, Some("rollback")),
        ("enabled", ATTRIBUTES, Some("enable")),
        ("cpus", ATTRIBUTES, Some("cpu")),
        ("creat_lb", VARIABLES, Some("create_lb")),
        ("enviroment", VARIABLES, Some("environment")),
        ("gateway_configuration", VARIABLES, Some("gateway_config")),
        (
            "gateway_deployment_config",
            VARIABLES,
            Some("gateway_deployment_configuration"),
        ),
        (
            "gateway_circuit_breaker",
            VARIABLES,
            Some("gateway_deployment_circuit_breaker"),
        ),
        ("data_service_config", VARIABLES, Some("dataservice_config")),
        ("redis_config", VARIABLES, Some("redis_configuration")),
        // Case does not matter, and the candidate is returned as written.
        ("Canary_Percent", ATTRIBUTES, Some("canary_percent")),
        ("CREATE_LB", VARIABLES, Some("create_lb")),
        ("pre_scale_up", STAGES, Some("PRE_SCALE_UP")),
        // Shared words when the edit distance is too large.
        ("desired_count", ATTRIBUTES, Some("desired_task_count")),
        (
            "gateway_desired_task_count",
            ATTRIBUTES,
            Some("desired_task_count"),
        ),
        ("create_vpc", VARIABLES, Some("create_new_vpc")),
        ("lb_access_logs", VARIABLES, Some("enable_lb_access_logs")),
        (
            "access_logs_bucket",
            VARIABLES,
            Some("lb_access_logs_bucket"),
        ),
        // The strategies document's stage spellings.
        ("PRE_TEST_TRAFFIC_SHIFT", STAGES, Some("TEST_TRAFFIC_SHIFT")),
        (
            "PRE_PROD_TRAFFIC_SHIFT",
            STAGES,
            Some("PRE_PRODUCTION_TRAFFIC_SHIFT"),
        ),
        (
            "POST_PROD_TRAFFIC_SHIFT",
            STAGES,
            Some("POST_PRODUCTION_TRAFFIC_SHIFT"),
        ),
        ("CLEANUP", STAGES, Some("CLEAN_UP")),
        ("BAKETIME", STAGES, Some("BAKE_TIME")),
        (
            "gateway_deployment_circuit_breakers",
            VARIABLES,
            Some("gateway_deployment_circuit_breaker"),
        ),
        (
            "lb_access_log_bucket",
            VARIABLES,
            Some("lb_access_logs_bucket"),
        ),
        ("lb_cidrs", VARIABLES, Some("allowed_lb_cidrs")),
        ("instance_size", VARIABLES, Some("instance_type")),
        ("PRODUCTION_SHIFT", STAGES, Some("PRODUCTION_TRAFFIC_SHIFT")),
        // Nothing plausible: a long shared suffix is not enough, nor one shared word.
        ("canary_configuration", VARIABLES, None),
        ("environment_name", VARIABLES, None),
        ("enable_autoscaling", VARIABLES, None),
        ("data_service_image", VARIABLES, None),
        ("PRE_SCALE_DOWN", STAGES, None),
        ("SCALE", STAGES, None),
        ("percent", ATTRIBUTES, None),
        ("config", VARIABLES, None),
        ("enable_autoscaling", VARIABLES, None),
        ("foo", VARIABLES, None),
        ("x", ATTRIBUTES, None),
        ("tags", VARIABLES, None),
        ("region", VARIABLES, None),
        ("hostname", VARIABLES, None),
        ("", VARIABLES, None),
        ("canary_percent", &[], None),
        ("a_b", &["a_b_c_d_e"], None),
        // Exact names are their own closest match.
        ("canary_percent", ATTRIBUTES, Some("canary_percent")),
    ];
    for (typed, candidates, expected) in table {
        assert_eq!(
            closest(typed, candidates.iter().copied()),
            *expected,
            "{typed}"
        );
    }
}

#[test]
fn ties_go_to_the_first_candidate() {
    assert_eq!(closest("cat", ["bat", "cap", "cut"]), Some("bat"));
    assert_eq!(closest("cat", ["cap", "bat", "cut"]), Some("cap"));
    assert_eq!(closest("cat", ["cart", "ca"]), Some("cart"));
    assert_eq!(closest("a_b_x", ["a_b_c_x", "a_b_d_x"]), Some("a_b_c_x"));
    assert_eq!(closest("a_b", ["a_b_c_d", "a_b_c"]), Some("a_b_c"));
}

#[test]
fn a_smaller_distance_wins_over_order() {
    assert_eq!(
        closest("canary_percnt", ["canary_prcntx", "canary_percent"]),
        Some("canary_percent")
    );
    assert_eq!(
        closest("step_percent", ["step_percents_x", "step_percen"]),
        Some("step_percen")
    );
}

#[test]
fn long_names_are_not_compared() {
    let long = "a".repeat(MAX_NAME_CHARS + 1);
    let almost = "a".repeat(MAX_NAME_CHARS);
    assert_eq!(closest(&long, [almost.as_str()]), None);
    assert_eq!(closest(&almost, [long.as_str()]), None);
    assert_eq!(closest(&almost, [almost.as_str()]), Some(almost.as_str()));
    let huge = "x".repeat(10_000_000);
    assert_eq!(closest(&huge, VARIABLES.iter().copied()), None);
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_suggestion_is_a_candidate(
        typed in "\\PC{0,30}",
        candidates in prop::collection::vec("[a-zA-Z_é]{0,20}", 0..12),
    ) {
        let suggestion = closest(&typed, candidates.iter().map(String::as_str));
        if let Some(suggestion) = suggestion {
            prop_assert!(candidates.iter().any(|candidate| candidate == suggestion));
        }
    }

    #[test]
    fn one_typo_in_a_long_name_is_found(index in 0..ATTRIBUTES.len(), position in 0usize..100, letter in "[a-z]") {
        let name = ATTRIBUTES[index];
        prop_assume!(name.len() >= 6);
        let position = position % name.len();
        let mut typed = name.to_string();
        typed.replace_range(position..=position, &letter);
        let suggestion = closest(&typed, ATTRIBUTES.iter().copied());
        prop_assert_eq!(suggestion, Some(name));
    }
}
