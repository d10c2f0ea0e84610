//! The variables the Portkey Gateway ECS module declares, with their types and defaults.
//!
//! Read off `terraform/ecs/variables.tf` of `Portkey-AI/portkey-gateway-infrastructure`
//! (see `portkey-variables.md` in the shared reference). This table is the single source for
//! type checking, unknown-name suggestions, completion docs and the JSON Schema.

/// A Terraform type constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    String,
    Number,
    Bool,
    List(&'static Type),
    Map(&'static Type),
    Object(&'static [Attribute]),
}

impl Type {
    /// The type as Terraform writes it, for messages.
    pub fn describe(&self) -> String {
        match self {
            Type::String => "string".to_owned(),
            Type::Number => "number".to_owned(),
            Type::Bool => "bool".to_owned(),
            Type::List(item) => format!("list({})", item.describe()),
            Type::Map(item) => format!("map({})", item.describe()),
            Type::Object(_) => "object".to_owned(),
        }
    }
}

/// One attribute of an object type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    pub name: &'static str,
    pub ty: Type,
    /// `optional(...)`: may be left out.
    pub optional: bool,
    /// HCL text a fix may insert when the attribute is missing, where a value is knowable.
    pub fix_value: Option<&'static str>,
    pub doc: &'static str,
}

/// One declared variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variable {
    pub name: &'static str,
    pub ty: Type,
    /// No default: Terraform asks for it.
    pub required: bool,
    /// The default as HCL text, for docs.
    pub default: &'static str,
    pub doc: &'static str,
}

const fn attr(name: &'static str, ty: Type, doc: &'static str) -> Attribute {
    Attribute {
        name,
        ty,
        optional: false,
        fix_value: None,
        doc,
    }
}

const fn opt(name: &'static str, ty: Type, doc: &'static str) -> Attribute {
    Attribute {
        name,
        ty,
        optional: true,
        fix_value: None,
        doc,
    }
}

const fn with_fix(attribute: Attribute, fix_value: &'static str) -> Attribute {
    Attribute {
        fix_value: Some(fix_value),
        ..attribute
    }
}

const fn var(name: &'static str, ty: Type, default: &'static str, doc: &'static str) -> Variable {
    Variable {
        name,
        ty,
        required: false,
        default,
        doc,
    }
}

const fn required(name: &'static str, ty: Type, doc: &'static str) -> Variable {
    Variable {
        name,
        ty,
        required: true,
        default: "",
        doc,
    }
}

const STRING: Type = Type::String;
const NUMBER: Type = Type::Number;
const BOOL: Type = Type::Bool;
const STRING_LIST: Type = Type::List(&Type::String);
const STRING_MAP: Type = Type::Map(&Type::String);

