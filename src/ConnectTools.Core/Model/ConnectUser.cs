using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ConnectTools
{
    /// <summary>
    /// What DescribeUser and SearchUsers return alike: the user's ids, phone and routing settings, tags and per-channel
    /// configurations, plus <see cref="UserId"/>, <see cref="InstanceId"/> and <see cref="Region"/> (from the ARN), so
    /// the objects pipe into Get-ConnectUser.
    /// </summary>
    public abstract class ConnectUserBase
    {
        private protected ConnectUserBase() { }

        [JsonInclude] public string? Id { get; internal set; }
        [JsonInclude] public string? Arn { get; internal set; }
        [JsonInclude] public string? Username { get; internal set; }
        [JsonInclude] public UserPhoneConfig? PhoneConfig { get; internal set; }
        [JsonInclude] public string? DirectoryUserId { get; internal set; }
        [JsonInclude] public string[]? SecurityProfileIds { get; internal set; }
        [JsonInclude] public string? RoutingProfileId { get; internal set; }
        [JsonInclude] public string? HierarchyGroupId { get; internal set; }
        [JsonInclude] public Dictionary<string, string>? Tags { get; internal set; }
        [JsonInclude] public AutoAcceptConfig[]? AutoAcceptConfigs { get; internal set; }
        [JsonInclude] public AfterContactWorkConfigPerChannel[]? AfterContactWorkConfigs { get; internal set; }
        [JsonInclude] public PhoneNumberConfig[]? PhoneNumberConfigs { get; internal set; }
        [JsonInclude] public PersistentConnectionConfig[]? PersistentConnectionConfigs { get; internal set; }
        [JsonInclude] public VoiceEnhancementConfig[]? VoiceEnhancementConfigs { get; internal set; }

        /// <summary>The user id (same as <see cref="Id"/>), named like Get-ConnectUser's -UserId parameter.</summary>
        [JsonIgnore] public string? UserId => Id;

        /// <summary>The instance the user belongs to, from the user's ARN.</summary>
        [JsonIgnore] public string? InstanceId { get; internal set; }

        /// <summary>The Region of the instance, from the user's ARN.</summary>
        [JsonIgnore] public string? Region { get; internal set; }

        /// <summary>"First Last", or the user name when the identity has no names.</summary>
        [JsonIgnore] public abstract string? FullName { get; }

        internal virtual void Complete(string? fallbackInstanceId, string? fallbackRegion)
        {
            if (ConnectArn.TryParse(Arn, out var arn))
            {
                InstanceId = arn!.InstanceId;
                Region = arn.Region;
            }
            else
            {
                InstanceId = fallbackInstanceId;
                Region = fallbackRegion;
            }
        }

        public override string ToString() => Username ?? Id ?? "";
    }

    /// <summary>An Amazon Connect user (agent), as DescribeUser returns it.</summary>
    public sealed class ConnectUser : ConnectUserBase
    {
        [JsonInclude] public UserIdentityInfo? IdentityInfo { get; internal set; }
        [JsonInclude] public DateTime? LastModifiedTime { get; internal set; }
        [JsonInclude] public string? LastModifiedRegion { get; internal set; }

        [JsonIgnore] public override string? FullName => UserNames.FullName(IdentityInfo?.FirstName, IdentityInfo?.LastName, Username);
    }

    /// <summary>
    /// A user as SearchUsers returns it (Get-ConnectUser -Summary): no e-mail, mobile or last-modified fields.
    /// <see cref="UserPhoneConfig.AfterContactWorkTimeLimit"/> is converted to seconds, like DescribeUser's.
    /// </summary>
    public sealed class ConnectUserSummary : ConnectUserBase
    {
        [JsonInclude] public UserIdentityInfoLite? IdentityInfo { get; internal set; }

        [JsonIgnore] public override string? FullName => UserNames.FullName(IdentityInfo?.FirstName, IdentityInfo?.LastName, Username);

        /// <summary>SearchUsers reports the phone ACW limit in milliseconds; every ConnectTools object holds seconds.</summary>
        internal override void Complete(string? fallbackInstanceId, string? fallbackRegion)
        {
            base.Complete(fallbackInstanceId, fallbackRegion);
            if (PhoneConfig?.AfterContactWorkTimeLimit is int ms)
                PhoneConfig.AfterContactWorkTimeLimit = (int)Math.Round(ms / 1000.0, MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>One entry of ListUsers.</summary>
    public sealed class ConnectUserListEntry
    {
        [JsonInclude] public string? Id { get; internal set; }
        [JsonInclude] public string? Arn { get; internal set; }
        [JsonInclude] public string? Username { get; internal set; }
        [JsonInclude] public DateTime? LastModifiedTime { get; internal set; }
        [JsonInclude] public string? LastModifiedRegion { get; internal set; }
        public override string ToString() => Username ?? Id ?? "";
    }

    public sealed class UserIdentityInfo
    {
        [JsonInclude] public string? FirstName { get; internal set; }
        [JsonInclude] public string? LastName { get; internal set; }
        [JsonInclude] public string? Email { get; internal set; }
        [JsonInclude] public string? SecondaryEmail { get; internal set; }
        [JsonInclude] public string? Mobile { get; internal set; }
        public override string ToString() => UserNames.FullName(FirstName, LastName, null) ?? "";
    }

    public sealed class UserIdentityInfoLite
    {
        [JsonInclude] public string? FirstName { get; internal set; }
        [JsonInclude] public string? LastName { get; internal set; }
        public override string ToString() => UserNames.FullName(FirstName, LastName, null) ?? "";
    }

    public sealed class UserPhoneConfig
    {
        [JsonInclude] public string? PhoneType { get; internal set; }
        [JsonInclude] public bool? AutoAccept { get; internal set; }
        /// <summary>After contact work time limit, in seconds (0 = no limit).</summary>
        [JsonInclude] public int? AfterContactWorkTimeLimit { get; internal set; }
        [JsonInclude] public string? DeskPhoneNumber { get; internal set; }
        [JsonInclude] public bool? PersistentConnection { get; internal set; }
        public override string ToString() => PhoneType ?? "";
    }

    public sealed class AutoAcceptConfig
    {
        [JsonInclude] public string? Channel { get; internal set; }
        [JsonInclude] public bool? AutoAccept { get; internal set; }
        [JsonInclude] public bool? AgentFirstCallbackAutoAccept { get; internal set; }
        public override string ToString() => Channel + "=" + AutoAccept;
    }

    public sealed class AfterContactWorkConfigPerChannel
    {
        [JsonInclude] public string? Channel { get; internal set; }
        [JsonInclude] public AfterContactWorkConfig? AfterContactWorkConfig { get; internal set; }
        [JsonInclude] public AfterContactWorkConfig? AgentFirstCallbackAfterContactWorkConfig { get; internal set; }
        public override string ToString() => Channel + "=" + AfterContactWorkConfig?.AfterContactWorkTimeLimit;
    }

    public sealed class AfterContactWorkConfig
    {
        /// <summary>ACW timeout in seconds (0 = no limit).</summary>
        [JsonInclude] public int? AfterContactWorkTimeLimit { get; internal set; }
        public override string ToString() => AfterContactWorkTimeLimit?.ToString() ?? "";
    }

    public sealed class PhoneNumberConfig
    {
        [JsonInclude] public string? Channel { get; internal set; }
        [JsonInclude] public string? PhoneType { get; internal set; }
        [JsonInclude] public string? PhoneNumber { get; internal set; }
        public override string ToString() => Channel + "=" + PhoneType;
    }

    public sealed class PersistentConnectionConfig
    {
        [JsonInclude] public string? Channel { get; internal set; }
        [JsonInclude] public bool? PersistentConnection { get; internal set; }
        public override string ToString() => Channel + "=" + PersistentConnection;
    }

    public sealed class VoiceEnhancementConfig
    {
        [JsonInclude] public string? Channel { get; internal set; }
        [JsonInclude] public string? VoiceEnhancementMode { get; internal set; }
        public override string ToString() => Channel + "=" + VoiceEnhancementMode;
    }

    internal static class UserNames
    {
        internal static string? FullName(string? first, string? last, string? fallback)
        {
            bool hasFirst = !string.IsNullOrWhiteSpace(first), hasLast = !string.IsNullOrWhiteSpace(last);
            if (hasFirst && hasLast) return first!.Trim() + " " + last!.Trim();
            if (hasFirst) return first!.Trim();
            if (hasLast) return last!.Trim();
            return fallback;
        }
    }
}
