using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Client;
using ConnectTools.Emulator;
using ConnectTools.Enumeration;
using static ConnectTools.Bench.Bench;

namespace ConnectTools.Bench;

internal static class Scenarios
{
    /// <summary>What one listing delivered, measured on the consuming thread.</summary>
    private sealed class ListingRun
    {
        internal TimeSpan Elapsed, First;
        internal long Count;
        internal readonly List<string> Ids = [];
        internal readonly List<Exception> Errors = [];
        internal readonly ListingMonitor Monitor = new();
    }

    /// <summary>Enumerates a listing on its own thread; keeps the delivered ids when asked (not for the memory runs).</summary>
    private static Task<ListingRun> Consume<T>(Func<ListingMonitor, IEnumerable<ListingResult<T>>> start, Func<T, string?> idOf, bool keepIds,
        Action<ListingRun>? onItem = null) => OnOwnThread(() =>
    {
        var run = new ListingRun();
        var watch = Stopwatch.StartNew();
        foreach (var r in start(run.Monitor))
        {
            if (run.Count++ == 0) run.First = watch.Elapsed;
            if (r.Error != null) run.Errors.Add(r.Error);
            if (keepIds) run.Ids.Add(r.Value is { } v ? idOf(v) ?? r.Id : r.Id);
            onItem?.Invoke(run);
        }
        run.Elapsed = watch.Elapsed;
        return run;
    });

    /// <summary>Prints delivery and error figures; returns missing + duplicate + unexpected ids.</summary>
    private static int CheckDelivery(ListingRun run, EmulatorInstance instance)
    {
        var expected = instance.Users.Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var seen = run.Ids.ToHashSet(StringComparer.Ordinal);
        int duplicates = run.Ids.Count - seen.Count, missing = expected.Count(id => !seen.Contains(id)), unexpected = seen.Count(id => !expected.Contains(id));
        int throttled = run.Errors.Count(e => e is ConnectServiceException { IsThrottling: true });
        Line("errors surfaced to the caller (results with Error)", $"{run.Errors.Count} ({throttled} throttling)" +
             (run.Errors.Count > 0 ? "; first: " + run.Errors[0].GetType().Name + ": " + run.Errors[0].Message : ""));
        Line("users delivered / distinct ids / expected", $"{run.Count} / {seen.Count} / {expected.Count} (duplicates {duplicates}, missing {missing}, unexpected {unexpected})");
        Line("engine throttle-retry rounds (ListingMonitor)", run.Monitor.EngineThrottleRetries.ToString());
        return missing + duplicates + unexpected;
    }

    private static void ServerStats(ConnectEmulator emulator, string operation)
    {
        var s = emulator.Stats[operation];
        Line($"{operation} at the server: requests / quota 429s", $"{s.Requests} / {s.Throttled}  (max in flight {emulator.Stats.MaxConcurrentRequests})");
    }

    /// <summary>With BENCH_TRACE=1, prints every HTTP attempt of the client (a diagnostic, off by default).</summary>
    private static void Trace(ConnectClient client)
    {
        if (Environment.GetEnvironmentVariable("BENCH_TRACE") != "1") return;
        var t0 = Stopwatch.StartNew();
        client.AttemptCompleted += (_, a) => Console.WriteLine(
            $"    trace t={t0.Elapsed.TotalSeconds:F3}s {a.Operation} attempt {a.Attempt} -> {a.StatusCode} {a.ErrorCode} {a.Elapsed.TotalMilliseconds:F0} ms, pace {(client.Gate as AdaptiveRateGate)?.RateOf(a.Operation)?.ToString("F1") ?? "unlimited"}");
    }

