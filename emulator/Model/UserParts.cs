using System.Collections.Generic;

namespace ConnectTools.Emulator;

/// <summary>UserIdentityInfo. SearchUsers returns only FirstName and LastName.</summary>
public sealed class UserIdentityInfo
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? SecondaryEmail { get; set; }

    public string? Mobile { get; set; }
}

/// <summary>UserPhoneConfig. <see cref="AfterContactWorkTimeLimit"/> is stored in SECONDS (SearchUsers sends milliseconds).</summary>
public sealed class UserPhoneConfig
{
    /// <summary>SOFT_PHONE or DESK_PHONE.</summary>
    public string? PhoneType { get; set; }

    public bool AutoAccept { get; set; }

    /// <summary>Seconds.</summary>
    public int AfterContactWorkTimeLimit { get; set; }

    public string? DeskPhoneNumber { get; set; }

    public bool? PersistentConnection { get; set; }
}

/// <summary>Channel names of the per-channel configurations.</summary>
public static class Channels
{
    public const string Voice = "VOICE";
    public const string Chat = "CHAT";
    public const string Task = "TASK";
    public const string Email = "EMAIL";
}

public sealed class AutoAcceptConfig
{
    public string Channel { get; set; } = Channels.Voice;

    public bool AutoAccept { get; set; }

    public bool? AgentFirstCallbackAutoAccept { get; set; }
}

public sealed class AfterContactWorkConfig
{
    /// <summary>Seconds.</summary>
    public int AfterContactWorkTimeLimit { get; set; }
}

public sealed class AfterContactWorkConfigPerChannel
{
    public string Channel { get; set; } = Channels.Voice;

    public AfterContactWorkConfig AfterContactWorkConfig { get; set; } = new();

    public AfterContactWorkConfig? AgentFirstCallbackAfterContactWorkConfig { get; set; }
}

public sealed class PhoneNumberConfig
{
    public string Channel { get; set; } = Channels.Voice;

    public string PhoneType { get; set; } = "SOFT_PHONE";

    public string? PhoneNumber { get; set; }
}

public sealed class PersistentConnectionConfig
{
    public string Channel { get; set; } = Channels.Voice;

    public bool PersistentConnection { get; set; }
}

public sealed class VoiceEnhancementConfig
{
    public string Channel { get; set; } = Channels.Voice;

    /// <summary>VOICE_ISOLATION, NOISE_SUPPRESSION or NONE.</summary>
    public string VoiceEnhancementMode { get; set; } = "NONE";
}

/// <summary>InstanceStatusReason.</summary>
public sealed class InstanceStatusReason
{
    public string? Message { get; set; }
}

/// <summary>The top-level ReplicationConfiguration of DescribeInstance.</summary>
public sealed class ReplicationConfiguration
{
    public List<ReplicationStatusSummary>? ReplicationStatusSummaryList { get; set; }

    public string? SourceRegion { get; set; }

    public string? GlobalSignInEndpoint { get; set; }
}

public sealed class ReplicationStatusSummary
{
    public string? Region { get; set; }

    /// <summary>INSTANCE_REPLICATION_COMPLETE, INSTANCE_REPLICATION_IN_PROGRESS, ...</summary>
    public string? ReplicationStatus { get; set; }

    public string? ReplicationStatusReason { get; set; }
}
