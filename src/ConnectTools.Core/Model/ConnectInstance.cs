using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ConnectTools
{
    /// <summary>
    /// An Amazon Connect instance, as DescribeInstance returns it, with its replication status. ListInstances entries
    /// are read into the same type (they lack StatusReason, Tags and ReplicationConfiguration).
    /// </summary>
    public sealed class ConnectInstance
    {
        [JsonInclude] public string? Id { get; internal set; }
        [JsonInclude] public string? Arn { get; internal set; }
        [JsonInclude] public string? IdentityManagementType { get; internal set; }
        [JsonInclude] public string? InstanceAlias { get; internal set; }
        [JsonInclude] public DateTime? CreatedTime { get; internal set; }
        [JsonInclude] public string? ServiceRole { get; internal set; }
        [JsonInclude] public string? InstanceStatus { get; internal set; }
        [JsonInclude] public InstanceStatusReason? StatusReason { get; internal set; }
        [JsonInclude] public bool? InboundCallsEnabled { get; internal set; }
        [JsonInclude] public bool? OutboundCallsEnabled { get; internal set; }
        [JsonInclude] public string? InstanceAccessUrl { get; internal set; }
        [JsonInclude] public Dictionary<string, string>? Tags { get; internal set; }

        /// <summary>Replication status (top level of the DescribeInstance response); null unless the instance is replicated.</summary>
        [JsonIgnore] public ReplicationConfiguration? ReplicationConfiguration { get; internal set; }

        /// <summary>The instance id (same as <see cref="Id"/>), named like the cmdlets' -InstanceId parameter.</summary>
        [JsonIgnore] public string? InstanceId => Id;

        /// <summary>The Region of the instance, from its ARN.</summary>
        [JsonIgnore] public string? Region { get; internal set; }

        internal void Complete(string? fallbackRegion)
        {
            Region = ConnectArn.TryParse(Arn, out var arn) ? arn!.Region : fallbackRegion;
        }

        public override string ToString() => InstanceAlias ?? Id ?? "";
    }

    public sealed class InstanceStatusReason
    {
        [JsonInclude] public string? Message { get; internal set; }
        public override string ToString() => Message ?? "";
    }

    public sealed class ReplicationConfiguration
    {
        [JsonInclude] public ReplicationStatusSummary[]? ReplicationStatusSummaryList { get; internal set; }
        [JsonInclude] public string? SourceRegion { get; internal set; }
        [JsonInclude] public string? GlobalSignInEndpoint { get; internal set; }
    }

    public sealed class ReplicationStatusSummary
    {
        [JsonInclude] public string? Region { get; internal set; }
        [JsonInclude] public string? ReplicationStatus { get; internal set; }
        [JsonInclude] public string? ReplicationStatusReason { get; internal set; }
        public override string ToString() => Region + ": " + ReplicationStatus;
    }
}
