using System;

namespace ConnectTools.Emulator;

/// <summary>Maps a method and decoded path segments to an operation name.</summary>
internal static class Router
{
    public static string Match(string method, string[] segments)
    {
        var get = HttpMethodIs(method, "GET");
        return segments switch
        {
            ["instance"] when get => OperationNames.ListInstances,
            ["instance", _] when get => OperationNames.DescribeInstance,
            ["users", _, _] when get => OperationNames.DescribeUser,
            ["users-summary", _] when get => OperationNames.ListUsers,
            ["search-users"] when HttpMethodIs(method, "POST") => OperationNames.SearchUsers,
            _ => OperationNames.Unknown,
        };
    }

    public static Action<RequestContext, System.Text.Json.Utf8JsonWriter> Handler(string operation) => operation switch
    {
        OperationNames.ListInstances => ListInstancesHandler.Handle,
        OperationNames.DescribeInstance => DescribeInstanceHandler.Handle,
        OperationNames.DescribeUser => DescribeUserHandler.Handle,
        OperationNames.ListUsers => ListUsersHandler.Handle,
        OperationNames.SearchUsers => SearchUsersHandler.Handle,
        _ => throw ApiException.UnknownOperation(),
    };

    private static bool HttpMethodIs(string method, string expected) => string.Equals(method, expected, StringComparison.OrdinalIgnoreCase);
}
