using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace ConnectTools.Emulator;

/// <summary>The instances and users an emulator serves. Thread-safe; tests may change it between or during calls.</summary>
public sealed class EmulatorData
{
    private readonly object _gate = new();
    private readonly List<EmulatorInstance> _instances = [];
    private EmulatorInstance[]? _snapshot;
    private long _version;

    public EmulatorData(string region, string accountId)
    {
        Region = region;
        AccountId = accountId;
    }

    public string Region { get; }

    public string AccountId { get; }

    /// <summary>A snapshot of the instances in list order.</summary>
    public IReadOnlyList<EmulatorInstance> Instances => Snapshot();

    /// <summary>Changes whenever an instance is added or removed.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Every user of every instance.</summary>
    public IEnumerable<EmulatorUser> AllUsers => Snapshot().SelectMany(i => i.Snapshot());

    /// <summary>The ARN of an instance id in this emulator's region and account.</summary>
    public string InstanceArn(string instanceId) => $"arn:aws:connect:{Region}:{AccountId}:instance/{instanceId}";

    /// <summary>Adds an instance (filling Id, Arn and CreatedTime when missing) and returns it.</summary>
    public EmulatorInstance AddInstance(EmulatorInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (string.IsNullOrEmpty(instance.Id))
        {
            instance.Id = Guid.NewGuid().ToString();
        }

        instance.Arn ??= InstanceArn(instance.Id);
        instance.CreatedTime ??= DateTimeOffset.UtcNow;
        instance.Owner = this;
        lock (_gate)
        {
            if (_instances.Any(i => string.Equals(i.Id, instance.Id, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"An instance with id {instance.Id} already exists.");
            }

            _instances.Add(instance);
            Changed();
        }

        return instance;
    }

    /// <summary>Generates an instance with <paramref name="users"/> users, deterministic from <paramref name="seed"/>, and adds it.</summary>
    public EmulatorInstance AddGeneratedInstance(int users, int seed)
    {
        int index;
        lock (_gate)
        {
            index = _instances.Count;
        }

        return AddInstance(new DataGenerator(Region, AccountId, seed).CreateInstance(index, users));
    }

    /// <summary>Removes an instance by id or ARN; false when there is none.</summary>
    public bool RemoveInstance(string instanceIdOrArn)
    {
        ArgumentNullException.ThrowIfNull(instanceIdOrArn);
        lock (_gate)
        {
            var instance = FindInstance(instanceIdOrArn);
            if (instance is null)
            {
                return false;
            }

            _instances.Remove(instance);
            Changed();
            return true;
        }
    }

    /// <summary>Removes every instance.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _instances.Clear();
            Changed();
        }
    }

    /// <summary>
    /// The instance with this id or ARN, or null. Like the service, an ARN finds an instance only in its own account and
    /// Region: the same instance id under another account or Region names an instance this caller cannot see.
    /// </summary>
    public EmulatorInstance? FindInstance(string instanceIdOrArn)
    {
        ArgumentNullException.ThrowIfNull(instanceIdOrArn);
        if (instanceIdOrArn.StartsWith("arn:", StringComparison.Ordinal))
        {
            var parts = instanceIdOrArn.Split(':', 6);
            if (parts.Length < 6 || parts[3] != Region || parts[4] != AccountId) return null;
        }

        var id = InstanceIds.FromIdOrArn(instanceIdOrArn);
        foreach (var instance in Snapshot())
        {
            if (string.Equals(instance.Id, id, StringComparison.Ordinal))
            {
                return instance;
            }
        }

        return null;
    }

    internal EmulatorInstance[] Snapshot()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null)
        {
            return snapshot;
        }

        lock (_gate)
        {
            _snapshot ??= [.. _instances];
            return _snapshot;
        }
    }

    private void Changed()
    {
        _snapshot = null;
        Interlocked.Increment(ref _version);
    }
}

internal static class InstanceIds
{
    /// <summary>The instance id of an id or an instance ARN (<c>arn:...:instance/{id}</c>).</summary>
    public static string FromIdOrArn(string value)
    {
        if (value.StartsWith("arn:", StringComparison.Ordinal))
        {
            var marker = value.IndexOf(":instance/", StringComparison.Ordinal);
            if (marker >= 0)
            {
                var id = value[(marker + ":instance/".Length)..];
                var slash = id.IndexOf('/');
                return slash >= 0 ? id[..slash] : id;
            }
        }

        return value;
    }
}
