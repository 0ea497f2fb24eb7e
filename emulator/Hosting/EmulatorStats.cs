using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace ConnectTools.Emulator;

/// <summary>One request as the emulator saw it.</summary>
/// <param name="Operation">The operation name, or <see cref="OperationNames.Unknown"/>.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The raw path and query (security tokens and signatures redacted).</param>
/// <param name="ReceivedAt">When the request arrived.</param>
/// <param name="StatusCode">The status sent, or 0 when the connection was aborted before a status was sent.</param>
/// <param name="ErrorCode">The error code sent, if any.</param>
/// <param name="Fault">The injected fault kind, if any.</param>
/// <param name="AccessKeyId">The verified access key id, if any.</param>
/// <param name="Duration">Time from arrival to the end of the response.</param>
/// <param name="RequestId">The x-amzn-RequestId sent.</param>
/// <param name="UserAgent">The request's User-Agent header.</param>
public sealed record RequestRecord(
    string Operation,
    string Method,
    string PathAndQuery,
    DateTimeOffset ReceivedAt,
    int StatusCode,
    string? ErrorCode,
    FaultKind? Fault,
    string? AccessKeyId,
    TimeSpan Duration,
    string RequestId,
    string? UserAgent = null);

/// <summary>Thread-safe counters of one operation.</summary>
public sealed class OperationStats
{
    private readonly ConcurrentDictionary<int, long> _byStatus = new();
    private long _requests;
    private long _throttled;
    private long _signatureFailures;
    private long _faults;

    internal OperationStats(string operation) => Operation = operation;

    public string Operation { get; }

    /// <summary>Requests received.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>429 responses sent because of a quota (injected 429s are counted under <see cref="FaultsInjected"/>).</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>Requests refused by signature verification (403).</summary>
    public long SignatureFailures => Interlocked.Read(ref _signatureFailures);

    /// <summary>Requests a fault rule was applied to.</summary>
    public long FaultsInjected => Interlocked.Read(ref _faults);

    /// <summary>Responses by HTTP status code (0: connection aborted before a status).</summary>
    public IReadOnlyDictionary<int, long> ResponsesByStatus => new SortedDictionary<int, long>(_byStatus);

    /// <summary>Responses sent with this status code.</summary>
    public long Responses(int statusCode) => _byStatus.GetValueOrDefault(statusCode);

    internal void CountRequest() => Interlocked.Increment(ref _requests);

    internal void CountThrottled() => Interlocked.Increment(ref _throttled);

    internal void CountSignatureFailure() => Interlocked.Increment(ref _signatureFailures);

    internal void CountFault() => Interlocked.Increment(ref _faults);

    internal void CountResponse(int statusCode) => _byStatus.AddOrUpdate(statusCode, 1, static (_, n) => n + 1);
}

/// <summary>Thread-safe counters of an emulator, per operation, and a bounded record of recent requests.</summary>
public sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<string, OperationStats> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RequestRecord> _records = new();
    private int _recordCount;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>How many request records are kept (the oldest are dropped).</summary>
    public int MaxRecords { get; set; } = 100_000;

    /// <summary>Requests being processed now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most requests ever in flight at once since start or <see cref="Reset"/>.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>Requests received, all operations.</summary>
    public long TotalRequests => _operations.Values.Sum(o => o.Requests);

    /// <summary>Quota 429s, all operations.</summary>
    public long TotalThrottled => _operations.Values.Sum(o => o.Throttled);

    /// <summary>Signature failures, all operations.</summary>
    public long TotalSignatureFailures => _operations.Values.Sum(o => o.SignatureFailures);

    /// <summary>Counters of every operation seen so far.</summary>
    public IReadOnlyDictionary<string, OperationStats> Operations => new Dictionary<string, OperationStats>(_operations);

    /// <summary>The recent requests, oldest first.</summary>
    public IReadOnlyList<RequestRecord> Requests => [.. _records];

    /// <summary>The counters of one operation (zero when it has not been called).</summary>
    public OperationStats this[string operation] => For(operation);

    /// <summary>The counters of one operation (zero when it has not been called).</summary>
    public OperationStats For(string operation) => _operations.GetOrAdd(operation, static op => new OperationStats(op));

    /// <summary>Responses with this status code, all operations.</summary>
    public long Responses(int statusCode) => _operations.Values.Sum(o => o.Responses(statusCode));

    /// <summary>Clears every counter and record.</summary>
    public void Reset()
    {
        _operations.Clear();
        _records.Clear();
        Interlocked.Exchange(ref _recordCount, 0);
        Interlocked.Exchange(ref _maxInFlight, Volatile.Read(ref _inFlight));
    }

    internal void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        var max = Volatile.Read(ref _maxInFlight);
        while (now > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxInFlight, now, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    internal void Exit() => Interlocked.Decrement(ref _inFlight);

    internal void Record(RequestRecord record)
    {
        _records.Enqueue(record);
        if (Interlocked.Increment(ref _recordCount) > MaxRecords && _records.TryDequeue(out _))
        {
            Interlocked.Decrement(ref _recordCount);
        }
    }
}
