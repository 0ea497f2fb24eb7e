using System;

namespace ConnectTools.Emulator;

/// <summary>What an injected fault does.</summary>
public enum FaultKind
{
    /// <summary>Answer with <see cref="FaultRule.StatusCode"/> and <see cref="FaultRule.ErrorCode"/> instead of running the operation.</summary>
    Status,

    /// <summary>Abort the connection before any response byte is sent.</summary>
    ConnectionReset,

    /// <summary>Send the headers with the full Content-Length, half of the body, then abort the connection.</summary>
    TruncatedBody,

    /// <summary>Answer 200 with a body that is not valid JSON (with a correct Content-Length).</summary>
    MalformedJson,

    /// <summary>Answer 200 with an empty body.</summary>
    EmptyBody,

    /// <summary>Write the body a few bytes at a time spread over <see cref="FaultRule.Delay"/>.</summary>
    SlowBody,

    /// <summary>Wait <see cref="FaultRule.Delay"/> more before answering normally.</summary>
    Delay,

    /// <summary>On a paged operation, return the NextToken that was sent in (so a naive client loops forever).</summary>
    PagingLoop,

    /// <summary>On a paged operation, return up to <see cref="FaultRule.HugePageSize"/> items whatever MaxResults asked.</summary>
    HugePage,

    /// <summary>
    /// Hold each of the first <see cref="FaultRule.Count"/> requests until all of them have arrived, then answer them
    /// normally: they are all in flight at once, or the client never had that many in flight. A request still held
    /// after <see cref="FaultRule.Delay"/> (a safety limit) is answered normally too. Needs <see cref="FaultRule.Count"/>.
    /// </summary>
    Barrier,
}

/// <summary>
/// A fault to inject. A rule matches a request when <see cref="Operation"/> matches, the time window is open and
/// its <see cref="Count"/> is not used up; it is then applied with <see cref="Probability"/>. The first rule
/// (in the order added) that matches and wins its draw is applied; at most one rule applies to a request.
/// </summary>
public sealed record FaultRule
{
    /// <summary>The operation name (see <see cref="OperationNames"/>), or null for any operation.</summary>
    public string? Operation { get; init; }

    public FaultKind Kind { get; init; }

    /// <summary>Chance (0..1) that a matching request gets the fault; draws use a Random seeded from the emulator's RandomSeed.</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>When set, the rule applies to at most this many requests, then expires.</summary>
    public int? Count { get; init; }

    /// <summary>When set, the rule is active for this long after it opens, then expires.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>The rule opens this long after it is added (default: at once).</summary>
    public TimeSpan StartAfter { get; init; } = TimeSpan.Zero;

    /// <summary>For <see cref="FaultKind.Status"/>: the HTTP status.</summary>
    public int StatusCode { get; init; } = 500;

    /// <summary>For <see cref="FaultKind.Status"/>: the error code; default from the status (429 ThrottlingException, 503 ServiceUnavailableException, else InternalServiceException).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>For <see cref="FaultKind.Status"/>: the error message; default from the status.</summary>
    public string? Message { get; init; }

    /// <summary>For <see cref="FaultKind.Delay"/> and <see cref="FaultKind.SlowBody"/>: the extra time; for <see cref="FaultKind.Barrier"/>: the longest a request is held.</summary>
    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>For <see cref="FaultKind.HugePage"/>: the most items returned in one page.</summary>
    public int HugePageSize { get; init; } = 10_000;

    /// <summary>An error status, e.g. <c>FaultRule.Error(503)</c> or <c>FaultRule.Error(429, "TooManyRequestsException")</c>.</summary>
    public static FaultRule Error(int statusCode, string? errorCode = null, string? message = null, string? operation = null) =>
        new() { Kind = FaultKind.Status, StatusCode = statusCode, ErrorCode = errorCode, Message = message, Operation = operation };

    /// <summary>429 ThrottlingException "Rate exceeded".</summary>
    public static FaultRule Throttle(string? operation = null) => Error(429, "ThrottlingException", "Rate exceeded", operation);

    /// <summary>A "429 storm": <paramref name="probability"/> of the calls throttled for <paramref name="duration"/>.</summary>
    public static FaultRule ThrottleStorm(double probability, TimeSpan duration, string? operation = null) =>
        Throttle(operation) with { Probability = probability, Duration = duration };

    /// <summary>A fault of the given kind.</summary>
    public static FaultRule Of(FaultKind kind, string? operation = null) => new() { Kind = kind, Operation = operation };

    /// <summary>The first <paramref name="count"/> requests are held until all of them have arrived (or <paramref name="limit"/> passed).</summary>
    public static FaultRule Barrier(int count, TimeSpan limit, string? operation = null) =>
        new() { Kind = FaultKind.Barrier, Count = count, Delay = limit, Operation = operation };

    /// <summary>Extra latency.</summary>
    public static FaultRule Latency(TimeSpan delay, string? operation = null) =>
        new() { Kind = FaultKind.Delay, Delay = delay, Operation = operation };

    internal string EffectiveErrorCode => ErrorCode ?? StatusCode switch
    {
        429 => "ThrottlingException",
        503 => "ServiceUnavailableException",
        404 => "ResourceNotFoundException",
        403 => "AccessDeniedException",
        400 => "InvalidRequestException",
        402 => "ServiceQuotaExceededException",
        _ => "InternalServiceException",
    };

    internal string EffectiveMessage => Message ?? StatusCode switch
    {
        429 => "Rate exceeded",
        503 => "Service is unavailable. Please try again later.",
        _ => "Injected fault: " + EffectiveErrorCode,
    };
}
