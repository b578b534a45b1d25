"""Pulumi type tokens (and invoke tokens) of the resources the plan reads, defined once.

Every consumer of a plan (policy, pricing, diff, diagram, critical path, mocks, simulator)
imports these names instead of spelling a token: ``grep`` finds each token string here
and nowhere else in the package. Tokens are pulumi-aws 7's (``aws:<module>/<camel>:<Class>``);
``aws:alb/...`` types are the aliases pulumi-aws keeps of the ``aws:lb/...`` ones.
"""

from __future__ import annotations

# -- Pulumi itself ----------------------------------------------------------------------
STACK = "pulumi:pulumi:Stack"
STACK_REFERENCE = "pulumi:pulumi:StackReference"
#: Prefixes of types that are never AWS resources: the stack and providers.
PULUMI_PREFIX = "pulumi:pulumi:"
PROVIDER_PREFIX = "pulumi:providers:"

# -- EC2 / VPC ---------------------------------------------------------------------------
VPC = "aws:ec2/vpc:Vpc"
SUBNET = "aws:ec2/subnet:Subnet"
INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway"
INTERNET_GATEWAY_ATTACHMENT = "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment"
NAT_GATEWAY = "aws:ec2/natGateway:NatGateway"
EIP = "aws:ec2/eip:Eip"
EIP_ASSOCIATION = "aws:ec2/eipAssociation:EipAssociation"
EC2_INSTANCE = "aws:ec2/instance:Instance"
ROUTE = "aws:ec2/route:Route"
ROUTE_TABLE = "aws:ec2/routeTable:RouteTable"
ROUTE_TABLE_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation"
SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup"
DEFAULT_SECURITY_GROUP = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
SECURITY_GROUP_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule"
SECURITY_GROUP_INGRESS_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
SECURITY_GROUP_EGRESS_RULE = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
FLOW_LOG = "aws:ec2/flowLog:FlowLog"
VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint"

# -- CloudWatch / EventBridge ------------------------------------------------------------
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm"
HTTP_NAMESPACE = "aws:servicediscovery/httpNamespace:HttpNamespace"
PRIVATE_DNS_NAMESPACE = "aws:servicediscovery/privateDnsNamespace:PrivateDnsNamespace"
DISCOVERY_SERVICE = "aws:servicediscovery/service:Service"
EVENT_RULE = "aws:cloudwatch/eventRule:EventRule"
EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget"
SCHEDULE = "aws:scheduler/schedule:Schedule"
SCHEDULE_GROUP = "aws:scheduler/scheduleGroup:ScheduleGroup"

# -- IAM / KMS / Secrets Manager / S3 -----------------------------------------------------
IAM_ROLE = "aws:iam/role:Role"
IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
IAM_POLICY = "aws:iam/policy:Policy"
IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
IAM_INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile"
IAM_OIDC_PROVIDER = "aws:iam/openIdConnectProvider:OpenIdConnectProvider"
KMS_KEY = "aws:kms/key:Key"
KMS_ALIAS = "aws:kms/alias:Alias"
KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy"
SECRET = "aws:secretsmanager/secret:Secret"
S3_BUCKET = "aws:s3/bucket:Bucket"
S3_BUCKET_V2 = "aws:s3/bucketV2:BucketV2"
S3_BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy"
S3_PUBLIC_ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
S3_OWNERSHIP_CONTROLS = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
S3_ENCRYPTION = (
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
)
S3_VERSIONING = "aws:s3/bucketVersioning:BucketVersioning"
S3_LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
ECR_REPOSITORY = "aws:ecr/repository:Repository"
ECR_LIFECYCLE_POLICY = "aws:ecr/lifecyclePolicy:LifecyclePolicy"
#: A BuildKit build (pulumi-docker-build): runs where ``pulumi up`` runs, not an AWS API.
DOCKER_BUILD_IMAGE = "docker-build:index:Image"
DYNAMODB_TABLE = "aws:dynamodb/table:Table"
RDS_INSTANCE = "aws:rds/instance:Instance"
RDS_CLUSTER = "aws:rds/cluster:Cluster"

# -- ACM / Route 53 ----------------------------------------------------------------------------
ACM_CERTIFICATE = "aws:acm/certificate:Certificate"
ACM_CERTIFICATE_VALIDATION = "aws:acm/certificateValidation:CertificateValidation"
ROUTE53_RECORD = "aws:route53/record:Record"
ROUTE53_ZONE = "aws:route53/zone:Zone"
ROUTE53_ZONE_ASSOCIATION = "aws:route53/zoneAssociation:ZoneAssociation"
#: This library's component for a domain's certificate and records (its inputs name the zone).
DOMAIN_CERTIFICATE = "fargate:ecs:DomainCertificate"

# -- EFS -----------------------------------------------------------------------------------
EFS_FILE_SYSTEM = "aws:efs/fileSystem:FileSystem"
EFS_ACCESS_POINT = "aws:efs/accessPoint:AccessPoint"
EFS_MOUNT_TARGET = "aws:efs/mountTarget:MountTarget"
EFS_BACKUP_POLICY = "aws:efs/backupPolicy:BackupPolicy"
EFS_FILE_SYSTEM_POLICY = "aws:efs/fileSystemPolicy:FileSystemPolicy"

# -- ECS -----------------------------------------------------------------------------------
ECS_CLUSTER = "aws:ecs/cluster:Cluster"
ECS_CLUSTER_CAPACITY_PROVIDERS = "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders"
ECS_TASK_DEFINITION = "aws:ecs/taskDefinition:TaskDefinition"
ECS_SERVICE = "aws:ecs/service:Service"

