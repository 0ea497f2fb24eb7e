using System;
using System.Collections.Generic;
using System.Text.Json;

namespace ConnectTools.Emulator;

/// <summary>
/// Turns SearchUsers' SearchCriteria and SearchFilter into a predicate, validating them like the service
/// (400 InvalidParameterException with a message naming the member).
/// </summary>
internal sealed class SearchCriteriaParser
{
    private static readonly string[] StringFields = ["Username", "FirstName", "LastName", "RoutingProfileId", "SecurityProfileId", "resourceId"];
    private readonly EmulatorInstance _instance;

    public SearchCriteriaParser(EmulatorInstance instance) => _instance = instance;

    public Func<EmulatorUser, bool> Criteria(JsonElement e, string path)
    {
        RequireObject(e, path);
        var parts = new List<Func<EmulatorUser, bool>>();
        foreach (var member in e.EnumerateObject())
        {
            var at = path + "." + member.Name;
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (member.Name)
            {
                case "OrConditions":
                    var any = Array(member.Value, at, Criteria);
                    parts.Add(u => Any(any, u));
                    break;
                case "AndConditions":
                    var all = Array(member.Value, at, Criteria);
                    parts.Add(u => All(all, u));
                    break;
                case "StringCondition":
                    parts.Add(StringCondition(member.Value, at));
                    break;
                case "HierarchyGroupCondition":
                    parts.Add(HierarchyCondition(member.Value, at));
                    break;
                case "ListCondition":
                    throw ApiException.InvalidParameter($"{at}: ListCondition (proficiencies) is not supported by the emulator.");
            }
        }

        return Combine(parts);
    }

    public Func<EmulatorUser, bool> Filter(JsonElement e)
    {
        RequireObject(e, "SearchFilter");
        var tag = Member(e, "TagFilter");
        var attribute = Member(e, "UserAttributeFilter");
        if (tag is not null && attribute is not null)
        {
            throw ApiException.InvalidParameter("SearchFilter can contain either TagFilter or UserAttributeFilter, not both.");
        }

        if (tag is { } t)
        {
            return TagFilter(t);
        }

        return attribute is { } a ? AttributeFilter(a) : static _ => true;
    }

    private Func<EmulatorUser, bool> TagFilter(JsonElement e)
    {
        const string path = "SearchFilter.TagFilter";
        RequireObject(e, path);
        var parts = new List<Func<EmulatorUser, bool>>();
        if (Member(e, "OrConditions") is { } or)
        {
            var any = Array(or, path + ".OrConditions", (inner, at) =>
            {
                var all = Array(inner, at, TagCondition);
                return u => All(all, u);
            });
            parts.Add(u => Any(any, u));
        }

        if (Member(e, "AndConditions") is { } and)
        {
            var all = Array(and, path + ".AndConditions", TagCondition);
            parts.Add(u => All(all, u));
        }

        if (Member(e, "TagCondition") is { } single)
        {
            parts.Add(TagCondition(single, path + ".TagCondition"));
        }

        return Combine(parts);
    }

    private Func<EmulatorUser, bool> AttributeFilter(JsonElement e)
    {
        const string path = "SearchFilter.UserAttributeFilter";
        RequireObject(e, path);
        var parts = new List<Func<EmulatorUser, bool>>();
        if (Member(e, "OrConditions") is { } or)
        {
            var any = Array(or, path + ".OrConditions", AttributeAndCondition);
            parts.Add(u => Any(any, u));
        }

        if (Member(e, "AndCondition") is { } and)
        {
            parts.Add(AttributeAndCondition(and, path + ".AndCondition"));
        }

        if (Member(e, "TagCondition") is { } tag)
        {
            parts.Add(TagCondition(tag, path + ".TagCondition"));
        }

        if (Member(e, "HierarchyGroupCondition") is { } group)
        {
            parts.Add(HierarchyCondition(group, path + ".HierarchyGroupCondition"));
        }

        return Combine(parts);
    }

    private Func<EmulatorUser, bool> AttributeAndCondition(JsonElement e, string path)
    {
        RequireObject(e, path);
        var parts = new List<Func<EmulatorUser, bool>>();
        if (Member(e, "TagConditions") is { } tags)
        {
            var all = Array(tags, path + ".TagConditions", TagCondition);
            parts.Add(u => All(all, u));
        }

        if (Member(e, "HierarchyGroupCondition") is { } group)
        {
            parts.Add(HierarchyCondition(group, path + ".HierarchyGroupCondition"));
        }

        return Combine(parts);
    }

    private Func<EmulatorUser, bool> TagCondition(JsonElement e, string path)
    {
        RequireObject(e, path);
        var key = String(e, "TagKey", path) ?? throw ApiException.InvalidParameter($"{path}.TagKey is required.");
        var value = String(e, "TagValue", path);
        return value is null
            ? u => u.Tags?.ContainsKey(key) == true
            : u => u.Tags is { } tags && tags.TryGetValue(key, out var v) && string.Equals(v, value, StringComparison.Ordinal);
    }

