using System;
using System.Collections.Generic;
using System.Threading;
using ConnectTools.Client;

namespace ConnectTools.Enumeration
{
    /// <summary>The listings the cmdlets run: users (full or summary) and instances, on the <see cref="ListingEngine"/>.</summary>
    public static class Listings
    {
        public const int ListUsersPageSize = 1000;
        public const int SearchUsersPageSize = 500;
        public const int ListInstancesPageSize = 10;

        /// <summary>
        /// Every user of an instance, in full (DescribeUser), enumerated with ListUsers when there is no filter and with
        /// SearchUsers when there is one. <paramref name="clientCheck"/> re-checks each search result exactly.
        /// </summary>
        public static IEnumerable<ListingResult<ConnectUser>> Users(ConnectClient client, string instanceId, SearchPlan? plan,
            Func<ConnectUserSummary, bool>? clientCheck, ListingOptions options, ListingMonitor monitor, CancellationToken ct, Action? onIdle = null)
        {
            options.Noun = "users";
            if (plan == null)
            {
                monitor.Say("ListUsers on " + instanceId + ", " + ListUsersPageSize + " a page, then DescribeUser for each (up to " + options.ThrottleLimit + " at once" + Pace(client, "DescribeUser", options) + ").");
                return ListingEngine.Run<ConnectUserListEntry, ConnectUser>(
                    (token, c) => client.ListUsersAsync(instanceId, token, ListUsersPageSize, c),
                    u => u.Id ?? "",
                    null,
                    (u, c) => client.DescribeUserAsync(instanceId, u.Id ?? "", c),
                    options, monitor, ct, onIdle);
            }

            monitor.Say("SearchUsers on " + instanceId + ", " + SearchUsersPageSize + " a page, then DescribeUser for each (up to " + options.ThrottleLimit + " at once" + Pace(client, "DescribeUser", options) + ").");
            return ListingEngine.Run<ConnectUserSummary, ConnectUser>(
                (token, c) => client.SearchUsersAsync(instanceId, plan.Criteria, plan.Filter, token, SearchUsersPageSize, c),
                u => u.Id ?? "",
                clientCheck,
                (u, c) => client.DescribeUserAsync(instanceId, u.Id ?? "", c),
                options, monitor, ct, onIdle);
        }

        /// <summary>Users straight from SearchUsers (no DescribeUser): -Summary.</summary>
        public static IEnumerable<ListingResult<ConnectUserSummary>> UserSummaries(ConnectClient client, string instanceId, SearchPlan plan,
            Func<ConnectUserSummary, bool>? clientCheck, ListingOptions options, ListingMonitor monitor, CancellationToken ct, Action? onIdle = null)
        {
            options.Noun = "users";
            monitor.Say("SearchUsers on " + instanceId + ", " + SearchUsersPageSize + " a page (no DescribeUser calls: -Summary" + Pace(client, "SearchUsers", options) + ").");
            return ListingEngine.Run<ConnectUserSummary, ConnectUserSummary>(
                (token, c) => client.SearchUsersAsync(instanceId, plan.Criteria, plan.Filter, token, SearchUsersPageSize, c),
                u => u.Id ?? "",
                clientCheck,
                null,
                options, monitor, ct, onIdle);
        }

        /// <summary>For -Verbose: the pace of an API, as the rate gate has it (the quota, or less after 429s) and -MaxRequestRate.</summary>
        internal static string Pace(ConnectClient client, string operation, ListingOptions options)
        {
            if (!(client.Gate is RequestRateGate gate) || !(gate.QuotaOf(operation) is ApiQuota quota)) return "";
            double rate = gate.RateOf(operation) ?? quota.Rate;
            string text = ", paced to " + Number(rate) + " " + operation + " calls a second (quota " + quota + ")";
            if (options.MaxRequestRate is double cap && cap < rate) text += ", at most " + Number(cap) + " a second (-MaxRequestRate)";
            return text;
        }

        private static string Number(double value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Every instance, in full (ListInstances then DescribeInstance), optionally filtered by alias client-side.</summary>
        public static IEnumerable<ListingResult<ConnectInstance>> Instances(ConnectClient client, Func<ConnectInstance, bool>? keep,
            ListingOptions options, ListingMonitor monitor, CancellationToken ct, Action? onIdle = null)
        {
            options.Noun = "instances";
            monitor.Say("ListInstances, " + ListInstancesPageSize + " a page, then DescribeInstance for each (up to " + options.ThrottleLimit + " at once" + Pace(client, "DescribeInstance", options) + ").");
            return ListingEngine.Run<ConnectInstance, ConnectInstance>(
                (token, c) => client.ListInstancesAsync(token, ListInstancesPageSize, c),
                i => i.Id ?? "",
                keep,
                (i, c) => client.DescribeInstanceAsync(i.Id ?? "", c),
                options, monitor, ct, onIdle);
        }
    }
}