# -- Elastic Load Balancing v2 (aws.lb, and its alias module aws.alb) -----------------------
LB_PREFIX = "aws:lb/"
ALB_PREFIX = "aws:alb/"
LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer"
TARGET_GROUP = "aws:lb/targetGroup:TargetGroup"
LISTENER = "aws:lb/listener:Listener"
LISTENER_RULE = "aws:lb/listenerRule:ListenerRule"
LISTENER_CERTIFICATE = "aws:lb/listenerCertificate:ListenerCertificate"
TARGET_GROUP_ATTACHMENT = "aws:lb/targetGroupAttachment:TargetGroupAttachment"
ALB_LOAD_BALANCER = "aws:alb/loadBalancer:LoadBalancer"
ALB_TARGET_GROUP = "aws:alb/targetGroup:TargetGroup"
ALB_LISTENER = "aws:alb/listener:Listener"
ALB_LISTENER_RULE = "aws:alb/listenerRule:ListenerRule"
ALB_LISTENER_CERTIFICATE = "aws:alb/listenerCertificate:ListenerCertificate"
#: Each ELBv2 type under both of its tokens.
LOAD_BALANCERS = (LOAD_BALANCER, ALB_LOAD_BALANCER)
TARGET_GROUPS = (TARGET_GROUP, ALB_TARGET_GROUP)
LISTENERS = (LISTENER, ALB_LISTENER)
LISTENER_RULES = (LISTENER_RULE, ALB_LISTENER_RULE)
LISTENER_CERTIFICATES = (LISTENER_CERTIFICATE, ALB_LISTENER_CERTIFICATE)

# -- AWS WAF (v2) -----------------------------------------------------------------------------
WAF_WEB_ACL = "aws:wafv2/webAcl:WebAcl"
WAF_WEB_ACL_ASSOCIATION = "aws:wafv2/webAclAssociation:WebAclAssociation"
WAF_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"

# -- Application Auto Scaling ----------------------------------------------------------------
SCALING_TARGET = "aws:appautoscaling/target:Target"
SCALING_POLICY = "aws:appautoscaling/policy:Policy"
SCHEDULED_ACTION = "aws:appautoscaling/scheduledAction:ScheduledAction"

# -- EKS -------------------------------------------------------------------------------------
EKS_CLUSTER = "aws:eks/cluster:Cluster"
FARGATE_PROFILE = "aws:eks/fargateProfile:FargateProfile"
EKS_ADDON = "aws:eks/addon:Addon"
EKS_ACCESS_ENTRY = "aws:eks/accessEntry:AccessEntry"
EKS_ACCESS_POLICY_ASSOCIATION = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation"
EKS_POD_IDENTITY_ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation"
EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup"

# -- SQS -------------------------------------------------------------------------------------
SQS_QUEUE = "aws:sqs/queue:Queue"
SQS_QUEUE_POLICY = "aws:sqs/queuePolicy:QueuePolicy"
SQS_REDRIVE_POLICY = "aws:sqs/redrivePolicy:RedrivePolicy"
SQS_REDRIVE_ALLOW_POLICY = "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy"

# -- Kubernetes ------------------------------------------------------------------------------
KUBERNETES_PREFIX = "kubernetes:"
HELM_PREFIX = "kubernetes:helm"
HELM_RELEASE = "kubernetes:helm.sh/v3:Release"
HELM_CHART_V4 = "kubernetes:helm.sh/v4:Chart"
K8S_REPLICA_SET = "kubernetes:apps/v1:ReplicaSet"
K8S_DAEMON_SET = "kubernetes:apps/v1:DaemonSet"
K8S_JOB = "kubernetes:batch/v1:Job"
K8S_CRON_JOB = "kubernetes:batch/v1:CronJob"
K8S_PERSISTENT_VOLUME = "kubernetes:core/v1:PersistentVolume"
K8S_PERSISTENT_VOLUME_CLAIM = "kubernetes:core/v1:PersistentVolumeClaim"
K8S_STORAGE_CLASS = "kubernetes:storage.k8s.io/v1:StorageClass"
K8S_DEPLOYMENT = "kubernetes:apps/v1:Deployment"
K8S_STATEFUL_SET = "kubernetes:apps/v1:StatefulSet"
K8S_POD = "kubernetes:core/v1:Pod"
K8S_SERVICE = "kubernetes:core/v1:Service"
K8S_INGRESS = "kubernetes:networking.k8s.io/v1:Ingress"
K8S_HPA_V1 = "kubernetes:autoscaling/v1:HorizontalPodAutoscaler"
K8S_HPA_V2 = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"
K8S_NAMESPACE = "kubernetes:core/v1:Namespace"
K8S_CONFIG_MAP = "kubernetes:core/v1:ConfigMap"
K8S_SECRET = "kubernetes:core/v1:Secret"
K8S_SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount"
K8S_RBAC_PREFIX = "kubernetes:rbac.authorization.k8s.io/"
K8S_POD_DISRUPTION_BUDGET = "kubernetes:policy/v1:PodDisruptionBudget"
K8S_NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy"

# -- invokes (function tokens) ---------------------------------------------------------------
GET_AVAILABILITY_ZONES = "aws:index/getAvailabilityZones:getAvailabilityZones"
GET_CALLER_IDENTITY = "aws:index/getCallerIdentity:getCallerIdentity"
GET_REGION = "aws:index/getRegion:getRegion"
GET_PARTITION = "aws:index/getPartition:getPartition"
GET_POLICY_DOCUMENT = "aws:iam/getPolicyDocument:getPolicyDocument"
GET_PARAMETER = "aws:ssm/getParameter:getParameter"
GET_ZONE = "aws:route53/getZone:getZone"
GET_CLUSTER_AUTH = "aws:eks/getClusterAuth:getClusterAuth"
GET_ECR_AUTHORIZATION_TOKEN = "aws:ecr/getAuthorizationToken:getAuthorizationToken"