    private Func<EmulatorUser, bool> HierarchyCondition(JsonElement e, string path)
    {
        RequireObject(e, path);
        var value = String(e, "Value", path) ?? throw ApiException.InvalidParameter($"{path}.Value is required.");
        var match = String(e, "HierarchyGroupMatchType", path) ?? "EXACT";
        switch (match)
        {
            case "EXACT":
                return u => string.Equals(u.HierarchyGroupId, value, StringComparison.Ordinal);
            case "WITH_CHILD_GROUPS":
                var parents = _instance.HierarchyGroupParents;
                return u => IsInGroup(u.HierarchyGroupId, value, parents);
            default:
                throw ApiException.InvalidParameter($"{path}.HierarchyGroupMatchType must be one of EXACT, WITH_CHILD_GROUPS; got '{match}'.");
        }
    }

    private static bool IsInGroup(string? group, string wanted, Dictionary<string, string> parents)
    {
        for (var depth = 0; group is not null && depth < 10; depth++)
        {
            if (string.Equals(group, wanted, StringComparison.Ordinal))
            {
                return true;
            }

            group = parents.GetValueOrDefault(group);
        }

        return false;
    }

    private static Func<EmulatorUser, bool> StringCondition(JsonElement e, string path)
    {
        RequireObject(e, path);
        var field = String(e, "FieldName", path) ?? throw ApiException.InvalidParameter($"{path}.FieldName is required.");
        var value = String(e, "Value", path) ?? throw ApiException.InvalidParameter($"{path}.Value is required.");
        var comparison = String(e, "ComparisonType", path) ?? throw ApiException.InvalidParameter($"{path}.ComparisonType is required.");
        if (System.Array.IndexOf(StringFields, field) < 0)
        {
            throw ApiException.InvalidParameter($"{path}.FieldName '{field}' is not supported. Supported: {string.Join(", ", StringFields)}.");
        }

        Func<string?, bool> test = comparison switch
        {
            "EXACT" => s => string.Equals(s, value, StringComparison.OrdinalIgnoreCase),
            "STARTS_WITH" => s => s is not null && s.StartsWith(value, StringComparison.OrdinalIgnoreCase),
            "CONTAINS" when value.Length is < 2 or > 25 =>
                throw ApiException.InvalidParameter($"{path}.Value must be between 2 and 25 characters for CONTAINS; got {value.Length}."),
            "CONTAINS" => s => s is not null && s.Contains(value, StringComparison.OrdinalIgnoreCase),
            _ => throw ApiException.InvalidParameter($"{path}.ComparisonType must be one of STARTS_WITH, CONTAINS, EXACT; got '{comparison}'."),
        };

        return field switch
        {
            "Username" => u => test(u.Username),
            "FirstName" => u => test(u.IdentityInfo?.FirstName),
            "LastName" => u => test(u.IdentityInfo?.LastName),
            "RoutingProfileId" => u => test(u.RoutingProfileId),
            "SecurityProfileId" => u => u.SecurityProfileIds is { } ids && ids.Exists(id => test(id)),
            _ => u => test(u.Id),
        };
    }

    private static Func<EmulatorUser, bool>[] Array(JsonElement e, string path, Func<JsonElement, string, Func<EmulatorUser, bool>> item)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.Serialization($"{path} must be a list.");
        }

        var items = new List<Func<EmulatorUser, bool>>();
        var i = 0;
        foreach (var element in e.EnumerateArray())
        {
            items.Add(item(element, $"{path}[{i++}]"));
        }

        return [.. items];
    }

    private static bool Any(Func<EmulatorUser, bool>[] tests, EmulatorUser u)
    {
        foreach (var t in tests)
        {
            if (t(u))
            {
                return true;
            }
        }

        return false;
    }

    private static bool All(Func<EmulatorUser, bool>[] tests, EmulatorUser u)
    {
        foreach (var t in tests)
        {
            if (!t(u))
            {
                return false;
            }
        }

        return true;
    }

    private static Func<EmulatorUser, bool> Combine(List<Func<EmulatorUser, bool>> parts)
    {
        if (parts.Count == 0)
        {
            return static _ => true;
        }

        if (parts.Count == 1)
        {
            return parts[0];
        }

        Func<EmulatorUser, bool>[] all = [.. parts];
        return u => All(all, u);
    }

    private static JsonElement? Member(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? String(JsonElement e, string name, string path)
    {
        if (Member(e, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw ApiException.Serialization($"{path}.{name} must be a string.");
    }

    private static void RequireObject(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Serialization($"{path} must be an object.");
        }
    }
}
