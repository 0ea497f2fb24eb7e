using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Enumeration;
using static ConnectTools.Bench.Report;

namespace ConnectTools.Bench;

/// <summary>The rows about the account's quota: pacing (P), -Summary calls (C), speed-up against a sequential loop (S).</summary>
internal static class QuotaRows
{
    /// <summary>
    /// The pacing grid, sampled: quotas 2..100/s by latencies 5..200 ms, corners and middle. Each cell is a full-detail
    /// listing against an emulator with that DescribeUser quota (burst 1.5x the rate, the service's 10/15 ratio) and
    /// latency, stopped after the first second plus the cell's window.
    /// </summary>
    private static readonly (double Quota, int LatencyMs)[] Grid =
    [
        (2, 5), (2, 200), (10, 20), (10, 200), (25, 60), (50, 5), (100, 5), (100, 200),
    ];

    private static readonly (double Quota, int LatencyMs)[] QuickGrid = [(10, 20), (50, 5)];

    internal static async Task Pacing(Options o, CancellationToken ct)
    {
        var grid = o.Quick ? QuickGrid : Grid;
        Note("Utilisation = DescribeUser calls answered 200 in the window / (quota x window); throttled = 429s / requests in");
        Note("the window. The window starts 1 s after the first DescribeUser reached the server (the first second is the");
        Note("burst and the client's start) and lasts max(6 s, 40 calls / quota). One listing per cell (the window's count is");
        Note("the repetition; --runs does not repeat cells). ThrottleLimit is the default 16, or 2 x quota x latency when a");
        Note("cell needs more than 16 calls in flight for twice its quota (as a user would raise -ThrottleLimit), so the burst is");
        Note("spent in the first second.");
        foreach (var (quota, latencyMs) in grid)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await PacingCell(quota, latencyMs, o.Quick, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                Failed($"P{quota}/{latencyMs}", $"pacing at {quota}/s, {latencyMs} ms", e.GetType().Name + ": " + e.Message);
            }
        }
    }

    private static async Task PacingCell(double quota, int latencyMs, bool quick, CancellationToken ct)
    {
        double window = quick ? 3 : Math.Max(6, 40 / quota);
        int burst = (int)Math.Ceiling(quota * 1.5);
        // Calls in flight enough for twice the quota, so the burst is spent within the first second.
        int concurrency = Math.Max(ListingOptions.DefaultThrottleLimit, (int)Math.Ceiling(quota * latencyMs / 1000.0 * 2));
        int users = (int)Math.Ceiling(quota * (window + 4)) + burst + 50;
        Console.WriteLine($"  -- cell: DescribeUser quota {quota}/s (burst {burst}), latency {latencyMs} ms, ThrottleLimit {concurrency}, window {window:F1} s");
        await using var emulator = await EmulatorProcess.StartAsync(users, latencyMs, quotas: true, [$"DescribeUser={quota}/{burst}"], ct);
        Line("emulator", emulator.Description);
        var client = emulator.NewClient();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var options = new ListingOptions { ThrottleLimit = concurrency };
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listing = Listing.Users(client, emulator.Instances[0], options, stop.Token, r => firstSeen.TrySetResult());
        // The first object arrives after the first DescribeUser reached the server: stop the listing 1 s + the window
        // + a margin after it, so the window ends while the listing is still at full pace.
        var stopper = Task.Run(async () =>
        {
            await Task.WhenAny(firstSeen.Task, listing);
            await Task.Delay(TimeSpan.FromSeconds(1 + window + 0.5), ct);
            stop.Cancel();
        }, ct);
        var run = await listing;
        await stopper;
        var requests = (await emulator.RequestsAsync(ct)).Where(r => r.Operation == "DescribeUser").ToList();
        if (requests.Count == 0) throw new InvalidOperationException("no DescribeUser reached the emulator; listing: " + run.Said);
        var t0 = requests.Min(r => r.At);
        var from = t0.AddSeconds(1);
        var to = from.AddSeconds(window);
        var inWindow = requests.Where(r => r.At >= from && r.At < to).ToList();
        var firstSecond = requests.Where(r => r.At < from).ToList();
        int ok = inWindow.Count(r => r.Status == 200), throttled = inWindow.Count(r => r.Status == 429);
        double utilisation = ok / (quota * window);
        double throttledShare = inWindow.Count == 0 ? 1 : (double)throttled / inWindow.Count;
        bool complete = requests.Max(r => r.At) >= to; // the listing was still calling when the window closed
        Line("first second: DescribeUser requests / 429s", $"{firstSecond.Count} / {firstSecond.Count(r => r.Status == 429)} (bucket starts with {burst} tokens)");
        Line("window: requests / 200s / 429s", $"{inWindow.Count} / {ok} / {throttled}");
        Line("whole listing: DescribeUser requests / 429s at the server", $"{requests.Count} / {requests.Count(r => r.Status == 429)}");
        Line("client: delivered, errors", run.Said + (run.Cancelled ? " (stopped by the benchmark)" : " (ENDED before the window: too few users)"));
        if (!complete) Note("the listing ended before the window closed: the figures below undercount.");
        bool pass = utilisation >= 0.97 && throttledShare <= 0.02 && complete;
        Add($"P{quota}/{latencyMs}", $"pacing {quota}/s quota, {latencyMs} ms latency (c={concurrency})",
            $"{utilisation * 100:F1}% used, {throttledShare * 100:F1}% 429", ">=97% used, <=2% 429", pass);
    }

    /// <summary>-Summary of 5,000 users: SearchUsers calls at the server (500 a page: 10 is the minimum).</summary>
    internal static async Task Summary(Options o, CancellationToken ct)
    {
        const int users = 5000;
        int pages = (users + Listings.SearchUsersPageSize - 1) / Listings.SearchUsersPageSize;
        var calls = new List<double>();
        var seconds = new List<double>();
        bool allDelivered = true;
        Note($"A -Summary listing of {users:N0} users (Listings.UserSummaries, no filter) on a fresh client, against the emulator's default");
        Note("quotas (SearchUsers 2/s, burst 5) and 20 ms latency; calls counted at the server, 429s included. One emulator per run.");
        for (int i = 1; i <= o.Runs; i++)
        {
            await using var emulator = await EmulatorProcess.StartAsync(users, 20, quotas: true, null, ct);
            var run = await Listing.Summaries(emulator.NewClient(), emulator.Instances[0], ct);
            var (requests, throttled) = await emulator.CountsAsync("SearchUsers", ct);
            Line($"run {i}: SearchUsers calls / 429s, elapsed", $"{requests} / {throttled}, {run.Elapsed.TotalSeconds:F2} s; {run.Said}");
            calls.Add(requests);
            seconds.Add(run.Elapsed.TotalSeconds);
            allDelivered &= run.Count == users && run.Errors.Count == 0;
        }

        var s = Spread.Of(calls);
        Line("elapsed", Spread.Of(seconds).Show("F2", " s") + $"  (the quota's floor: ({pages} - 5 burst) / 2/s = {(pages - 5) / 2.0:F1} s)");
        Add("C", $"-Summary {users:N0} users: SearchUsers calls", s.Show("F0") + (allDelivered ? "" : ", users LOST or errors"),
            $"{pages} in every run", s.Max <= pages && allDelivered);
    }

    /// <summary>
    /// A full listing (concurrent DescribeUser calls, paced) against the sequential loop AWS Tools users write
    /// (one DescribeUser after another), in paired rounds: each run does both, in alternating order.
    /// </summary>
    internal static async Task Speedup(Options o, CancellationToken ct)
    {
        int users = o.Quick ? 200 : 500, sample = o.Quick ? 20 : 40, latencyMs = 60;
        double quota = 50;
        int burst = 75, c = ListingOptions.DefaultThrottleLimit;
        Note($"{users} users, DescribeUser {quota}/s burst {burst}, latency {latencyMs} ms, ThrottleLimit {c}. Sequential: {sample} DescribeUser");
        Note("calls one after another on a fresh client (L = its time per call, measured in the same run). Speed-up = N x L /");
        Note("listing time. Bound (issue 13) = min(quota, c / L) x L in steady state; the listing's own bound also counts the");
        Note($"bucket's burst: N x L / max((N - burst) / quota, N x L / c). One emulator per run; the two halves alternate order.");
        var speedups = new List<double>();
        var shares = new List<double>();
        double lastBound = 0, lastSteady = 0;
        for (int i = 1; i <= o.Runs; i++)
        {
            await using var emulator = await EmulatorProcess.StartAsync(users, latencyMs, quotas: true, [$"DescribeUser={quota}/{burst}"], ct);
            string instance = emulator.Instances[0];
            ListingRun? listing = null;
            double perCall = 0;
            for (int half = 0; half < 2; half++)
            {
                bool concurrentNow = (half == 0) == (i % 2 == 1);
                await emulator.ResetAsync(ct);
                if (concurrentNow)
                {
                    listing = await Listing.Users(emulator.NewClient(), instance, new ListingOptions(), ct);
                }
                else
                {
                    var client = emulator.NewClient();
                    var ids = (await client.ListUsersAsync(instance, null, sample + 1, ct)).Items.Select(u => u.Id!).ToList();
                    await emulator.ResetAsync(ct);
                    var watch = Stopwatch.StartNew();
                    foreach (var id in ids.Take(sample)) await client.DescribeUserAsync(instance, id, ct);
                    perCall = watch.Elapsed.TotalSeconds / sample;
                }
            }

            double speedup = users * perCall / listing!.Elapsed.TotalSeconds;
            double steady = Math.Min(quota, c / perCall) * perCall;
            double bound = users * perCall / Math.Max((users - burst) / quota, users * perCall / c);
            Line($"run {i} ({(i % 2 == 1 ? "listing first" : "loop first")})",
                $"listing {listing.Elapsed.TotalSeconds:F2} s ({listing.Said}); loop L = {perCall * 1000:F1} ms a call; " +
                $"speed-up {speedup:F2}x; bound {bound:F2}x (steady {steady:F2}x) -> {speedup / bound * 100:F0}% of bound");
            if (listing.Count != users || listing.Errors.Count > 0) Note("  the listing lost users or surfaced errors.");
            speedups.Add(speedup);
            shares.Add(speedup / bound);
            lastBound = bound;
            lastSteady = steady;
        }

        var s = Spread.Of(speedups);
        var share = Spread.Of(shares);
        Add("S", $"speed-up vs sequential loop ({users} users, {quota}/s, {latencyMs} ms)", $"{s.Show("F2", "x")} = {share.Median * 100:F0}% of bound",
            $">= 90% of bound {lastBound:F2}x (steady {lastSteady:F2}x)", share.Median >= 0.9);
    }
}
