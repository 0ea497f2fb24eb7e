using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Client;
using ConnectTools.Enumeration;

namespace ConnectTools.Bench;

/// <summary>What one listing delivered, measured on the consuming thread.</summary>
internal sealed class ListingRun
{
    internal TimeSpan Elapsed, First;
    internal long Count;
    internal readonly List<Exception> Errors = [];
    internal bool Cancelled;
    internal readonly ListingMonitor Monitor = new();

    internal int Throttled => Errors.FindAll(e => e is ConnectServiceException { IsThrottling: true }).Count;

    internal string Said => $"{Count:N0} delivered, {Errors.Count} errors surfaced ({Throttled} throttling)" +
                            (Errors.Count > 0 ? "; first: " + Errors[0].GetType().Name + ": " + Errors[0].Message : "");
}

internal static class Listing
{
    /// <summary>
    /// Enumerates a listing on a thread of its own, as PowerShell's pipeline thread would (not a pool thread). A listing
    /// stopped through <paramref name="stop"/> ends quietly with <see cref="ListingRun.Cancelled"/> set.
    /// </summary>
    internal static Task<ListingRun> Consume<T>(Func<ListingMonitor, CancellationToken, IEnumerable<ListingResult<T>>> start, CancellationToken stop,
        Action<ListingRun>? onItem = null, int take = int.MaxValue) =>
        Task.Factory.StartNew(() =>
        {
            var run = new ListingRun();
            var watch = Stopwatch.StartNew();
            try
            {
                foreach (var r in start(run.Monitor, stop))
                {
                    if (run.Count++ == 0) run.First = watch.Elapsed;
                    if (r.Error != null) run.Errors.Add(r.Error);
                    onItem?.Invoke(run);
                    if (run.Count >= take) break;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                run.Cancelled = true;
            }

            run.Elapsed = watch.Elapsed;
            return run;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Every user in full detail (ListUsers, then DescribeUser for each), as Get-ConnectUser -InstanceId does.</summary>
    internal static Task<ListingRun> Users(ConnectClient client, string instanceId, ListingOptions options, CancellationToken stop,
        Action<ListingRun>? onItem = null, int take = int.MaxValue) =>
        Consume((m, ct) => Listings.Users(client, instanceId, null, null, options, m, ct), stop, onItem, take);

    /// <summary>Every user from SearchUsers alone, as Get-ConnectUser -Summary does.</summary>
    internal static Task<ListingRun> Summaries(ConnectClient client, string instanceId, CancellationToken stop, Action<ListingRun>? onItem = null) =>
        Consume((m, ct) => Listings.UserSummaries(client, instanceId, UserSearchPlanner.Plan(new UserFilter()), null, new ListingOptions(), m, ct), stop, onItem);
}
