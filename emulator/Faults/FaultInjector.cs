using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Emulator;

/// <summary>A rule added to a <see cref="FaultInjector"/>: how often it was applied, whether it expired, and how to remove it.</summary>
public sealed class ActiveFault
{
    private readonly FaultInjector _owner;
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    /// <summary>For <see cref="FaultKind.Barrier"/>: completes once the rule has been applied <see cref="FaultRule.Count"/> times.</summary>
    internal Task AllArrived => _allArrived.Task;

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
                if (applied + 1 == count)
                {
                    _allArrived.TrySetResult();
                }

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

        if (rule.Kind == FaultKind.Barrier && rule.Count is not > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), "A Barrier needs a Count of at least 1: how many requests it waits for.");
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
    internal FaultRule? Pick(string operation) => PickActive(operation)?.Rule;

    /// <summary>The rule to apply to a request of <paramref name="operation"/>, with its state, or null.</summary>
    internal ActiveFault? PickActive(string operation)
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
                return rule;
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
