using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ConnectTools.Emulator;

/// <summary>Writes the service's response shapes with Utf8JsonWriter: PascalCase, nulls omitted, epoch-second timestamps.</summary>
internal static class ResponseJson
{
    /// <summary>How a user is rendered.</summary>
    public enum UserShape
    {
        /// <summary>DescribeUser's User (ACW in seconds).</summary>
        Full,

        /// <summary>SearchUsers' UserSearchSummary (no email/mobile, no LastModified*, ACW in milliseconds).</summary>
        SearchSummary,
    }

    public static void WriteUnknownMember(Utf8JsonWriter w, string name)
    {
        w.WriteStartObject(name);
        w.WriteString("Source", "ConnectTools.Emulator");
        w.WriteNumber("Revision", 3);
        w.WriteStartArray("Notes");
        w.WriteStringValue("Clients must ignore members they do not know.");
        w.WriteStartObject();
        w.WriteBoolean("Nested", true);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteEpoch(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            return;
        }

        var ms = time.ToUnixTimeMilliseconds();
        if (ms % 1000 == 0)
        {
            w.WriteNumber(name, ms / 1000);
        }
        else
        {
            w.WriteNumber(name, ms / 1000m);
        }
    }

    public static void WriteInstance(Utf8JsonWriter w, EmulatorInstance i, bool summary, bool unknownMembers)
    {
        w.WriteStartObject();
        w.WriteString("Id", i.Id);
        Str(w, "Arn", i.Arn);
        Str(w, "IdentityManagementType", i.IdentityManagementType);
        Str(w, "InstanceAlias", i.InstanceAlias);
        WriteEpoch(w, "CreatedTime", i.CreatedTime);
        Str(w, "ServiceRole", i.ServiceRole);
        Str(w, "InstanceStatus", i.InstanceStatus);
        if (!summary && i.StatusReason is { } reason)
        {
            w.WriteStartObject("StatusReason");
            Str(w, "Message", reason.Message);
            w.WriteEndObject();
        }

        w.WriteBoolean("InboundCallsEnabled", i.InboundCallsEnabled);
        w.WriteBoolean("OutboundCallsEnabled", i.OutboundCallsEnabled);
        Str(w, "InstanceAccessUrl", i.InstanceAccessUrl);
        if (!summary)
        {
            Tags(w, i.Tags);
            if (unknownMembers)
            {
                w.WriteString("InstanceEmulatorNote", "unknown member");
            }
        }

        w.WriteEndObject();
    }

