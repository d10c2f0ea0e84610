//! The settings of an ECS service in each syntax that writes one, as one table: CloudFormation's
//! `AWS::ECS::Service` (PascalCase), the ECS API's `CreateService`, `UpdateService` and
//! `DescribeServices` (the same names with a lower-case first letter) and the AWS provider's
//! `aws_ecs_service` (snake_case arguments and nested blocks). Each [`Prop`] carries its name in
//! every syntax that has it, its type, the values it takes, whether it is required, and a
//! one-line doc (in builds with the language server only, for the browser's size budget).
//!
//! Sources, compared by hand:
//! - the CloudFormation resource schema of `AWS::ECS::Service` as cfn-lint 1.58 ships it
//!   (`cfnlint/data/schemas`; every object has `additionalProperties: false`, so an unknown
//!   property fails the stack);
//! - the ECS API Reference's data types (`DeploymentConfiguration`, `DeploymentCircuitBreaker`,
//!   `DeploymentAlarms`, `DeploymentLifecycleHook`, `DeploymentLifecycleHookTimeoutConfiguration`,
//!   `DeploymentController`, `LoadBalancer`, `ServiceConnectConfiguration`,
//!   `VpcLatticeConfiguration`), docs.aws.amazon.com/AmazonECS/latest/APIReference/;
//! - the AWS provider's `aws_ecs_service` schema and validators
//!   (hashicorp/terraform-provider-aws, `internal/service/ecs/service.go`), which places the
//!   circuit breaker, the alarms and the rolling percents on the resource itself, not in
//!   `deployment_configuration` (written here as a Terraform name starting with `^`).
//!
//! Objects whose members this tool never reads (network, placement, tags, volumes) are listed
//! with their type only ([`OPEN`]): their names are checked, their members are not.
//! Ranges are ECS's rules (`rules.rs`), named in the docs.

/// The CloudFormation syntax has the property.
pub const C: u8 = 1;
/// The ECS API has it (named as CloudFormation with a lower-case first letter).
pub const A: u8 = 2;
/// CloudFormation and the API.
pub const CA: u8 = C | A;
/// Required in CloudFormation and the API.
pub const R: u8 = 4;
/// Required in Terraform.
pub const RT: u8 = 8;
/// Values and absence judged by ECS's rules (`rules.rs`): the strategy and the stage names.
pub const OWN: u8 = 16;
/// Terraform has it, named as CloudFormation in snake_case (`CanaryPercent`, `canary_percent`).
pub const T: u8 = 32;

/// A property's type, as the three syntaxes share it.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    Str,
    /// A whole number (its range is ECS's rule).
    Int,
    Num,
    Bool,
    /// Any value (a JSON document, or a property whose type differs between syntaxes).
    Any,
    /// A list of strings (a Terraform attribute).
    Strings,
    /// A map of strings (Terraform's `tags`).
    Map,
    /// An object (a Terraform block); [`OPEN`] when its members are not checked.
    Obj(&'static [Prop]),
    /// A list of objects (a repeatable Terraform block).
    Objs(&'static [Prop]),
}

/// The members of an object this tool does not check.
pub const OPEN: &[Prop] = &[];

/// One property of the service or of an object in it.
#[derive(Debug, Clone, Copy)]
pub struct Prop {
    /// CloudFormation's name, then Terraform's after a space where it is not the same in
    /// snake_case ([`T`]): `LifecycleHooks lifecycle_hook`. CloudFormation's is empty for a
    /// Terraform-only argument (` force_delete`); a Terraform name starting with `^` (or `^`
    /// alone, for the snake_case one) is an argument of the resource itself rather than of the
    /// block this property's object maps to.
    pub names: &'static str,
    pub ty: Ty,
    /// [`C`], [`A`], [`R`], [`RT`], [`OWN`].
    pub flags: u8,
    /// The values it takes, where it has a fixed set; one written after `~` is not
    /// CloudFormation's ([`Prop::values_in`]).
    pub values: &'static [&'static str],
    #[cfg(feature = "lsp")]
    pub doc: &'static str,
}

/// A syntax that writes an ECS service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    CloudFormation,
    Api,
    Terraform,
}