const CANARY: &[Attribute] = &[
    attr("canary_bake_time_in_minutes", NUMBER, "Minutes to watch the canary before all traffic moves (0 to 1440; ECS default 10)"),
    attr("canary_percent", NUMBER, "Share of production traffic the canary gets first (0.1 to 100 in steps of 0.1; ECS default 5)"),
];
const LINEAR: &[Attribute] = &[
    attr(
        "step_bake_time_in_minutes",
        NUMBER,
        "Minutes to wait between two traffic shifts (0 to 1440; ECS default 6)",
    ),
    attr(
        "step_percent",
        NUMBER,
        "Share of production traffic moved at each step (3 to 100 in steps of 0.1; ECS default 10)",
    ),
];
const DEPLOYMENT: &[Attribute] = &[
    with_fix(attr("enable_blue_green", BOOL, "Blue/green: all production traffic moves to the new version at once; wins over canary and linear"), "false"),
    opt("canary_configuration", Type::Object(CANARY), "Canary: a small share first, then the rest; used when blue/green is off and linear is null"),
    opt("linear_configuration", Type::Object(LINEAR), "Linear: equal steps with a bake between them; wins over canary"),
];
const CIRCUIT_BREAKER: &[Attribute] = &[
    with_fix(
        attr(
            "enable",
            BOOL,
            "Stop the deployment when new tasks keep failing",
        ),
        "true",
    ),
    with_fix(
        attr(
            "rollback",
            BOOL,
            "Return to the last completed deployment when the breaker trips",
        ),
        "true",
    ),
];
const LIFECYCLE_HOOK: &[Attribute] = &[
    with_fix(
        attr(
            "enable_lifecycle_hook",
            BOOL,
            "Call the module's Lambda at the listed stages",
        ),
        "false",
    ),
    with_fix(
        attr(
            "lifecycle_hook_stages",
            STRING_LIST,
            "ECS lifecycle stages at which the hook is called",
        ),
        "[]",
    ),
];
const GATEWAY_CONFIG: &[Attribute] = &[
    attr(
        "desired_task_count",
        NUMBER,
        "Gateway tasks to run; a deployment starts this many new ones",
    ),
    attr("cpu", NUMBER, "CPU units per task"),
    attr("memory", NUMBER, "Memory per task, in MiB"),
    attr(
        "gateway_port",
        NUMBER,
        "Port the gateway listens on inside the task",
    ),
    attr(
        "mcp_port",
        NUMBER,
        "Port the MCP server listens on inside the task",
    ),
    opt(
        "enable_execute_command",
        BOOL,
        "Allow ECS Exec into the tasks (default false)",
    ),
];
const AUTOSCALING: &[Attribute] = &[
    attr(
        "enable_autoscaling",
        BOOL,
        "Scale the service on CPU and memory",
    ),
    attr("autoscaling_min_capacity", NUMBER, "Fewest tasks"),
    attr("autoscaling_max_capacity", NUMBER, "Most tasks"),
    attr(
        "target_cpu_utilization",
        NUMBER,
        "Target CPU utilisation, percent",
    ),
    attr(
        "target_memory_utilization",
        NUMBER,
        "Target memory utilisation, percent",
    ),
    attr(
        "scale_in_cooldown",
        NUMBER,
        "Seconds after a scale-in before the next",
    ),
    attr(
        "scale_out_cooldown",
        NUMBER,
        "Seconds after a scale-out before the next",
    ),
];
const SERVICE_MAPS: &[Attribute] = &[
    opt("gateway", STRING_MAP, "Values for the gateway service"),
    opt("data-service", STRING_MAP, "Values for the data service"),
];
const INSTANCE_REFRESH: &[Attribute] = &[
    opt(
        "enabled",
        BOOL,
        "Refresh instances when the launch template changes (default false)",
    ),
    opt("min_healthy_percentage", NUMBER, "Default 50"),
    opt("max_healthy_percentage", NUMBER, "Default 100"),
    opt("instance_warmup", NUMBER, "Seconds, default 300"),
];
const IMAGE: &[Attribute] = &[
    attr("image", STRING, "Image repository"),
    attr("tag", STRING, "Image tag"),
];
const DATASERVICE_CONFIG: &[Attribute] = &[
    attr("enable_dataservice", BOOL, "Run the data service"),
    attr("desired_task_count", NUMBER, "Data service tasks to run"),
    attr("cpu", NUMBER, "CPU units per task"),
    attr("memory", NUMBER, "Memory per task, in MiB"),
    opt("port", NUMBER, "Default 8081"),
    opt("enable_execute_command", BOOL, "Default false"),
];
const REDIS: &[Attribute] = &[
    attr(
        "redis_type",
        STRING,
        "`redis` for the built-in container, `aws-elastic-cache` for ElastiCache",
    ),
    attr("cpu", NUMBER, "CPU units for the container"),
    attr("memory", NUMBER, "Memory for the container, in MiB"),
    attr("endpoint", STRING, "ElastiCache endpoint"),
    attr("tls", BOOL, "TLS to ElastiCache"),
    attr("mode", STRING, "`standalone` or `cluster`"),
    opt("enable_execute_command", BOOL, "Default false"),
];
const OBJECT_STORAGE: &[Attribute] = &[
    attr("log_store_bucket", STRING, "S3 bucket for logs"),
    opt(
        "log_exports_bucket",
        STRING,
        "Bucket for log exports (default: the log store bucket)",
    ),
    opt("finetune_bucket", STRING, "Bucket for fine-tuning datasets"),
    attr("bucket_region", STRING, "Region of the buckets"),
];
const ALB_ROUTING: &[Attribute] = &[
    attr(
        "enable_path_based_routing",
        BOOL,
        "Route by path (deprecated; prefer host-based)",
    ),
    attr("enable_host_based_routing", BOOL, "Route by host name"),
    opt("mcp_path", STRING, "Default /mcp"),
    opt("gateway_path", STRING, "Default /gateway"),
    attr("mcp_host", STRING, "Host name for MCP"),
    attr("gateway_host", STRING, "Host name for the gateway"),
];

