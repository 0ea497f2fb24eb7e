using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ConnectTools.Emulator;

/// <summary>A user, with every member of the service's User shape. Times are stored as instants; the wire has epoch seconds.</summary>
public sealed class EmulatorUser
{
    /// <summary>Filled with a new GUID when the user is added without one.</summary>
    public string Id { get; set; } = "";

    private string? _arn;

    /// <summary>When not set, derived from the instance it was added to: <c>{instance ARN}/agent/{Id}</c>.</summary>
    public string? Arn
    {
        get => _arn ?? (Instance?.Arn is { } instanceArn ? $"{instanceArn}/agent/{Id}" : null);
        set => _arn = value;
    }

    public string Username { get; set; } = "";

    public UserIdentityInfo? IdentityInfo { get; set; }

    public UserPhoneConfig? PhoneConfig { get; set; }

    public string? DirectoryUserId { get; set; }

    public List<string>? SecurityProfileIds { get; set; }

    public string? RoutingProfileId { get; set; }

    public string? HierarchyGroupId { get; set; }

    public Dictionary<string, string>? Tags { get; set; }

    public List<AutoAcceptConfig>? AutoAcceptConfigs { get; set; }

    public List<AfterContactWorkConfigPerChannel>? AfterContactWorkConfigs { get; set; }

    public List<PhoneNumberConfig>? PhoneNumberConfigs { get; set; }

    public List<PersistentConnectionConfig>? PersistentConnectionConfigs { get; set; }

    public List<VoiceEnhancementConfig>? VoiceEnhancementConfigs { get; set; }

    /// <summary>Filled with the time of adding when the user is added without one.</summary>
    public DateTimeOffset? LastModifiedTime { get; set; }

    /// <summary>Filled with the emulator's region when the user is added without one.</summary>
    public string? LastModifiedRegion { get; set; }

    /// <summary>The instance the user was added to.</summary>
    [JsonIgnore]
    public EmulatorInstance? Instance { get; internal set; }
}
