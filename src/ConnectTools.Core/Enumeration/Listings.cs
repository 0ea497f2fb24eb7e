using System;
using System.Collections.Generic;
using System.Threading;

namespace ConnectTools.Enumeration
{
    /// <summary>
    /// The listings the cmdlets run: users (full or summary) and instances, on the <see cref="ListingEngine"/>, through
    /// the <see cref="IConnectOperations"/> they are given (the HTTP client, or an in-memory implementation in tests).
    /// </summary>
    public static class Listings
    {
        public const int ListUsersPageSize = 1000;
        public const int SearchUsersPageSize = 500;
        public const int ListInstancesPageSize = 10;

        /// <summary>
        /// Every user of an instance, in full (DescribeUser), enumerated with ListUsers when there is no filter and with
        /// SearchUsers when there is one. <paramref name="clientCheck"/> re-checks each search result exactly.
        /// </summary>
        public static IEnumerable<ListingResult<ConnectUser>> Users(IConnectOperations client, string instanceId, SearchPlan? plan,
            Func<ConnectUserSummary, bool>? clientCheck, ListingOptions options, ListingMonitor monitor, CancellationToken ct, Action? onIdle = null)
        {
            options.Noun = "users";
            if (plan == null)
            {
                monitor.Say("ListUsers on " + instanceId + ", " + ListUsersPageSize + " a page, then DescribeUser for each (up to " + options.ThrottleLimit + " at once).");
                return ListingEngine.Run<ConnectUserListEntry, ConnectUser>(
                    (token, c) => client.ListUsersAsync(instanceId, token, ListUsersPageSize, c),
                    u => u.Id ?? "",
                    null,
                    (u, c) => client.DescribeUserAsync(instanceId, u.Id ?? "", c),
                    options, monitor, ct, onIdle);
            }

            monitor.Say("SearchUsers on " + instanceId + ", " + SearchUsersPageSize + " a page, then DescribeUser for each (up to " + options.ThrottleLimit + " at once).");
            return ListingEngine.Run<ConnectUserSummary, ConnectUser>(
                (token, c) => client.SearchUsersAsync(instanceId, plan.Criteria, plan.Filter, token, SearchUsersPageSize, c),
                u => u.Id ?? "",
                clientCheck,
                (u, c) => client.DescribeUserAsync(instanceId, u.Id ?? "", c),
                options, monitor, ct, onIdle);
        }

        /// <summary>Users straight from SearchUsers (no DescribeUser): -Summary.</summary>
        public static IEnumerable<ListingResult<ConnectUserSummary>> UserSummaries(IConnectOperations client, string instanceId, SearchPlan plan,
            Func<ConnectUserSummary, bool>? clientCheck, ListingOptions options, ListingMonitor monitor, CancellationToken ct, Action? onIdle = null)
        {
            options.Noun = "users";
            monitor.Say("SearchUsers on " + instanceId + ", " + SearchUsersPageSize + " a page (no DescribeUser calls: -Summary).");
            return ListingEngine.Run<ConnectUserSummary, ConnectUserSummary>(
                (token, c) => client.SearchUsersAsync(instanceId, plan.Criteria, plan.Filter, token, SearchUsersPageSize, c),
                u => u.Id ?? "",
                clientCheck,
                null,
                options, monitor, ct, onIdle);
        }

        /// <summary>Every instance, in full (ListInstances then DescribeInstance), optionally filtered by alias client-side.</summary>
        public static IEnumerable<ListingResult<ConnectInstance>> Instances(IConnectOperations client, Func<ConnectInstance, bool>? keep,
            ListingOptions options, ListingMonitor monitor, CancellationToken ct, Action? onIdle = null)
        {
            options.Noun = "instances";
            monitor.Say("ListInstances, " + ListInstancesPageSize + " a page, then DescribeInstance for each.");
            return ListingEngine.Run<ConnectInstance, ConnectInstance>(
                (token, c) => client.ListInstancesAsync(token, ListInstancesPageSize, c),
                i => i.Id ?? "",
                keep,
                (i, c) => client.DescribeInstanceAsync(i.Id ?? "", c),
                options, monitor, ct, onIdle);
        }
    }
}