/// Every variable the module declares, deployment variables first.
pub const VARIABLES: &[Variable] = &[
    var("gateway_deployment_configuration", Type::Object(DEPLOYMENT), "{ enable_blue_green = false, canary_configuration = null, linear_configuration = null }", "Deployment strategy of the gateway service: blue/green, canary or linear; null means rolling"),
    var("gateway_deployment_circuit_breaker", Type::Object(CIRCUIT_BREAKER), "{ enable = true, rollback = true }", "ECS deployment circuit breaker of the gateway service"),
    var("gateway_lifecycle_hook", Type::Object(LIFECYCLE_HOOK), "{ enable_lifecycle_hook = false, lifecycle_hook_stages = [] }", "Lambda lifecycle hook called at the listed deployment stages"),
    var("dataservice_deployment_circuit_breaker", Type::Object(CIRCUIT_BREAKER), "{ enable = true, rollback = true }", "ECS deployment circuit breaker of the data service"),
    var("create_lb", BOOL, "false", "Create a load balancer with a test listener for blue/green, canary and linear; without one, Service Connect (always on for the gateway) shifts their traffic"),
    var("tls_certificate_arn", STRING, "\"\"", "ACM certificate; with one the listeners are 443 (production) and 8443 (test), else 80 and 8080"),
    var("lb_type", STRING, "\"network\"", "`application` (HTTP/HTTPS) or `network` (TCP/TLS, the default); behind a Network Load Balancer ECS adds 10 minutes to each traffic shift"),
    var("gateway_config", Type::Object(GATEWAY_CONFIG), "{ desired_task_count = 1, cpu = 256, memory = 1024, gateway_port = 8787, mcp_port = 8788 }", "Size and ports of the gateway service"),
    var("gateway_autoscaling", Type::Object(AUTOSCALING), "{ enable_autoscaling = false, ... }", "Autoscaling of the gateway service"),
    var("project_name", STRING, "\"portkey\"", "Prefix of resource names"),
    var("environment", STRING, "\"dev\"", "Environment name; policies can differ per environment"),
    var("aws_region", STRING, "\"us-west-2\"", "AWS region"),
    var("environment_variables_file_path", STRING, "null", "JSON file with environment variables"),
    var("secrets_file_path", STRING, "null", "JSON file with secret references"),
    var("environment_variables", Type::Object(SERVICE_MAPS), "null", "Environment variables per service"),
    var("secrets", Type::Object(SERVICE_MAPS), "null", "Secret references per service"),
    required("create_new_vpc", BOOL, "Create a new VPC (true) or use an existing one (false)"),
    var("vpc_cidr", STRING, "null", "CIDR of the new VPC"),
    var("num_az", NUMBER, "2", "Availability zones to use"),
    var("single_nat_gateway", BOOL, "true", "One NAT gateway shared by all zones"),
    var("vpc_id", STRING, "null", "Existing VPC"),
    var("public_subnet_ids", STRING_LIST, "[]", "Existing public subnets"),
    var("private_subnet_ids", STRING_LIST, "[]", "Existing private subnets"),
    var("create_cluster", BOOL, "true", "Create a new ECS cluster"),
    var("cluster_name", STRING, "null", "Existing ECS cluster"),
    var("capacity_provider_name", STRING, "null", "Existing capacity provider"),
    var("instance_type", STRING, "\"t4g.medium\"", "EC2 instance type of the cluster"),
    var("max_asg_size", NUMBER, "3", "Most EC2 instances"),
    var("min_asg_size", NUMBER, "1", "Fewest EC2 instances"),
    var("desired_asg_size", NUMBER, "2", "Desired EC2 instances"),
    var("target_capacity", NUMBER, "100", "Capacity provider target, percent"),
    var("instance_refresh", Type::Object(INSTANCE_REFRESH), "{}", "Auto Scaling group instance refresh"),
    var("gateway_image", Type::Object(IMAGE), "{ image = \"portkeyai/gateway_enterprise\", tag = \"2.16.0\" }", "Gateway image"),
    var("data_service_image", Type::Object(IMAGE), "{ image = \"portkeyai/data-service\", tag = \"1.9.0\" }", "Data service image"),
    var("redis_image", Type::Object(IMAGE), "{ image = \"redis\", tag = \"7.2-alpine\" }", "Redis image"),
    required("docker_cred_secret_arn", STRING, "Secrets Manager secret with Docker Hub credentials"),
    var("dataservice_config", Type::Object(DATASERVICE_CONFIG), "{ enable_dataservice = false, desired_task_count = 1, cpu = 256, memory = 1024 }", "Size of the data service"),
    var("dataservice_autoscaling", Type::Object(AUTOSCALING), "{ enable_autoscaling = false, ... }", "Autoscaling of the data service"),
    var("redis_configuration", Type::Object(REDIS), "{ redis_type = \"redis\", ... }", "Cache store"),
    required("object_storage", Type::Object(OBJECT_STORAGE), "S3 buckets for logs"),
    var("gateway_task_role_policy_arns", STRING_MAP, "{}", "Extra IAM policies for gateway tasks"),
    var("data_service_task_role_policy_arns", STRING_MAP, "{}", "Extra IAM policies for data service tasks"),
    var("internal_lb", BOOL, "true", "Internal (true) or internet-facing (false) load balancer"),
    var("allowed_lb_cidrs", STRING_LIST, "[]", "CIDR ranges allowed to reach the load balancer"),
    var("enable_lb_access_logs", BOOL, "false", "Write load balancer access logs"),
    var("lb_access_logs_bucket", STRING, "\"\"", "Bucket for access logs"),
    var("lb_access_logs_prefix", STRING, "\"\"", "Prefix for access logs"),
    var("server_mode", STRING, "\"gateway\"", "`gateway`, `mcp` or `all`"),
    var("mcp_gateway_base_url", STRING, "\"\"", "Public base URL of the MCP gateway"),
    var("alb_routing_configuration", Type::Object(ALB_ROUTING), "{ enable_path_based_routing = false, enable_host_based_routing = false, ... }", "Path or host routing on an application load balancer"),
];

