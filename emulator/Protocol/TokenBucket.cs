using System;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace ConnectTools.Emulator;

/// <summary>A token bucket: starts full with <c>burst</c> tokens, refills continuously at <c>rate</c> per second.</summary>
internal sealed class TokenBucket
{
    private readonly object _gate = new();
    private readonly double _rate;
    private readonly double _capacity;
    private double _tokens;
    private long _updated;

    public TokenBucket(double ratePerSecond, int burst)
    {
        _rate = Math.Max(0, ratePerSecond);
        _capacity = Math.Max(1, burst);
        _tokens = _capacity;
        _updated = Stopwatch.GetTimestamp();
    }

    /// <summary>Takes a token if one is available.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (Stopwatch.GetElapsedTime(_updated, now).TotalSeconds * _rate));
            _updated = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}

/// <summary>
/// The token buckets of all operations and callers, as the service keeps them: one bucket per account, Region and
/// operation (or per access key id, with <see cref="QuotaScope.AccessKey"/>), refilled at the quota's rate and holding
/// its burst. A throttled call takes no token.
/// </summary>
internal sealed class QuotaManager
{
    private readonly EmulatorOptions _options;
    private readonly ConcurrentDictionary<(string Caller, string Region, string Operation), TokenBucket?> _buckets = new();

    public QuotaManager(EmulatorOptions options) => _options = options;

    /// <summary>True when the call may proceed.</summary>
    public bool TryAcquire(string operation, string? accessKeyId)
    {
        if (_options.DisableQuotas)
        {
            return true;
        }

        var caller = _options.QuotaScope == QuotaScope.AccessKey ? accessKeyId ?? "" : _options.AccountId;
        var bucket = _buckets.GetOrAdd((caller, _options.Region, operation), static (key, options) =>
            options.Quotas.TryGetValue(key.Operation, out var quota) && quota is not null
                ? new TokenBucket(quota.RatePerSecond, quota.Burst)
                : null, _options);
        return bucket?.TryTake() ?? true;
    }

    /// <summary>Forgets every bucket: the next call of each operation starts with a full bucket and the current quotas.</summary>
    public void Reset() => _buckets.Clear();
}