impl Prop {
    /// Whether Terraform has it on the resource itself, not in the block its object maps to.
    fn hoisted(&self) -> bool {
        self.names.contains('^')
    }

    /// This property's name in `syntax`, byte by byte, when it has one: CloudFormation's is
    /// `names` up to its space, the API's the same with a lower-case first letter, Terraform's
    /// the one written after the space or else CloudFormation's in snake_case ([`T`]).
    fn name_bytes(&self, syntax: Syntax) -> Option<NameBytes> {
        let name = |names: &'static str, lower_first, snake| NameBytes {
            names: names.as_bytes(),
            at: 0,
            lower_first,
            snake,
            underscore: false,
        };
        match syntax {
            Syntax::CloudFormation => (self.flags & C != 0).then(|| name(self.names, false, false)),
            Syntax::Api => (self.flags & A != 0).then(|| name(self.names, true, false)),
            Syntax::Terraform => {
                let written = self
                    .names
                    .split_once(' ')
                    .map(|(_, tf)| tf.trim_start_matches('^'))
                    .filter(|tf| !tf.is_empty());
                match written {
                    Some(tf) => Some(name(tf, false, false)),
                    None => (self.flags & T != 0).then(|| name(self.names, false, true)),
                }
            }
        }
    }

    /// Whether this property has a name in `syntax`.
    pub fn has(&self, syntax: Syntax) -> bool {
        self.name_bytes(syntax).is_some()
    }

    /// Whether `key` is this property's name in `syntax`: [`Prop::name_in`] compared without
    /// writing the name out, since every key of every checked object is looked up.
    pub fn is(&self, syntax: Syntax, key: &str) -> bool {
        let mut key = key.bytes();
        self.name_bytes(syntax).is_some_and(|mut name| {
            name.all(|byte| key.next() == Some(byte)) && key.next().is_none()
        })
    }

    /// This property's name in `syntax`, when it has one.
    pub fn name_in(&self, syntax: Syntax) -> Option<String> {
        // The names are ASCII.
        self.name_bytes(syntax)
            .map(|name| name.map(char::from).collect())
    }

    /// The values `syntax` takes (none when any value goes).
    pub fn values_in(&self, syntax: Syntax) -> Vec<&'static str> {
        let mut values = Vec::with_capacity(self.values.len());
        for value in self.values {
            match value.strip_prefix('~') {
                Some(_) if syntax == Syntax::CloudFormation => {}
                Some(value) => values.push(value),
                None => values.push(*value),
            }
        }
        values
    }

    /// Whether `syntax` requires it, in its own table (the ones [`OWN`] marks included).
    pub fn required(&self, syntax: Syntax) -> bool {
        self.flags & if syntax == Syntax::Terraform { RT } else { R } != 0
    }
}

/// A property's name in one syntax, byte by byte ([`Prop::name_bytes`]).
struct NameBytes {
    /// The name written, through its end or a space.
    names: &'static [u8],
    at: usize,
    lower_first: bool,
    /// CloudFormation's name in snake_case: `_` before each capital but the first, lower case.
    snake: bool,
    /// Whether the `_` before the capital at `at` has been given.
    underscore: bool,
}

impl Iterator for NameBytes {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        let byte = *self.names.get(self.at).filter(|byte| **byte != b' ')?;
        let capital = byte.is_ascii_uppercase() && self.at > 0;
        if self.snake && capital && !self.underscore {
            self.underscore = true;
            return Some(b'_');
        }
        self.underscore = false;
        self.at += 1;
        let lower = self.snake || (self.lower_first && self.at == 1);
        Some(if lower {
            byte.to_ascii_lowercase()
        } else {
            byte
        })
    }
}

/// The members of an object in `syntax`: for Terraform, `top` is the resource's own body, which
/// also holds the arguments its `deployment_configuration` does not (`^name`).
pub fn members(props: &'static [Prop], syntax: Syntax, top: bool) -> Vec<&'static Prop> {
    let mut found = Vec::new();
    for prop in props {
        if syntax == Syntax::Terraform && prop.hoisted() {
            continue;
        }
        if prop.has(syntax) {
            found.push(prop);
        }
        if let (Syntax::Terraform, true, Ty::Obj(inner)) = (syntax, top, prop.ty) {
            found.extend(inner.iter().filter(|inner| inner.hoisted()));
        }
    }
    found
}

/// A property; the doc is kept only where the language server is built.
const fn p(
    names: &'static str,
    ty: Ty,
    flags: u8,
    values: &'static [&'static str],
    doc: &'static str,
) -> Prop {
    #[cfg(not(feature = "lsp"))]
    let _ = doc;
    Prop {
        names,
        ty,
        flags,
        values,
        #[cfg(feature = "lsp")]
        doc,
    }
}