    public static void WriteReplication(Utf8JsonWriter w, ReplicationConfiguration r)
    {
        w.WriteStartObject("ReplicationConfiguration");
        if (r.ReplicationStatusSummaryList is { } list)
        {
            w.WriteStartArray("ReplicationStatusSummaryList");
            foreach (var s in list)
            {
                w.WriteStartObject();
                Str(w, "Region", s.Region);
                Str(w, "ReplicationStatus", s.ReplicationStatus);
                Str(w, "ReplicationStatusReason", s.ReplicationStatusReason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        Str(w, "SourceRegion", r.SourceRegion);
        Str(w, "GlobalSignInEndpoint", r.GlobalSignInEndpoint);
        w.WriteEndObject();
    }

    public static void WriteUserSummary(Utf8JsonWriter w, EmulatorUser u)
    {
        w.WriteStartObject();
        w.WriteString("Id", u.Id);
        Str(w, "Arn", u.Arn);
        w.WriteString("Username", u.Username);
        WriteEpoch(w, "LastModifiedTime", u.LastModifiedTime);
        Str(w, "LastModifiedRegion", u.LastModifiedRegion);
        w.WriteEndObject();
    }

    public static void WriteUser(Utf8JsonWriter w, EmulatorUser u, UserShape shape, bool unknownMembers)
    {
        var full = shape == UserShape.Full;
        w.WriteStartObject();
        w.WriteString("Id", u.Id);
        Str(w, "Arn", u.Arn);
        w.WriteString("Username", u.Username);
        if (u.IdentityInfo is { } id)
        {
            w.WriteStartObject("IdentityInfo");
            Str(w, "FirstName", id.FirstName);
            Str(w, "LastName", id.LastName);
            if (full)
            {
                Str(w, "Email", id.Email);
                Str(w, "SecondaryEmail", id.SecondaryEmail);
                Str(w, "Mobile", id.Mobile);
            }

            w.WriteEndObject();
        }

        if (u.PhoneConfig is { } phone)
        {
            w.WriteStartObject("PhoneConfig");
            Str(w, "PhoneType", phone.PhoneType);
            w.WriteBoolean("AutoAccept", phone.AutoAccept);
            w.WriteNumber("AfterContactWorkTimeLimit", full ? phone.AfterContactWorkTimeLimit : phone.AfterContactWorkTimeLimit * 1000L);
            Str(w, "DeskPhoneNumber", phone.DeskPhoneNumber);
            if (phone.PersistentConnection is { } persistent)
            {
                w.WriteBoolean("PersistentConnection", persistent);
            }

            w.WriteEndObject();
        }

        Str(w, "DirectoryUserId", u.DirectoryUserId);
        Strings(w, "SecurityProfileIds", u.SecurityProfileIds);
        Str(w, "RoutingProfileId", u.RoutingProfileId);
        Str(w, "HierarchyGroupId", u.HierarchyGroupId);
        Tags(w, u.Tags);
        WriteChannelConfigs(w, u);
        if (full)
        {
            WriteEpoch(w, "LastModifiedTime", u.LastModifiedTime);
            Str(w, "LastModifiedRegion", u.LastModifiedRegion);
        }

        if (unknownMembers)
        {
            w.WriteString("UserEmulatorNote", "unknown member");
        }

        w.WriteEndObject();
    }

    private static void WriteChannelConfigs(Utf8JsonWriter w, EmulatorUser u)
    {
        if (u.AutoAcceptConfigs is { } autoAccept)
        {
            w.WriteStartArray("AutoAcceptConfigs");
            foreach (var c in autoAccept)
            {
                w.WriteStartObject();
                w.WriteString("Channel", c.Channel);
                w.WriteBoolean("AutoAccept", c.AutoAccept);
                if (c.AgentFirstCallbackAutoAccept is { } cb)
                {
                    w.WriteBoolean("AgentFirstCallbackAutoAccept", cb);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (u.AfterContactWorkConfigs is { } acw)
        {
            w.WriteStartArray("AfterContactWorkConfigs");
            foreach (var c in acw)
            {
                w.WriteStartObject();
                w.WriteString("Channel", c.Channel);
                w.WriteStartObject("AfterContactWorkConfig");
                w.WriteNumber("AfterContactWorkTimeLimit", c.AfterContactWorkConfig.AfterContactWorkTimeLimit);
                w.WriteEndObject();
                if (c.AgentFirstCallbackAfterContactWorkConfig is { } cb)
                {
                    w.WriteStartObject("AgentFirstCallbackAfterContactWorkConfig");
                    w.WriteNumber("AfterContactWorkTimeLimit", cb.AfterContactWorkTimeLimit);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (u.PhoneNumberConfigs is { } numbers)
        {
            w.WriteStartArray("PhoneNumberConfigs");
            foreach (var c in numbers)
            {
                w.WriteStartObject();
                w.WriteString("Channel", c.Channel);
                w.WriteString("PhoneType", c.PhoneType);
                Str(w, "PhoneNumber", c.PhoneNumber);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (u.PersistentConnectionConfigs is { } persistent)
        {
            w.WriteStartArray("PersistentConnectionConfigs");
            foreach (var c in persistent)
            {
                w.WriteStartObject();
                w.WriteString("Channel", c.Channel);
                w.WriteBoolean("PersistentConnection", c.PersistentConnection);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (u.VoiceEnhancementConfigs is { } voice)
        {
            w.WriteStartArray("VoiceEnhancementConfigs");
            foreach (var c in voice)
            {
                w.WriteStartObject();
                w.WriteString("Channel", c.Channel);
                w.WriteString("VoiceEnhancementMode", c.VoiceEnhancementMode);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }
    }

    private static void Str(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, List<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void Tags(Utf8JsonWriter w, Dictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        w.WriteStartObject("Tags");
        foreach (var (key, value) in tags)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }
}