    // A: 600 users, DescribeUser 50/s burst 60, 60 ms latency.
    internal static async Task A(bool quick, CancellationToken ct)
    {
        int n = quick ? 150 : 600, burst = 60, sample = quick ? 30 : 100;
        double quota = 50;
        var latency = TimeSpan.FromMilliseconds(60);
        await using var emulator = await StartEmulatorAsync(n, o =>
        {
            o.Latency = latency;
            o.Quotas[OperationNames.DescribeUser] = new Quota(quota, burst);
        });
        var instance = emulator.Data.Instances[0];
        var client = NewClient(emulator, cached: true);
        await client.DescribeInstanceAsync(instance.Id, ct); // opens the connection (its own quota bucket); not timed
        emulator.ResetQuotas();
        emulator.Stats.Reset();

        var options = new ListingOptions();
        Trace(client);
        _ = Connections;
        long opened0 = Interlocked.Read(ref ConnectionsOpened);
        var run = await Consume(m => Listings.Users(client, instance.Id, null, null, options, m, ct), u => u.Id, keepIds: true);
        double bound = n / quota;
        Line("listing", $"Listings.Users, no filter (ListUsers then DescribeUser), ThrottleLimit {options.ThrottleLimit}, client from ConnectClientFactory.Get");
        Line("bound = N / quota", $"{n} / {quota}/s = {bound:F2} s  (burst {burst} allows at best (N-burst)/quota + latency = {(n - burst) / quota + latency.TotalSeconds:F2} s)");
        Line("elapsed", S(run.Elapsed));
        Line("elapsed / bound", $"{run.Elapsed.TotalSeconds / bound:F3}");
        ServerStats(emulator, OperationNames.DescribeUser);
        ServerStats(emulator, OperationNames.ListUsers);
        Line("TCP connections the emulator accepted (listing)", $"{Interlocked.Read(ref ConnectionsOpened) - opened0} (kestrel.active_connections +1 events)");
        Line("pace learned by the AdaptiveRateGate", (client.Gate as AdaptiveRateGate)?.RateOf(OperationNames.DescribeUser) is { } pace ? $"{pace:F1}/s" : "unlimited");
        int bad = CheckDelivery(run, instance);
        long surfaced429 = run.Errors.Count(e => e is ConnectServiceException { IsThrottling: true });

        // Sequential, as AWS Tools do: one DescribeUser after another, on a fresh client without the rate gate
        // (Gate = null; at one call in flight it would never engage anyway). Measured on the first `sample` users.
        var sequential = NewClient(emulator, cached: false);
        sequential.Gate = null;
        var ids = instance.Users.Take(sample).Select(u => u.Id).ToList();
        await sequential.DescribeUserAsync(instance.Id, ids[^1], ct); // opens the connection; not timed
        emulator.ResetQuotas();
        emulator.Stats.Reset();
        var watch = Stopwatch.StartNew();
        foreach (var id in ids) await sequential.DescribeUserAsync(instance.Id, id, ct);
        var perCall = watch.Elapsed / ids.Count;
        var extrapolated = perCall * n;
        Line("sequential loop (fresh client, Gate = null)", $"{ids.Count} calls in {S(watch.Elapsed)} = {perCall.TotalMilliseconds:F1} ms a call; 429s {emulator.Stats[OperationNames.DescribeUser].Throttled}");
        Line("sequential, extrapolated to N (per call x N)", S(extrapolated));
        double speedup = extrapolated / run.Elapsed;
        Line("speedup vs sequential", $"{speedup:F2}x");
        Line("speedup ceiling set by the quota (sequential / bound)", $"{extrapolated.TotalSeconds / bound:F2}x  (= per-call time x quota: no client can beat it)");

        Target("A1", "A elapsed / (N/quota)", run.Elapsed.TotalSeconds / bound, atMost: true, 1.10, "F3");
        Target("A2", "A speedup vs sequential", speedup, atMost: false, 5.0, "F2", "x");
        Target("A3", "A 429s surfaced to caller", surfaced429, atMost: true, 0, "F0");
        Target("A4", "A missing+duplicate+unexpected ids", bad, atMost: true, 0, "F0");
    }