const NONE: &[&str] = &[];
const ALL: u8 = CA;

const CANARY: &[Prop] = &[
    p("CanaryPercent", Ty::Num, ALL | T, NONE, "Share of production traffic the canary gets first: 0.1 to 100 in steps of 0.1 (ECS default 5)"),
    p("CanaryBakeTimeInMinutes", Ty::Int, ALL | T, NONE, "Minutes to watch the canary before all traffic moves: 0 to 1440 (ECS default 10)"),
];

const LINEAR: &[Prop] = &[
    p(
        "StepPercent",
        Ty::Num,
        ALL | T,
        NONE,
        "Share of production traffic each step moves: 3 to 100 in steps of 0.1 (ECS default 10)",
    ),
    p(
        "StepBakeTimeInMinutes",
        Ty::Int,
        ALL | T,
        NONE,
        "Minutes to wait between two steps: 0 to 1440 (ECS default 6)",
    ),
];

const THRESHOLD: &[Prop] = &[
    p(
        "Type",
        Ty::Str,
        ALL | R,
        &["COUNT", "BOUNDED_PERCENT", "UNBOUNDED_PERCENT"],
        "How `Value` counts the failed tasks that trip the breaker",
    ),
    p(
        "Value",
        Ty::Int,
        ALL | R,
        NONE,
        "The number or percentage of failed tasks that trips the breaker",
    ),
];

const BREAKER: &[Prop] = &[
    p(
        "Enable",
        Ty::Bool,
        ALL | R | RT | T,
        NONE,
        "Whether the deployment circuit breaker stops a deployment whose tasks keep failing",
    ),
    p(
        "Rollback",
        Ty::Bool,
        ALL | R | RT | T,
        NONE,
        "Whether a tripped breaker rolls back to the last completed deployment",
    ),
    p(
        "ResetOnHealthyTask",
        Ty::Bool,
        ALL,
        NONE,
        "Whether a healthy task resets the count of failed ones",
    ),
    p(
        "ThresholdConfiguration",
        Ty::Obj(THRESHOLD),
        ALL,
        NONE,
        "How many failed tasks trip the breaker",
    ),
];

const ALARMS: &[Prop] = &[
    p(
        "AlarmNames",
        Ty::Strings,
        ALL | R | RT | T,
        NONE,
        "The CloudWatch alarms that stop the deployment when they go into ALARM",
    ),
    p(
        "Enable",
        Ty::Bool,
        ALL | R | RT | T,
        NONE,
        "Whether the alarms watch the deployment",
    ),
    p(
        "Rollback",
        Ty::Bool,
        ALL | R | RT | T,
        NONE,
        "Whether an alarm rolls the deployment back",
    ),
];

const EARLY_SUCCESS: &[Prop] = &[
    p(
        "Enable",
        Ty::Bool,
        ALL,
        NONE,
        "Whether the deployment may finish early once enough new tasks are healthy",
    ),
    p(
        "HealthyPercent",
        Ty::Int,
        ALL,
        NONE,
        "The share of healthy new tasks that counts as success: 0 to 100",
    ),
    p(
        "SourceServiceRevisionCleanup",
        Ty::Str,
        ALL,
        &["BLOCKING", "DEFERRED"],
        "Whether the old revision is removed before the deployment completes",
    ),
];

const HOOK_TIMEOUT: &[Prop] = &[
    p(
        "Action",
        Ty::Str,
        ALL,
        &["ROLLBACK", "CONTINUE"],
        "What ECS does when the hook times out (default ROLLBACK)",
    ),
    p(
        "TimeoutInMinutes",
        Ty::Int,
        ALL,
        NONE,
        "Minutes ECS waits for the hook: 1 to 20160 (default 1440)",
    ),
];

