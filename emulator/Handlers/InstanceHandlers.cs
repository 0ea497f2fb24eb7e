using System;
using System.Text.Json;

namespace ConnectTools.Emulator;

/// <summary>DescribeInstance: <c>GET /instance/{InstanceId}</c>.</summary>
internal static class DescribeInstanceHandler
{
    public static void Handle(RequestContext ctx, Utf8JsonWriter w)
    {
        var instance = ctx.RequireInstance(ctx.Segments[1], "instanceId");
        w.WriteStartObject();
        w.WritePropertyName("Instance");
        ResponseJson.WriteInstance(w, instance, summary: false, ctx.IncludeUnknownMembers);
        if (instance.ReplicationConfiguration is { } replication)
        {
            ResponseJson.WriteReplication(w, replication);
        }

        ctx.WriteUnknownMember(w);
        w.WriteEndObject();
    }
}

/// <summary>ListInstances: <c>GET /instance?maxResults=&amp;nextToken=</c>.</summary>
internal static class ListInstancesHandler
{
    public static void Handle(RequestContext ctx, Utf8JsonWriter w)
    {
        var maxResults = ctx.QueryMaxResults(10, 10);
        var token = ctx.QueryValue("nextToken");
        var offset = ctx.DecodeToken(token, "", 0, "InvalidParameterException")?.Offset ?? 0;
        var instances = ctx.Data.Snapshot();
        var take = Math.Max(0, Math.Min(ctx.PageSize(maxResults), instances.Length - offset));

        w.WriteStartObject();
        w.WriteStartArray("InstanceSummaryList");
        for (var i = offset; i < offset + take; i++)
        {
            ResponseJson.WriteInstance(w, instances[i], summary: true, unknownMembers: false);
        }

        w.WriteEndArray();
        var next = offset + take < instances.Length ? offset + take : (int?)null;
        if (ctx.NextToken(token, "", next, 0) is { } nextToken)
        {
            w.WriteString("NextToken", nextToken);
        }

        ctx.WriteUnknownMember(w);
        w.WriteEndObject();
    }
}
