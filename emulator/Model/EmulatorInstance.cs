using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using System.Threading;

namespace ConnectTools.Emulator;

/// <summary>
/// An instance, with every member of the service's Instance shape plus its ReplicationConfiguration and its users.
/// The user collection is thread-safe; readers see a consistent snapshot.
/// </summary>
public sealed class EmulatorInstance
{
    private readonly object _gate = new();
    private readonly List<EmulatorUser> _users = [];
    private readonly Dictionary<string, EmulatorUser> _byId = new(StringComparer.Ordinal);
    private EmulatorUser[]? _snapshot;
    private long _version;

    /// <summary>Filled with a new GUID when the instance is added without one.</summary>
    public string Id { get; set; } = "";

    /// <summary>Filled as <c>arn:aws:connect:{region}:{account}:instance/{id}</c> when added without one.</summary>
    public string? Arn { get; set; }

    /// <summary>SAML, CONNECT_MANAGED or EXISTING_DIRECTORY.</summary>
    public string? IdentityManagementType { get; set; } = "CONNECT_MANAGED";

    public string? InstanceAlias { get; set; }

    public DateTimeOffset? CreatedTime { get; set; }

    public string? ServiceRole { get; set; }

    /// <summary>CREATION_IN_PROGRESS, ACTIVE or CREATION_FAILED.</summary>
    public string? InstanceStatus { get; set; } = "ACTIVE";

    public InstanceStatusReason? StatusReason { get; set; }

    public bool InboundCallsEnabled { get; set; } = true;

    public bool OutboundCallsEnabled { get; set; } = true;

    public string? InstanceAccessUrl { get; set; }

    public Dictionary<string, string>? Tags { get; set; }

    /// <summary>Returned by DescribeInstance only when set.</summary>
    [JsonIgnore]
    public ReplicationConfiguration? ReplicationConfiguration { get; set; }

    /// <summary>Hierarchy group id to its parent group id, for HierarchyGroupMatchType WITH_CHILD_GROUPS.</summary>
    [JsonIgnore]
    public Dictionary<string, string> HierarchyGroupParents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A snapshot of the users in their list order.</summary>
    [JsonIgnore]
    public IReadOnlyList<EmulatorUser> Users => Snapshot();

    [JsonIgnore]
    public int UserCount
    {
        get
        {
            lock (_gate)
            {
                return _users.Count;
            }
        }
    }

    /// <summary>Changes whenever a user is added or removed; next tokens are stable while it does not change.</summary>
    [JsonIgnore]
    public long Version => Interlocked.Read(ref _version);

    internal EmulatorData? Owner { get; set; }

    /// <summary>Adds a user (filling Id, LastModifiedTime and LastModifiedRegion when missing; Arn is derived when not set) and returns it.</summary>
    public EmulatorUser AddUser(EmulatorUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(user.Id))
        {
            user.Id = Guid.NewGuid().ToString();
        }

        user.LastModifiedTime ??= DateTimeOffset.UtcNow;
        user.LastModifiedRegion ??= Owner?.Region;
        lock (_gate)
        {
            if (!_byId.TryAdd(user.Id, user))
            {
                throw new InvalidOperationException($"Instance {Id} already has a user with id {user.Id}.");
            }

            _users.Add(user);
            user.Instance = this;
            Changed();
        }

        return user;
    }

    /// <summary>Adds users in bulk (faster than one by one for large sets).</summary>
    public void AddUsers(IEnumerable<EmulatorUser> users)
    {
        ArgumentNullException.ThrowIfNull(users);
        foreach (var user in users)
        {
            AddUser(user);
        }
    }

    /// <summary>Removes a user by id; false when there is none.</summary>
    public bool RemoveUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (_gate)
        {
            if (!_byId.Remove(userId, out var user))
            {
                return false;
            }

            _users.Remove(user);
            Changed();
            return true;
        }
    }

    /// <summary>Removes every user.</summary>
    public void ClearUsers()
    {
        lock (_gate)
        {
            _users.Clear();
            _byId.Clear();
            Changed();
        }
    }

    /// <summary>The user with this id (ordinal match), or null.</summary>
    public EmulatorUser? FindUser(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        lock (_gate)
        {
            return _byId.GetValueOrDefault(userId);
        }
    }

    internal EmulatorUser[] Snapshot()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null)
        {
            return snapshot;
        }

        lock (_gate)
        {
            _snapshot ??= [.. _users];
            return _snapshot;
        }
    }

    private void Changed()
    {
        _snapshot = null;
        Interlocked.Increment(ref _version);
    }
}