const HOOK: &[Prop] = &[
    p(
        "HookTargetArn",
        Ty::Str,
        ALL | RT | T,
        NONE,
        "The Lambda function an AWS_LAMBDA hook invokes",
    ),
    p(
        "RoleArn",
        Ty::Str,
        ALL | RT | T,
        NONE,
        "The IAM role ECS assumes to invoke the hook",
    ),
    p(
        "LifecycleStages",
        Ty::Strings,
        ALL | R | RT | OWN | T,
        NONE,
        "The stages the hook runs at, such as POST_TEST_TRAFFIC_SHIFT",
    ),
    p(
        "HookDetails",
        Ty::Any,
        ALL | T,
        NONE,
        "Custom parameters passed to the Lambda function",
    ),
    p(
        "TargetType",
        Ty::Str,
        ALL,
        &["AWS_LAMBDA", "PAUSE"],
        "AWS_LAMBDA invokes a function; PAUSE waits for ContinueServiceDeployment",
    ),
    p(
        "TimeoutConfiguration",
        Ty::Obj(HOOK_TIMEOUT),
        ALL,
        NONE,
        "How long ECS waits for the hook and what it does then",
    ),
];

const DEPLOYMENT: &[Prop] = &[
    p("Strategy", Ty::Str, ALL | OWN | T, &["ROLLING", "BLUE_GREEN", "CANARY", "LINEAR"], "The deployment strategy (default ROLLING)"),
    p("BakeTimeInMinutes", Ty::Int, ALL | T, NONE, "Minutes both versions run after production traffic moves: 0 to 1440"),
    p("CanaryConfiguration", Ty::Obj(CANARY), ALL | T, NONE, "The canary's share and bake"),
    p("LinearConfiguration", Ty::Obj(LINEAR), ALL | T, NONE, "Each step's share and bake"),
    p("LifecycleHooks lifecycle_hook", Ty::Objs(HOOK), ALL, NONE, "Hooks run at the deployment's stages"),
    p("MinimumHealthyPercent ^deployment_minimum_healthy_percent", Ty::Int, ALL, NONE, "Running tasks kept during a rolling deployment, in percent of the desired count: 0 to 100 (default 100)"),
    p("MaximumPercent ^deployment_maximum_percent", Ty::Int, ALL, NONE, "Tasks allowed during a rolling deployment, in percent of the desired count: at least 100 (default 200)"),
    p("DeploymentCircuitBreaker ^", Ty::Obj(BREAKER), ALL | T, NONE, "Stops (and may roll back) a deployment whose tasks keep failing"),
    p("Alarms ^", Ty::Obj(ALARMS), ALL | T, NONE, "CloudWatch alarms that stop the deployment"),
    p("EarlySuccessCriteria", Ty::Obj(EARLY_SUCCESS), ALL, NONE, "When a deployment may complete early"),
];

const CONTROLLER: &[Prop] = &[p(
    "Type",
    Ty::Str,
    ALL | T,
    &["ECS", "CODE_DEPLOY", "EXTERNAL"],
    "Who deploys the service: ECS (the default), CodeDeploy or an external controller",
)];

const ADVANCED: &[Prop] = &[
    p(
        "AlternateTargetGroupArn",
        Ty::Str,
        ALL | R | RT | T,
        NONE,
        "The target group the new version registers with",
    ),
    p(
        "ProductionListenerRule",
        Ty::Str,
        ALL | RT | T,
        NONE,
        "The listener rule that carries production traffic",
    ),
    p(
        "TestListenerRule",
        Ty::Str,
        ALL | T,
        NONE,
        "The listener rule that carries test traffic",
    ),
    p(
        "RoleArn",
        Ty::Str,
        ALL | RT | T,
        NONE,
        "The IAM role ECS assumes to shift traffic",
    ),
];

const LOAD_BALANCER: &[Prop] = &[
    p(
        "TargetGroupArn",
        Ty::Str,
        ALL | T,
        NONE,
        "The target group the service's tasks register with",
    ),
    p(
        "LoadBalancerName elb_name",
        Ty::Str,
        ALL,
        NONE,
        "A Classic Load Balancer's name",
    ),
    p(
        "ContainerName",
        Ty::Str,
        ALL | RT | T,
        NONE,
        "The container that receives the traffic",
    ),
    p(
        "ContainerPort",
        Ty::Int,
        ALL | RT | T,
        NONE,
        "The container's port",
    ),
    p(
        "AdvancedConfiguration",
        Ty::Obj(ADVANCED),
        ALL | T,
        NONE,
        "Target groups and listener rules for blue/green, canary and linear deployments",
    ),
];

