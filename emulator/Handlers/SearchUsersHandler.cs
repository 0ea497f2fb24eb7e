using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ConnectTools.Emulator;

/// <summary>SearchUsers: <c>POST /search-users</c> with a JSON body.</summary>
internal static class SearchUsersHandler
{
    public static void Handle(RequestContext ctx, Utf8JsonWriter w)
    {
        using var document = Parse(ctx.Body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Serialization("The request body must be a JSON object.");
        }

        var instanceId = OptionalString(root, "InstanceId") ?? throw ApiException.InvalidParameter("InstanceId is required.");
        var instance = ctx.RequireInstance(instanceId, "instanceId");
        var maxResults = MaxResults(root);
        var token = OptionalString(root, "NextToken");
        if (token is { Length: < 1 or > 2500 })
        {
            throw ApiException.Constraint(token, "nextToken", token.Length < 1 ? "have length greater than or equal to 1" : "have length less than or equal to 2500");
        }

        var parser = new SearchCriteriaParser(instance);
        Func<EmulatorUser, bool>? criteria = null, filter = null;
        var queryText = new StringBuilder();
        if (root.TryGetProperty("SearchCriteria", out var c) && c.ValueKind != JsonValueKind.Null)
        {
            criteria = parser.Criteria(c, "SearchCriteria");
            queryText.Append(c.GetRawText());
        }

        queryText.Append('\u0001');
        if (root.TryGetProperty("SearchFilter", out var f) && f.ValueKind != JsonValueKind.Null)
        {
            filter = parser.Filter(f);
            queryText.Append(f.GetRawText());
        }

        var queryHash = Fnv1a(queryText.ToString());
        var predicate = Combine(criteria, filter);
        var scanFrom = ctx.DecodeToken(token, instance.Id, queryHash, "InvalidRequestException")?.Offset ?? 0;
        var users = instance.Snapshot();
        var pageSize = ctx.PageSize(maxResults);

        w.WriteStartObject();
        w.WriteStartArray("Users");
        var written = 0;
        var position = scanFrom;
        int? next = null;
        for (; position < users.Length; position++)
        {
            if (predicate is not null && !predicate(users[position]))
            {
                continue;
            }

            if (written == pageSize)
            {
                next = position;
                break;
            }

            ResponseJson.WriteUser(w, users[position], ResponseJson.UserShape.SearchSummary, unknownMembers: false);
            written++;
        }

        w.WriteEndArray();
        if (ctx.NextToken(token, instance.Id, next, queryHash) is { } nextToken)
        {
            w.WriteString("NextToken", nextToken);
        }

        var total = predicate is null ? users.Length : ctx.SearchCounts.Count(instance, queryHash, users, predicate);
        w.WriteNumber("ApproximateTotalCount", total);
        ctx.WriteUnknownMember(w);
        w.WriteEndObject();
    }

    private static JsonDocument Parse(byte[] body)
    {
        if (body.Length == 0)
        {
            throw ApiException.Serialization("The request body is empty; SearchUsers needs a JSON object.");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw ApiException.Serialization("The request body is not valid JSON: " + e.Message);
        }
    }

    private static int MaxResults(JsonElement root)
    {
        if (!root.TryGetProperty("MaxResults", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return 100;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var max))
        {
            throw ApiException.Serialization("MaxResults must be an integer.");
        }

        return max switch
        {
            < 1 => throw ApiException.Constraint(max.ToString(System.Globalization.CultureInfo.InvariantCulture), "maxResults", "have value greater than or equal to 1"),
            > 500 => throw ApiException.Constraint(max.ToString(System.Globalization.CultureInfo.InvariantCulture), "maxResults", "have value less than or equal to 500"),
            _ => max,
        };
    }

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw ApiException.Serialization($"{name} must be a string.");
    }

    private static Func<EmulatorUser, bool>? Combine(Func<EmulatorUser, bool>? a, Func<EmulatorUser, bool>? b) =>
        a is null ? b : b is null ? a : u => a(u) && b(u);

    private static ulong Fnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in text)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return hash;
    }
}

/// <summary>Remembers match counts of recent searches so paging through a large result does not rescan for ApproximateTotalCount.</summary>
internal sealed class SearchCountCache
{
    private readonly ConcurrentDictionary<(string Instance, long Version, ulong Query), int> _counts = new();

    public int Count(EmulatorInstance instance, ulong query, EmulatorUser[] users, Func<EmulatorUser, bool> predicate)
    {
        var key = (instance.Id, instance.Version, query);
        if (_counts.TryGetValue(key, out var count))
        {
            return count;
        }

        count = 0;
        foreach (var user in users)
        {
            if (predicate(user))
            {
                count++;
            }
        }

        if (_counts.Count > 256)
        {
            _counts.Clear();
        }

        _counts[key] = count;
        return count;
    }

}