    // B: default quota (DescribeUser 10/s burst 15), 200 users, 20 ms latency.
    internal static async Task B(bool quick, CancellationToken ct)
    {
        int n = quick ? 60 : 200;
        var q = EmulatorOptions.DefaultQuotas()[OperationNames.DescribeUser];
        await using var emulator = await StartEmulatorAsync(n, o => o.Latency = TimeSpan.FromMilliseconds(20));
        var instance = emulator.Data.Instances[0];
        var client = NewClient(emulator, cached: true);
        await client.DescribeInstanceAsync(instance.Id, ct);
        emulator.ResetQuotas();
        emulator.Stats.Reset();

        Trace(client);
        var run = await Consume(m => Listings.Users(client, instance.Id, null, null, new ListingOptions(), m, ct), u => u.Id, keepIds: true);
        double rate = n / run.Elapsed.TotalSeconds;
        double share = rate / q.RatePerSecond;
        double steady = (n - q.Burst) / q.RatePerSecond / run.Elapsed.TotalSeconds;
        Line("quota (emulator default)", $"{q.RatePerSecond}/s, burst {q.Burst}; the bucket starts full");
        Line("elapsed", S(run.Elapsed));
        Line("users/s = N / elapsed", $"{n} / {run.Elapsed.TotalSeconds:F2} = {rate:F2}/s");
        Line("share = (N / elapsed) / quota  [target figure]", $"{share * 100:F1} %  (the first {q.Burst} calls ride the full bucket)");
        Line("steady share = ((N - burst) / quota) / elapsed  [info]", $"{steady * 100:F1} %  (burst discounted: the ideal time {(n - q.Burst) / q.RatePerSecond:F1} s / elapsed)");
        ServerStats(emulator, OperationNames.DescribeUser);
        Line("pace learned by the AdaptiveRateGate", (client.Gate as AdaptiveRateGate)?.RateOf(OperationNames.DescribeUser) is { } pace ? $"{pace:F1}/s" : "unlimited");
        int bad = CheckDelivery(run, instance);

        Target("B1", "B share of quota, (N/elapsed)/quota", share * 100, atMost: false, 95, "F1", "%");
        Target("B2", "B errors surfaced to caller", run.Errors.Count, atMost: true, 0, "F0");
        Target("B3", "B missing+duplicate+unexpected ids", bad, atMost: true, 0, "F0");
    }

    // C: -Summary of 5,000 users, SearchUsers default quota (2/s burst 5), 20 ms latency.
    internal static async Task C(bool quick, CancellationToken ct)
    {
        int n = 5000;
        var q = EmulatorOptions.DefaultQuotas()[OperationNames.SearchUsers];
        await using var emulator = await StartEmulatorAsync(n, o => o.Latency = TimeSpan.FromMilliseconds(20));
        var instance = emulator.Data.Instances[0];
        var client = NewClient(emulator, cached: true);
        await client.DescribeInstanceAsync(instance.Id, ct);
        emulator.ResetQuotas();
        emulator.Stats.Reset();

        var plan = UserSearchPlanner.Plan(new UserFilter());
        Trace(client);
        var run = await Consume(m => Listings.UserSummaries(client, instance.Id, plan, null, new ListingOptions(), m, ct), u => u.Id, keepIds: true);
        int pages = (n + Listings.SearchUsersPageSize - 1) / Listings.SearchUsersPageSize;
        var s = emulator.Stats[OperationNames.SearchUsers];
        Line("quota (emulator default, kept)", $"SearchUsers {q.RatePerSecond}/s, burst {q.Burst}; page size {Listings.SearchUsersPageSize}");
        Line("SearchUsers calls at the server (incl. 429s)", $"{s.Requests}  (minimum: {pages} pages; quota 429s {s.Throttled})");
        Line("elapsed", S(run.Elapsed));
        Line("quota floor for the time = (pages - burst) / rate", $"{Math.Max(0, pages - q.Burst) / q.RatePerSecond:F2} s");
        Line("pace learned by the AdaptiveRateGate", (client.Gate as AdaptiveRateGate)?.RateOf(OperationNames.SearchUsers) is { } pace ? $"{pace:F2}/s" : "unlimited");
        int bad = CheckDelivery(run, instance);

        Target("C1", "C SearchUsers calls for 5,000 users", s.Requests, atMost: true, 11, "F0");
        Target("C2", "C errors+missing/dup ids", run.Errors.Count + bad, atMost: true, 0, "F0");
    }