const HEADER_VALUE: &[Prop] = &[p(
    "Exact",
    Ty::Str,
    ALL | R | RT | T,
    NONE,
    "The header value that marks test traffic",
)];

const HEADER: &[Prop] = &[
    p(
        "Name",
        Ty::Str,
        ALL | R | RT | T,
        NONE,
        "The header that marks test traffic",
    ),
    p(
        "Value",
        Ty::Obj(HEADER_VALUE),
        ALL | RT | T,
        NONE,
        "The value the header must have",
    ),
];

const TEST_TRAFFIC: &[Prop] = &[p(
    "Header",
    Ty::Obj(HEADER),
    ALL | R | T,
    NONE,
    "The header test traffic is chosen by",
)];

const CLIENT_ALIAS: &[Prop] = &[
    p(
        "Port",
        Ty::Int,
        ALL | R | RT | T,
        NONE,
        "The port clients use",
    ),
    p("DnsName", Ty::Str, ALL | T, NONE, "The name clients use"),
    p(
        "TestTrafficRules",
        Ty::Obj(TEST_TRAFFIC),
        ALL | T,
        NONE,
        "Which requests count as test traffic during a deployment",
    ),
];

const TIMEOUT: &[Prop] = &[
    p(
        "IdleTimeoutSeconds",
        Ty::Int,
        ALL | T,
        NONE,
        "Seconds a connection may stay idle",
    ),
    p(
        "PerRequestTimeoutSeconds",
        Ty::Int,
        ALL | T,
        NONE,
        "Seconds a request may take",
    ),
];

const AUTHORITY: &[Prop] = &[p(
    "AwsPcaAuthorityArn",
    Ty::Str,
    ALL | RT | T,
    NONE,
    "The private certificate authority",
)];

const TLS: &[Prop] = &[
    p(
        "IssuerCertificateAuthority issuer_cert_authority",
        Ty::Obj(AUTHORITY),
        ALL | R | RT,
        NONE,
        "The certificate authority that issues the certificates",
    ),
    p(
        "KmsKey",
        Ty::Str,
        ALL | T,
        NONE,
        "The KMS key of the secret",
    ),
    p("RoleArn", Ty::Str, ALL | T, NONE, "The IAM role for TLS"),
];

const CONNECT_SERVICE: &[Prop] = &[
    p(
        "PortName",
        Ty::Str,
        ALL | R | RT | T,
        NONE,
        "The task definition's port name",
    ),
    p(
        "DiscoveryName",
        Ty::Str,
        ALL | T,
        NONE,
        "The name registered in Cloud Map",
    ),
    p(
        "ClientAliases client_alias",
        Ty::Objs(CLIENT_ALIAS),
        ALL,
        NONE,
        "The names and ports clients use",
    ),
    p(
        "IngressPortOverride",
        Ty::Int,
        ALL | T,
        NONE,
        "The port the proxy listens on",
    ),
    p(
        "Timeout",
        Ty::Obj(TIMEOUT),
        ALL | T,
        NONE,
        "Idle and per-request timeouts",
    ),
    p("Tls", Ty::Obj(TLS), ALL | T, NONE, "TLS between services"),
];

const ACCESS_LOG: &[Prop] = &[
    p(
        "Format",
        Ty::Str,
        ALL | R | RT | T,
        &["TEXT", "JSON"],
        "The access log format",
    ),
    p(
        "IncludeQueryParameters",
        Ty::Str,
        ALL | T,
        &["DISABLED", "ENABLED"],
        "Whether query parameters are logged",
    ),
];

