using System;
using System.Text.Json;

namespace ConnectTools.Emulator;

/// <summary>DescribeUser: <c>GET /users/{InstanceId}/{UserId}</c>.</summary>
internal static class DescribeUserHandler
{
    public static void Handle(RequestContext ctx, Utf8JsonWriter w)
    {
        var instanceId = ctx.Segments[1];
        var userId = ctx.Segments[2];
        var instance = ctx.RequireInstance(instanceId, "instanceId");
        if (userId.Length == 0)
        {
            throw ApiException.Constraint(userId, "userId", "have length greater than or equal to 1");
        }

        var user = instance.FindUser(userId)
            ?? throw ApiException.NotFound($"User not found for UserId: {userId} in instance {instance.Id}");
        w.WriteStartObject();
        w.WritePropertyName("User");
        ResponseJson.WriteUser(w, user, ResponseJson.UserShape.Full, ctx.IncludeUnknownMembers);
        ctx.WriteUnknownMember(w);
        w.WriteEndObject();
    }
}

/// <summary>ListUsers: <c>GET /users-summary/{InstanceId}?maxResults=&amp;nextToken=</c>.</summary>
internal static class ListUsersHandler
{
    public static void Handle(RequestContext ctx, Utf8JsonWriter w)
    {
        var instance = ctx.RequireInstance(ctx.Segments[1], "instanceId");
        var maxResults = ctx.QueryMaxResults(1000, 100);
        var token = ctx.QueryValue("nextToken");
        var offset = ctx.DecodeToken(token, instance.Id, 0, "InvalidParameterException")?.Offset ?? 0;
        var users = instance.Snapshot();
        var take = Math.Max(0, Math.Min(ctx.PageSize(maxResults), users.Length - offset));

        w.WriteStartObject();
        w.WriteStartArray("UserSummaryList");
        for (var i = offset; i < offset + take; i++)
        {
            ResponseJson.WriteUserSummary(w, users[i]);
        }

        w.WriteEndArray();
        var next = offset + take < users.Length ? offset + take : (int?)null;
        if (ctx.NextToken(token, instance.Id, next, 0) is { } nextToken)
        {
            w.WriteString("NextToken", nextToken);
        }

        ctx.WriteUnknownMember(w);
        w.WriteEndObject();
    }
}
