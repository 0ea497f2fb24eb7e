using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace ConnectTools.Emulator;

/// <summary>A rule added to a <see cref="FaultInjector"/>: how often it was applied, whether it expired, and how to remove it.</summary>
public sealed class ActiveFault
{
    private readonly FaultInjector _owner;
    private int _applied;

    internal ActiveFault(FaultInjector owner, FaultRule rule, long addedAt)
    {
        _owner = owner;
        Rule = rule;
        OpensAt = addedAt + (long)(rule.StartAfter.TotalSeconds * Stopwatch.Frequency);
        ClosesAt = rule.Duration is { } d ? OpensAt + (long)(d.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
    }

    public FaultRule Rule { get; }

    /// <summary>Requests the rule was applied to.</summary>
    public int Applied => Volatile.Read(ref _applied);

    /// <summary>True once the count is used up or the window has closed.</summary>
    public bool IsExpired => (Rule.Count is { } c && Applied >= c) || Stopwatch.GetTimestamp() >= ClosesAt;

    internal long OpensAt { get; }

    internal long ClosesAt { get; }

    /// <summary>Removes the rule.</summary>
    public void Remove() => _owner.Remove(this);

    /// <summary>Counts one application; false if the count was already used up (a race with another request).</summary>
    internal bool TryApply()
    {
        if (Rule.Count is not { } count)
        {
            Interlocked.Increment(ref _applied);
            return true;
        }

        while (true)
        {
            var applied = Volatile.Read(ref _applied);
            if (applied >= count)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _applied, applied + 1, applied) == applied)
            {
                return true;
            }
        }
    }
}

/// <summary>Runtime-configurable fault rules. Thread-safe.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly Random _random;
    private ActiveFault[] _rules = [];

    public FaultInjector(int seed) => _random = new Random(seed);

    /// <summary>The rules not yet removed (expired ones are removed as requests arrive).</summary>
    public IReadOnlyList<ActiveFault> Rules => Volatile.Read(ref _rules);

    /// <summary>Adds a rule; it is checked after the rules added before it.</summary>
    public ActiveFault Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Probability is < 0 or > 1 || double.IsNaN(rule.Probability))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "Probability must be between 0 and 1.");
        }

        var active = new ActiveFault(this, rule, Stopwatch.GetTimestamp());
        lock (_gate)
        {
            _rules = [.. _rules, active];
        }

        return active;
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules = [];
        }
    }

    internal void Remove(ActiveFault rule)
    {
        lock (_gate)
        {
            _rules = Array.FindAll(_rules, r => !ReferenceEquals(r, rule));
        }
    }

    /// <summary>The rule to apply to a request of <paramref name="operation"/>, or null.</summary>
    internal FaultRule? Pick(string operation)
    {
        var rules = Volatile.Read(ref _rules);
        if (rules.Length == 0)
        {
            return null;
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var rule in rules)
        {
            if (rule.IsExpired)
            {
                Remove(rule);
                continue;
            }

            if (now < rule.OpensAt || !Matches(rule.Rule, operation) || !Draw(rule.Rule.Probability))
            {
                continue;
            }

            if (rule.TryApply())
            {
                return rule.Rule;
            }
        }

        return null;
    }

    private static bool Matches(FaultRule rule, string operation)
    {
        if (rule.Operation is not null && !string.Equals(rule.Operation, operation, StringComparison.Ordinal))
        {
            return false;
        }

        return rule.Kind is not (FaultKind.PagingLoop or FaultKind.HugePage) || OperationNames.IsPaged(operation);
    }

    private bool Draw(double probability)
    {
        if (probability >= 1)
        {
            return true;
        }

        lock (_random)
        {
            return _random.NextDouble() < probability;
        }
    }
}