const SERVICE_CONNECT: &[Prop] = &[
    p(
        "Enabled",
        Ty::Bool,
        ALL | R | RT | T,
        NONE,
        "Whether Service Connect is on",
    ),
    p(
        "Namespace",
        Ty::Str,
        ALL | T,
        NONE,
        "The Cloud Map namespace",
    ),
    p(
        "Services service",
        Ty::Objs(CONNECT_SERVICE),
        ALL,
        NONE,
        "The services this one offers to others",
    ),
    p(
        "LogConfiguration",
        Ty::Obj(OPEN),
        ALL | T,
        NONE,
        "The proxy's logs",
    ),
    p(
        "AccessLogConfiguration",
        Ty::Obj(ACCESS_LOG),
        ALL | T,
        NONE,
        "The proxy's access logs",
    ),
    p(
        "ContainerConfigurations",
        Ty::Objs(OPEN),
        ALL,
        NONE,
        "The proxy container's settings",
    ),
];

const LATTICE_ADVANCED: &[Prop] = &[
    p(
        "AlternateTargetGroupArn",
        Ty::Str,
        ALL,
        NONE,
        "The target group the new version registers with",
    ),
    p(
        "ProductionListenerRule",
        Ty::Str,
        ALL,
        NONE,
        "The listener rule that carries production traffic",
    ),
    p(
        "TestListenerRule",
        Ty::Str,
        ALL,
        NONE,
        "The listener rule that carries test traffic",
    ),
];

const LATTICE: &[Prop] = &[
    p(
        "RoleArn",
        Ty::Str,
        ALL | R | RT | T,
        NONE,
        "The IAM role ECS assumes for VPC Lattice",
    ),
    p(
        "TargetGroupArn",
        Ty::Str,
        ALL | R | RT | T,
        NONE,
        "The VPC Lattice target group",
    ),
    p(
        "PortName",
        Ty::Str,
        ALL | R | RT | T,
        NONE,
        "The task definition's port name",
    ),
    p(
        "AdvancedConfiguration",
        Ty::Obj(LATTICE_ADVANCED),
        ALL,
        NONE,
        "Target groups and listener rules for traffic shifting",
    ),
];