    // D: ConnectClient vs raw HttpClient + System.Text.Json, DescribeUser, loopback, no latency, quotas off.
    internal static async Task D(bool quick, CancellationToken ct)
    {
        int calls = quick ? 400 : 2000, concurrency = 8, rounds = quick ? 1 : 3, warmup = quick ? 100 : 400;
        _ = Connections;
        await using var emulator = await StartEmulatorAsync(200, o => o.DisableQuotas = true);
        var instance = emulator.Data.Instances[0];
        var ids = instance.Users.Select(u => u.Id).ToArray();
        var client = NewClient(emulator, cached: false);
        using var raw = new RawConnect(emulator.Url, emulator.Options.Region);
        Func<string, Task<ConnectUser>> viaClient = id => client.DescribeUserAsync(instance.Id, id, ct);
        Func<string, Task<ConnectUser>> viaRaw = id => raw.DescribeUserAsync(instance.Id, id, ct);
        Line("setup", $"{calls} DescribeUser calls, {concurrency} in flight, ids cycled over {ids.Length} users; both sign SigV4 (emulator verifies)");
        Line("note", "CPU and allocations are whole-process figures: they include the in-process emulator's share (the same for both)");

        async Task<(TimeSpan Elapsed, double CpuUs, double AllocKb)> Drive(Func<string, Task<ConnectUser>> call, int count)
        {
            int next = -1;
            var cpu0 = Environment.CpuUsage.TotalTime;
            long alloc0 = GC.GetTotalAllocatedBytes(false);
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    string id = ids[i % ids.Length];
                    var user = await call(id).ConfigureAwait(false);
                    if (user.Id != id) throw new InvalidOperationException($"asked for {id}, got {user.Id}");
                }
            }, ct)));
            var elapsed = watch.Elapsed;
            return (elapsed, (Environment.CpuUsage.TotalTime - cpu0).TotalMicroseconds / count, (GC.GetTotalAllocatedBytes(false) - alloc0) / 1024.0 / count);
        }

        // What-if (info only): the same ConnectClient, with the SDK handed one pooled HttpClient instead of a new one per request.
        var pooled = NewClient(emulator, cached: false);
        ((Amazon.Runtime.ClientConfig)pooled.Config).HttpClientFactory = new OneHttpClientFactory();
        Func<string, Task<ConnectUser>> viaPooled = id => pooled.DescribeUserAsync(instance.Id, id, ct);
        var variants = new[] { ("ConnectClient", viaClient), ("raw HttpClient", viaRaw), ("what-if: ConnectClient, one HttpClient", viaPooled) };
        foreach (var (_, call) in variants) await Drive(call, warmup);
        var best = new Dictionary<string, (TimeSpan Elapsed, double CpuUs, double AllocKb)>();
        for (int round = 1; round <= rounds; round++)
        {
            foreach (var (name, call) in variants)
            {
                long opened0 = Interlocked.Read(ref ConnectionsOpened);
                var r = await Drive(call, calls);
                Line($"round {round}: {name}", $"{S(r.Elapsed)} = {calls / r.Elapsed.TotalSeconds:F0} calls/s, {r.CpuUs:F0} us CPU and {r.AllocKb:F1} KB allocated per call");
                Line("  TCP connections the emulator accepted in the round", $"{Interlocked.Read(ref ConnectionsOpened) - opened0} (Kestrel's kestrel.active_connections +1 events)");
                if (!best.TryGetValue(name, out var b) || r.Elapsed < b.Elapsed) best[name] = r;
            }
        }
        var c = best["ConnectClient"];
        var w = best["raw HttpClient"];
        var p = best[variants[2].Item1];
        double ratio = c.Elapsed / w.Elapsed;
        Line($"best of {rounds}: ConnectClient / raw", $"{S(c.Elapsed)} / {S(w.Elapsed)} = {ratio:F2}x");
        Line("client's extra cost per call (best runs)", $"{(c.Elapsed - w.Elapsed).TotalMicroseconds / calls * concurrency:F0} us wall per call per worker, " +
                                                          $"{c.CpuUs - w.CpuUs:F0} us CPU, {c.AllocKb - w.AllocKb:F1} KB allocated");
        Line("what-if [info, not a target]: one HttpClient / raw", $"{S(p.Elapsed)} / {S(w.Elapsed)} = {p.Elapsed / w.Elapsed:F2}x  ({p.CpuUs - w.CpuUs:F0} us CPU, {p.AllocKb - w.AllocKb:F1} KB more than raw per call)");
        Line("DescribeUser at the server: 4xx/5xx", $"{emulator.Stats.Responses(403) + emulator.Stats.Responses(429) + emulator.Stats.Responses(500)} (signature failures {emulator.Stats.TotalSignatureFailures})");
        Target("D1", "D ConnectClient / raw time (best of runs)", ratio, atMost: true, 1.5, "F2", "x");
    }

    /// <summary>Connections Kestrel opened, from its kestrel.active_connections counter (+1 per accepted connection).</summary>
    private static long ConnectionsOpened;

    private static readonly System.Diagnostics.Metrics.MeterListener Connections = StartConnectionListener();

    private static System.Diagnostics.Metrics.MeterListener StartConnectionListener()
    {
        var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "kestrel.active_connections") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => { if (value > 0) Interlocked.Add(ref ConnectionsOpened, value); });
        listener.Start();
        return listener;
    }

    // E: -Summary streaming of 10,000 and 100,000 users; quotas disabled at the emulator.
    internal static async Task E(bool quick, CancellationToken ct)
    {
        int small = quick ? 2_000 : 10_000, large = quick ? 20_000 : 100_000;
        await using var emulator = await StartEmulatorAsync(large, o => o.DisableQuotas = true);
        var instances = new[] { emulator.Data.AddGeneratedInstance(small, 7), emulator.Data.Instances[0] };
        Line("setup", $"ONE emulator holds both instances ({small:N0} and {large:N0} users), so both runs have the same heap");
        Line("", "background (the GC's budgets grow with the heap, and the emulator's users are in it); quotas DISABLED, latency 0");
        Line("memory", "baseline = GC.GetTotalMemory(true) just before each run; pass 1 samples GetTotalMemory(false) and the working set");
        Line("", $"every 5 ms on another thread; pass 2 forces a full GC every N/20 objects to read the live heap (retention)");
        var client = NewClient(emulator, cached: false);
        var plan = UserSearchPlanner.Plan(new UserFilter());
        var results = new List<(int N, double Heap, double Ws, double Live, double Ttfo, double Rt)>();
        foreach (var instance in instances)
        {
            int n = instance.UserCount;
            Console.WriteLine($"  -- N = {n:N0}");
            // One SearchUsers round trip (a 500-user page, deserialized): median of 11 after a warm call, on a freshly collected heap.
            await client.SearchUsersAsync(instance.Id, plan.Criteria, plan.Filter, null, Listings.SearchUsersPageSize, ct);
            FullGc();
            var trips = new List<double>();
            for (int i = 0; i < 11; i++)
            {
                var t = Stopwatch.StartNew();
                await client.SearchUsersAsync(instance.Id, plan.Criteria, plan.Filter, null, Listings.SearchUsersPageSize, ct);
                trips.Add(t.Elapsed.TotalMilliseconds);
            }
            trips.Sort();
            double rt = trips[trips.Count / 2];

            // Pass 1: time to first object and sampled peaks.
            emulator.Stats.Reset();
            long baseHeap = FullGc(), baseWs = Environment.WorkingSet;
            int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
            long peakHeap = baseHeap, peakWs = baseWs;
            bool stop = false;
            var sampler = new Thread(() =>
            {
                while (!Volatile.Read(ref stop))
                {
                    long h = GC.GetTotalMemory(false), w = Environment.WorkingSet;
                    if (h > Interlocked.Read(ref peakHeap)) Interlocked.Exchange(ref peakHeap, h);
                    if (w > Interlocked.Read(ref peakWs)) Interlocked.Exchange(ref peakWs, w);
                    Thread.Sleep(5);
                }
            }) { IsBackground = true };
            sampler.Start();
            ListingRun run;
            try
            {
                run = await Consume(m => Listings.UserSummaries(client, instance.Id, plan, null, new ListingOptions(), m, ct), u => u.Id, keepIds: false);
            }
            finally
            {
                Volatile.Write(ref stop, true);
                sampler.Join();
            }
            int gcs0 = GC.CollectionCount(0) - gen0, gcs2 = GC.CollectionCount(2) - gen2;
            long calls = emulator.Stats[OperationNames.SearchUsers].Requests;

            // Pass 2: live heap with the listing open, by forced full GCs at fixed points.
            long baseLive = FullGc(), peakLive = long.MinValue;
            int every = Math.Max(1, n / 20);
            var run2 = await Consume(m => Listings.UserSummaries(client, instance.Id, plan, null, new ListingOptions(), m, ct), u => u.Id, keepIds: false,
                r => { if (r.Count % every == 0) peakLive = Math.Max(peakLive, GC.GetTotalMemory(true) - baseLive); });

            Line("users delivered / errors (pass 1, pass 2)", $"{run.Count:N0} / {run.Errors.Count}, {run2.Count:N0} / {run2.Errors.Count}");
            Line("pass 1: elapsed, rate, SearchUsers calls", $"{S(run.Elapsed)}, {run.Count / run.Elapsed.TotalSeconds:N0} users/s, {calls} calls; GCs gen0 {gcs0}, gen2 {gcs2}");
            Line("one SearchUsers round trip (median of 11; 500 users)", $"{rt:F1} ms  (min {trips[0]:F1}, max {trips[^1]:F1})");
            Line("time to first object", $"{run.First.TotalMilliseconds:F1} ms = {run.First.TotalMilliseconds / rt:F2} round trips (median), {run.First.TotalMilliseconds / trips[0]:F2} (min)");
            Line("baseline heap / working set", $"{MB(baseHeap)} / {MB(baseWs)}");
            Line("pass 1: peak heap above baseline (GetTotalMemory(false))", MB(peakHeap - baseHeap));
            Line("pass 1: peak working set above baseline", MB(peakWs - baseWs));
            Line("pass 2: peak live heap above baseline (forced GCs)", MB(peakLive));
            results.Add((n, peakHeap - baseHeap, peakWs - baseWs, peakLive, run.First.TotalMilliseconds, rt));
            if (run.Count != n || run2.Count != n || run.Errors.Count + run2.Errors.Count > 0) Fail("E", $"E delivered {n:N0} users, no errors", $"{run.Count}/{run2.Count} delivered");
        }

        var (s, l) = (results[0], results[^1]);
        const double slackMb = 8, mb = 1024.0 * 1024.0;
        Console.WriteLine($"  -- flatness: N = {l.N:N0} vs N = {s.N:N0}");
        Line("peak heap growth (large / small)", $"{MB(l.Heap)} / {MB(s.Heap)} = {l.Heap / Math.Max(1, s.Heap):F2}x");
        Line("peak working-set growth (large / small) [info]", $"{MB(l.Ws)} / {MB(s.Ws)} = {l.Ws / Math.Max(1, s.Ws):F2}x");
        Line("peak live heap (large / small)", $"{MB(l.Live)} / {MB(s.Live)}");
        Target("E1", $"E first object in round trips (N={l.N / 1000}k)", l.Ttfo / l.Rt, atMost: true, 2.0, "F2");
        Target("E2", $"E peak heap growth {l.N / 1000}k (1.5x {s.N / 1000}k +{slackMb}MB)", l.Heap / mb, atMost: true, 1.5 * s.Heap / mb + slackMb, "F1", "MB");
        Target("E3", $"E peak live heap {l.N / 1000}k (1.5x {s.N / 1000}k +{slackMb}MB)", l.Live / mb, atMost: true, 1.5 * Math.Max(0, s.Live) / mb + slackMb, "F1", "MB");
    }

    private static long FullGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }
}
