using System.Text.Json;

namespace ConnectTools.Client
{
    /// <summary>DescribeInstance and ListInstances: the bodies and <see cref="ConnectInstance"/> with what it holds.</summary>
    internal static partial class WireReader
    {
        internal static DescribeInstanceBody? DescribeInstanceBody(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.Client.DescribeInstanceBody")) return null;
            var body = new DescribeInstanceBody();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Instance"u8)) body.Instance = Instance(ref reader);
                else if (Is(ref reader, "ReplicationConfiguration"u8)) body.ReplicationConfiguration = ReplicationConfiguration(ref reader);
                else Skip(ref reader);
            }
            return body;
        }

        internal static ListInstancesBody? ListInstancesBody(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.Client.ListInstancesBody")) return null;
            var body = new ListInstancesBody();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "InstanceSummaryList"u8)) body.InstanceSummaryList = List(ref reader, Instance, "System.Collections.Generic.List`1[ConnectTools.ConnectInstance]");
                else if (Is(ref reader, "NextToken"u8)) body.NextToken = String(ref reader);
                else Skip(ref reader);
            }
            return body;
        }

        private static ConnectInstance? Instance(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.ConnectInstance")) return null;
            var instance = new ConnectInstance();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Id"u8)) instance.Id = String(ref reader);
                else if (Is(ref reader, "Arn"u8)) instance.Arn = String(ref reader);
                else if (Is(ref reader, "IdentityManagementType"u8)) instance.IdentityManagementType = String(ref reader);
                else if (Is(ref reader, "InstanceAlias"u8)) instance.InstanceAlias = String(ref reader);
                else if (Is(ref reader, "CreatedTime"u8)) instance.CreatedTime = Timestamp(ref reader);
                else if (Is(ref reader, "ServiceRole"u8)) instance.ServiceRole = String(ref reader);
                else if (Is(ref reader, "InstanceStatus"u8)) instance.InstanceStatus = String(ref reader);
                else if (Is(ref reader, "StatusReason"u8)) instance.StatusReason = StatusReason(ref reader);
                else if (Is(ref reader, "InboundCallsEnabled"u8)) instance.InboundCallsEnabled = Bool(ref reader);
                else if (Is(ref reader, "OutboundCallsEnabled"u8)) instance.OutboundCallsEnabled = Bool(ref reader);
                else if (Is(ref reader, "InstanceAccessUrl"u8)) instance.InstanceAccessUrl = String(ref reader);
                else if (Is(ref reader, "Tags"u8)) instance.Tags = StringMap(ref reader);
                else Skip(ref reader);
            }
            return instance;
        }

        private static InstanceStatusReason? StatusReason(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.InstanceStatusReason")) return null;
            var reason = new InstanceStatusReason();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Message"u8)) reason.Message = String(ref reader);
                else Skip(ref reader);
            }
            return reason;
        }

        private static ReplicationConfiguration? ReplicationConfiguration(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.ReplicationConfiguration")) return null;
            var replication = new ReplicationConfiguration();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "ReplicationStatusSummaryList"u8))
                    replication.ReplicationStatusSummaryList = Array(ref reader, ReplicationStatus, "ConnectTools.ReplicationStatusSummary[]");
                else if (Is(ref reader, "SourceRegion"u8)) replication.SourceRegion = String(ref reader);
                else if (Is(ref reader, "GlobalSignInEndpoint"u8)) replication.GlobalSignInEndpoint = String(ref reader);
                else Skip(ref reader);
            }
            return replication;
        }

        private static ReplicationStatusSummary? ReplicationStatus(ref Utf8JsonReader reader)
        {
            if (!StartObject(ref reader, "ConnectTools.ReplicationStatusSummary")) return null;
            var status = new ReplicationStatusSummary();
            while (NextMember(ref reader))
            {
                if (Is(ref reader, "Region"u8)) status.Region = String(ref reader);
                else if (Is(ref reader, "ReplicationStatus"u8)) status.ReplicationStatus = String(ref reader);
                else if (Is(ref reader, "ReplicationStatusReason"u8)) status.ReplicationStatusReason = String(ref reader);
                else Skip(ref reader);
            }
            return status;
        }
    }
}