/// The service's own properties (CloudFormation's `Properties`, the API's request or service
/// object, the `aws_ecs_service` block).
pub const SERVICE: &[Prop] = &[
    p(
        "DeploymentConfiguration",
        Ty::Obj(DEPLOYMENT),
        ALL | T,
        NONE,
        "How ECS deploys a new version",
    ),
    p(
        "DeploymentController",
        Ty::Obj(CONTROLLER),
        ALL | T,
        NONE,
        "Who deploys the service",
    ),
    p(
        "DesiredCount",
        Ty::Int,
        ALL | T,
        NONE,
        "Tasks to run: 0 to 5000",
    ),
    p(
        "LoadBalancers load_balancer",
        Ty::Objs(LOAD_BALANCER),
        ALL,
        NONE,
        "The load balancers' target groups the tasks register with",
    ),
    p(
        "ServiceConnectConfiguration",
        Ty::Obj(SERVICE_CONNECT),
        ALL | T,
        NONE,
        "Service Connect, which can shift traffic without a load balancer",
    ),
    p(
        "VpcLatticeConfigurations",
        Ty::Objs(LATTICE),
        ALL | T,
        NONE,
        "VPC Lattice target groups",
    ),
    p(
        "AvailabilityZoneRebalancing",
        Ty::Str,
        ALL | T,
        &["ENABLED", "DISABLED"],
        "Whether ECS rebalances tasks across Availability Zones",
    ),
    p(
        "CapacityProviderStrategy",
        Ty::Objs(OPEN),
        ALL | T,
        NONE,
        "Capacity providers and their weights",
    ),
    p("Cluster", Ty::Str, ALL | T, NONE, "The cluster"),
    p(
        "EnableECSManagedTags enable_ecs_managed_tags",
        Ty::Bool,
        ALL,
        NONE,
        "Whether ECS tags the tasks",
    ),
    p(
        "EnableExecuteCommand",
        Ty::Bool,
        ALL | T,
        NONE,
        "Whether ECS Exec is on",
    ),
    p(
        "ForceNewDeployment",
        Ty::Any,
        ALL | T,
        NONE,
        "Whether to deploy even without a change",
    ),
    p(
        "GatewayConnectors",
        Ty::Objs(OPEN),
        ALL,
        NONE,
        "Gateway connectors",
    ),
    p(
        "HealthCheckGracePeriodSeconds",
        Ty::Int,
        ALL | T,
        NONE,
        "Seconds before load balancer health checks count",
    ),
    p(
        "LaunchType",
        Ty::Str,
        ALL | T,
        // CloudFormation's schema has the first three; the ECS API's `LaunchType` and the AWS
        // provider also take MANAGED_INSTANCES.
        &["EC2", "FARGATE", "EXTERNAL", "~MANAGED_INSTANCES"],
        "The infrastructure its tasks run on",
    ),
    p("Monitoring", Ty::Obj(OPEN), ALL, NONE, "Metrics collection"),
    p(
        "Name",
        Ty::Str,
        C,
        NONE,
        "The service's name, as CloudFormation reports it",
    ),
    p(
        "NetworkConfiguration",
        Ty::Obj(OPEN),
        ALL | T,
        NONE,
        "Subnets and security groups",
    ),
    p(
        "PlacementConstraints",
        Ty::Objs(OPEN),
        ALL | T,
        NONE,
        "Where tasks may run",
    ),
    p(
        "PlacementStrategies ordered_placement_strategy",
        Ty::Objs(OPEN),
        C,
        NONE,
        "How tasks are spread",
    ),
    p(
        "PlacementStrategy",
        Ty::Objs(OPEN),
        A,
        NONE,
        "How tasks are spread",
    ),
    p(
        "PlatformVersion",
        Ty::Str,
        ALL | T,
        NONE,
        "The Fargate platform version",
    ),
    p(
        "PropagateTags",
        Ty::Str,
        ALL | T,
        // CloudFormation's schema has the first two; the ECS API and the AWS provider take NONE.
        &["SERVICE", "TASK_DEFINITION", "~NONE"],
        "Where its tasks take their tags from",
    ),
    p(
        "Role iam_role",
        Ty::Str,
        ALL,
        NONE,
        "The IAM role for a Classic Load Balancer",
    ),
    p(
        "SchedulingStrategy",
        Ty::Str,
        ALL | T,
        &["REPLICA", "DAEMON"],
        "REPLICA (the default) or DAEMON",
    ),
    p("ServiceArn", Ty::Str, CA, NONE, "The service's ARN"),
    p(
        "ServiceName name",
        Ty::Str,
        ALL | RT,
        NONE,
        "The service's name",
    ),
    p(
        "ServiceRegistries",
        Ty::Objs(OPEN),
        ALL | T,
        NONE,
        "Cloud Map registries",
    ),
    p("Tags", Ty::Objs(OPEN), ALL, NONE, "Tags"),
    p(
        "TaskDefinition",
        Ty::Str,
        ALL | T,
        NONE,
        "The task definition to run",
    ),
    p(
        "VolumeConfigurations volume_configuration",
        Ty::Objs(OPEN),
        ALL,
        NONE,
        "Volumes configured at deployment",
    ),
    p("ClientToken", Ty::Str, A, NONE, "An idempotency token"),
    p("Service", Ty::Str, A, NONE, "The service to update"),
    p(" tags", Ty::Map, 0, NONE, "Tags"),
    p(
        " force_delete",
        Ty::Bool,
        0,
        NONE,
        "Whether to delete the service without scaling it to zero",
    ),
    p(
        " wait_for_steady_state",
        Ty::Bool,
        0,
        NONE,
        "Whether Terraform waits for the deployment to finish",
    ),
    p(
        " sigint_rollback",
        Ty::Bool,
        0,
        NONE,
        "Whether an interrupted apply rolls the deployment back",
    ),
    p(
        " triggers",
        Ty::Map,
        0,
        NONE,
        "Values whose change redeploys the service",
    ),
    p(
        " region",
        Ty::Str,
        0,
        NONE,
        "The Region the service is managed in",
    ),
    p(
        " timeouts",
        Ty::Obj(OPEN),
        0,
        NONE,
        "Terraform's create, update and delete timeouts",
    ),
];

/// Terraform's meta-arguments, allowed in every resource block.
pub const TERRAFORM_META: &[&str] = &[
    "count",
    "for_each",
    "provider",
    "depends_on",
    "lifecycle",
    "provisioner",
    "connection",
    "dynamic",
];