/// The declared variable called `name`.
pub fn variable(name: &str) -> Option<&'static Variable> {
    VARIABLES.iter().find(|variable| variable.name == name)
}

/// A default the inner `ecs-service` module gives an attribute the root passes down as `null`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum InnerDefault {
    Bool(bool),
    Number(f64),
}

impl InnerDefault {
    /// The default as HCL text, for messages.
    pub fn text(self) -> String {
        match self {
            InnerDefault::Bool(value) => value.to_string(),
            InnerDefault::Number(value) => crate::scalar::format_number(value),
        }
    }
}

/// The inner module's `optional(type, default)` values for the attributes the root module passes
/// straight through (facts section 7), by the root variable's path. Terraform replaces a `null`
/// optional attribute with its default (Terraform docs, "Optional Object Type Attributes"), so a
/// `null` written in the tfvars file reaches ECS as this value. Read off
/// `terraform/ecs/modules/ecs-service/variables.tf`, variable `ecs_service_config`; the data
/// service passes its breaker the same way (`data-service.tf`).
pub const INNER_DEFAULTS: &[(&str, InnerDefault)] = &[
    (
        "gateway_config.desired_task_count",
        InnerDefault::Number(1.0),
    ),
    (
        "gateway_deployment_configuration.enable_blue_green",
        InnerDefault::Bool(false),
    ),
    (
        "gateway_deployment_configuration.canary_configuration.canary_percent",
        InnerDefault::Number(200.0),
    ),
    (
        "gateway_deployment_configuration.canary_configuration.canary_bake_time_in_minutes",
        InnerDefault::Number(100.0),
    ),
    (
        "gateway_deployment_configuration.linear_configuration.step_percent",
        InnerDefault::Number(10.0),
    ),
    (
        "gateway_deployment_configuration.linear_configuration.step_bake_time_in_minutes",
        InnerDefault::Number(100.0),
    ),
    (
        "gateway_deployment_circuit_breaker.enable",
        InnerDefault::Bool(true),
    ),
    (
        "gateway_deployment_circuit_breaker.rollback",
        InnerDefault::Bool(true),
    ),
    (
        "dataservice_deployment_circuit_breaker.enable",
        InnerDefault::Bool(true),
    ),
    (
        "dataservice_deployment_circuit_breaker.rollback",
        InnerDefault::Bool(true),
    ),
];

/// The inner module's default for the attribute at `path`, if it has one.
pub fn inner_default(path: &str) -> Option<InnerDefault> {
    INNER_DEFAULTS
        .iter()
        .find(|(default_path, _)| *default_path == path)
        .map(|&(_, value)| value)
}

/// Root variables whose attributes `gateway.tf` reads directly, so that `null` for the whole
/// variable makes `terraform plan` fail with "Attempt to get attribute from null value"
/// (facts section 7).
pub const NOT_NULLABLE: &[&str] = &["gateway_config", "gateway_lifecycle_hook"];
