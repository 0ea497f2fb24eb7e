using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace ConnectTools.Emulator;

/// <summary>What an operation handler gets: the parsed request, the emulator's state and the fault to apply, if any.</summary>
internal sealed class RequestContext
{
    public required string Operation { get; init; }

    /// <summary>The decoded path segments.</summary>
    public required string[] Segments { get; init; }

    /// <summary>The decoded query parameters.</summary>
    public required List<KeyValuePair<string, string>> Query { get; init; }

    public required byte[] Body { get; init; }

    public required EmulatorData Data { get; init; }

    public required EmulatorOptions Options { get; init; }

    public required NextTokenCodec Tokens { get; init; }

    public required SearchCountCache SearchCounts { get; init; }

    public FaultRule? Fault { get; init; }

    public bool IncludeUnknownMembers => Options.IncludeUnknownMembers;

    public string? QueryValue(string name)
    {
        foreach (var pair in Query)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>The <c>maxResults</c> query parameter checked against the operation's range.</summary>
    public int QueryMaxResults(int max, int defaultValue)
    {
        var raw = QueryValue("maxResults");
        if (raw is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw ApiException.Serialization($"Value '{raw}' at 'maxResults' is not a valid integer.");
        }

        if (value < 1)
        {
            throw ApiException.Constraint(raw, "maxResults", "have value greater than or equal to 1");
        }

        if (value > max)
        {
            throw ApiException.Constraint(raw, "maxResults", $"have value less than or equal to {max}");
        }

        return value;
    }

    /// <summary>Checks an instance id (1–100 characters) and returns the instance or throws 404.</summary>
    public EmulatorInstance RequireInstance(string instanceId, string member)
    {
        if (instanceId.Length is < 1 or > 100)
        {
            throw ApiException.Constraint(instanceId, member, instanceId.Length < 1
                ? "have length greater than or equal to 1"
                : "have length less than or equal to 100");
        }

        return Data.FindInstance(instanceId)
            ?? throw ApiException.NotFound($"Instance not found: {instanceId}");
    }

    /// <summary>Decodes a next token for this operation and instance, or throws 400 with <paramref name="errorCode"/>.</summary>
    public PageCursor? DecodeToken(string? token, string instanceId, ulong queryHash, string errorCode)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var cursor = Tokens.TryDecode(token);
        if (cursor is not { } c || c.Operation != Operation || c.InstanceId != instanceId || c.QueryHash != queryHash)
        {
            throw new ApiException(400, errorCode, "The nextToken is not valid.");
        }

        return c;
    }

    /// <summary>The next token to send: the incoming one under a PagingLoop fault, else one for <paramref name="nextOffset"/> (null at the end).</summary>
    public string? NextToken(string? incoming, string instanceId, int? nextOffset, ulong queryHash)
    {
        if (Fault?.Kind == FaultKind.PagingLoop && !string.IsNullOrEmpty(incoming))
        {
            return incoming;
        }

        return nextOffset is { } offset ? Tokens.Encode(new PageCursor(Operation, instanceId, offset, queryHash)) : null;
    }

    /// <summary>The page size: <paramref name="requested"/>, or the HugePage fault's size.</summary>
    public int PageSize(int requested) => Fault?.Kind == FaultKind.HugePage ? Math.Max(requested, Fault.HugePageSize) : requested;

    public void WriteUnknownMember(Utf8JsonWriter writer)
    {
        if (IncludeUnknownMembers)
        {
            ResponseJson.WriteUnknownMember(writer, "EmulatorExtra");
        }
    }
}
