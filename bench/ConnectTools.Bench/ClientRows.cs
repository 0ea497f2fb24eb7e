using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Client;
using static ConnectTools.Bench.Report;

namespace ConnectTools.Bench;

/// <summary>The rows about the client process itself: memory at 100k users (M) and per-call cost against raw HttpClient (O).</summary>
internal static class ClientRows
{
    private const double MB = 1024.0 * 1024.0;

    /// <summary>
    /// Memory of a -Summary listing of 10k and of 100k users, each in a FRESH child process of this program (the client
    /// only; the emulator is a process of its own): the live heap after full GCs at 20 points of the listing, above the
    /// live heap before it, and the process's peak resident set (VmHWM). Children alternate order between runs.
    /// </summary>
    internal static async Task Memory(Options o, CancellationToken ct)
    {
        int small = o.Quick ? 2_000 : 10_000, large = o.Quick ? 20_000 : 100_000;
        Note($"-Summary listings of {small:N0} and {large:N0} users (quotas off, no latency), each in a fresh child process of the benchmark.");
        Note("Live heap: GC.Collect + GC.GetTotalMemory(true) at 20 points of a second pass, minus the same before it (client process");
        Note("only). Peak: the child's Process.PeakWorkingSet64 (VmHWM) after one pass, runtime start included.");
        await using var smallEmu = await EmulatorProcess.StartAsync(small, 0, quotas: false, null, ct);
        await using var largeEmu = await EmulatorProcess.StartAsync(large, 0, quotas: false, null, ct);
        Line("emulators", smallEmu.Description);
        Line("", largeEmu.Description);
        var live = new Dictionary<int, List<double>> { [small] = [], [large] = [] };
        var peak = new Dictionary<int, List<double>> { [small] = [], [large] = [] };
        bool allDelivered = true;
        // Memory varies little from run to run, and a 100k listing is the longest step of the benchmark: at most 2 runs.
        int runs = Math.Min(o.Runs, 2);
        Note($"{runs} run(s) of each size (at most 2), sizes alternating order.");
        for (int i = 1; i <= runs; i++)
        {
            var order = i % 2 == 1 ? new[] { (small, smallEmu), (large, largeEmu) } : new[] { (large, largeEmu), (small, smallEmu) };
            foreach (var (n, emu) in order)
            {
                var psi = SelfStartInfo(emu.ClientEnvironment(), "--child-memory", emu.Url.ToString(), emu.Region, emu.Instances[0]);
                var (code, output, error, wall) = await Children.RunAsync(psi, TimeSpan.FromMinutes(5), ct);
                string? json = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("MEMORY ", StringComparison.Ordinal))?[7..];
                if (code != 0 || json == null) throw new InvalidOperationException($"the child exited {code}: {error.Trim()} {output.Trim()}");
                using var doc = JsonDocument.Parse(json);
                var r = doc.RootElement;
                long delivered = r.GetProperty("Delivered").GetInt64(), errors = r.GetProperty("Errors").GetInt64();
                double liveAbove = r.GetProperty("PeakLiveAbove").GetInt64(), peakRss = r.GetProperty("PeakRss").GetInt64();
                Line($"run {i}: N = {n:N0}",
                    $"live heap +{liveAbove / MB:F2} MB above {r.GetProperty("BaseLive").GetInt64() / MB:F1} MB; peak RSS {peakRss / MB:F1} MB; " +
                    $"{delivered:N0} delivered, {errors} errors, pass 1 {r.GetProperty("Seconds").GetDouble():F2} s (child {wall.TotalSeconds:F1} s)");
                live[n].Add(liveAbove / MB);
                peak[n].Add(peakRss / MB);
                allDelivered &= delivered == 2L * n && errors == 0;
            }
        }

        Spread ls = Spread.Of(live[small]), ll = Spread.Of(live[large]), ps = Spread.Of(peak[small]), pl = Spread.Of(peak[large]);
        double liveGoal = 1.5 * Math.Max(0, ls.Median) + 1.0, peakGoal = 1.25 * ps.Median;
        string k = $"{large / 1000}k", k0 = $"{small / 1000}k";
        Add("M1", $"live heap growth at {k} users (-Summary)", ll.Show("F2", " MB") + (allDelivered ? "" : ", users LOST or errors"),
            $"<= 1.5 x {k0} ({ls.Median:F2} MB) + 1 MB = {liveGoal:F2} MB", ll.Median <= liveGoal && allDelivered);
        Add("M2", $"process peak RSS at {k} users (-Summary)", pl.Show("F1", " MB"),
            $"<= 1.25 x {k0} ({ps.Median:F1} MB) = {peakGoal:F1} MB", pl.Median <= peakGoal);
    }

    /// <summary>
    /// The child of row E's core side: in a fresh process, as the pwsh side is, one untimed full listing (JIT,
    /// connections), then the timed one on the same client; prints one LISTING {ms} {count} line.
    /// </summary>
    internal static async Task<int> ListingChild(string url, string region, string instanceId)
    {
        var client = Clients.For(url, region);
        await Listing.Users(client, instanceId, new Enumeration.ListingOptions(), CancellationToken.None);
        var run = await Listing.Users(client, instanceId, new Enumeration.ListingOptions(), CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LISTING {run.Elapsed.TotalMilliseconds:R} {run.Count - run.Errors.Count}"));
        return 0;
    }

    /// <summary>A start info that runs this benchmark again (same host, same dll) with other arguments.</summary>
    internal static ProcessStartInfo SelfStartInfo(IDictionary<string, string> environment, params string[] arguments)
    {
        string self = Environment.ProcessPath ?? Repo.Dotnet();
        var psi = new ProcessStartInfo(self);
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        if (System.IO.Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            psi.ArgumentList.Add(typeof(ClientRows).Assembly.Location);
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>The child of <see cref="Memory"/>: two -Summary passes, prints one MEMORY {json} line.</summary>
    internal static async Task<int> MemoryChild(string url, string region, string instanceId)
    {
        var client = Clients.For(url, region);
        // JIT and connection warm-up: one page, then a quiet heap.
        var plan = Enumeration.UserSearchPlanner.Plan(new Enumeration.UserFilter());
        await client.SearchUsersAsync(instanceId, plan.Criteria, plan.Filter, null, 10);
        var watch = Stopwatch.StartNew();
        var pass1 = await Listing.Summaries(client, instanceId, CancellationToken.None);
        double seconds = watch.Elapsed.TotalSeconds;
        long peakRss = Machine.PeakRss();

        long baseLive = FullGc(), peakLive = 0;
        long n = pass1.Count, every = Math.Max(1, n / 20);
        var pass2 = await Listing.Summaries(client, instanceId, CancellationToken.None, r =>
        {
            if (r.Count % every == 0) peakLive = Math.Max(peakLive, GC.GetTotalMemory(true) - baseLive);
        });
        var result = new Dictionary<string, object>
        {
            ["Delivered"] = pass1.Count + pass2.Count,
            ["Errors"] = pass1.Errors.Count + pass2.Errors.Count,
            ["BaseLive"] = baseLive,
            ["PeakLiveAbove"] = peakLive,
            ["PeakRss"] = peakRss,
            ["Seconds"] = seconds,
        };
        Console.WriteLine("MEMORY " + JsonSerializer.Serialize(result));
        return 0;
    }

    private static long FullGc()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    /// <summary>
    /// ConnectClient against a raw HttpClient + System.Text.Json doing the same SigV4-signed DescribeUser (RawConnect),
    /// the emulator in its own process (quotas off, no latency, signatures verified): 8 calls in flight, then 1 at a time.
    /// Each run is ABBA (client, raw, raw, client), so drift in the machine's load falls on both alike.
    /// </summary>
    internal static async Task Overhead(Options o, CancellationToken ct)
    {
        int calls8 = o.Quick ? 400 : 1500, calls1 = o.Quick ? 150 : 400;
        await using var emulator = await EmulatorProcess.StartAsync(200, 0, quotas: false, null, ct);
        Line("emulator", emulator.Description);
        string instance = emulator.Instances[0];
        var client = emulator.NewClient();
        var ids = (await client.ListUsersAsync(instance, null, 200, ct)).Items.Select(u => u.Id!).ToArray();
        using var raw = new RawConnect(emulator.Url, emulator.Region);
        Func<string, Task<ConnectUser>> viaClient = id => client.DescribeUserAsync(instance, id, ct);
        Func<string, Task<ConnectUser>> viaRaw = id => raw.DescribeUserAsync(instance, id, ct);
        Note($"DescribeUser, ids cycled over {ids.Length} users; per run ABBA rounds of {calls8} calls at 8 in flight and of {calls1} at 1 at a time.");
        Note("CPU = this process's CPU time (Environment.CpuUsage) per call; allocated = GC.GetTotalAllocatedBytes(true) per call.");
        // Warm-up past tiered JIT: both paths at both concurrencies, a pause for the background tier-1 compiles, again.
        // (This process's CPU time includes the JIT's and the GC's threads, so a path still being compiled costs more.)
        for (int warm = 0; warm < 2; warm++)
        {
            foreach (var call in new[] { viaClient, viaRaw })
            {
                await Drive(call, ids, 8, o.Quick ? 400 : 1000, ct);
                await Drive(call, ids, 1, 100, ct);
            }

            await Task.Delay(500, ct);
        }


        var ratios = new Dictionary<string, List<double>>();
        var figures = new Dictionary<string, List<double>>();
        void Keep(Dictionary<string, List<double>> d, string key, double v) { if (!d.TryGetValue(key, out var l)) d[key] = l = []; l.Add(v); }
        for (int i = 1; i <= o.Runs; i++)
        {
            foreach (var (inFlight, calls) in new[] { (8, calls8), (1, calls1) })
            {
                var sum = new Dictionary<string, (double Wall, double Cpu, double Alloc)>();
                foreach (var (name, call) in new[] { ("client", viaClient), ("raw", viaRaw), ("raw", viaRaw), ("client", viaClient) })
                {
                    var r = await Drive(call, ids, inFlight, calls, ct);
                    sum[name] = sum.TryGetValue(name, out var s) ? (s.Wall + r.Wall / 2, s.Cpu + r.Cpu / 2, s.Alloc + r.Alloc / 2) : (r.Wall / 2, r.Cpu / 2, r.Alloc / 2);
                }

                var (c, w) = (sum["client"], sum["raw"]);
                Line($"run {i}, {inFlight} in flight: client / raw",
                    $"{c.Wall:F0} / {w.Wall:F0} us wall, {c.Cpu:F0} / {w.Cpu:F0} us CPU, {c.Alloc / 1024:F1} / {w.Alloc / 1024:F1} KB a call");
                Keep(ratios, $"wall{inFlight}", c.Wall / w.Wall);
                Keep(ratios, $"cpu{inFlight}", c.Cpu / w.Cpu);
                Keep(ratios, $"alloc{inFlight}", c.Alloc / w.Alloc);
                Keep(figures, $"cpu{inFlight}c", c.Cpu);
                Keep(figures, $"cpu{inFlight}r", w.Cpu);
                Keep(figures, $"alloc{inFlight}c", c.Alloc / 1024);
                Keep(figures, $"alloc{inFlight}r", w.Alloc / 1024);
            }
        }

        Spread R(string key) => Spread.Of(ratios[key]);
        Spread F(string key) => Spread.Of(figures[key]);
        Add("O1", "client / raw time a call, 8 in flight", R("wall8").Show("F2", "x"), "<= 1.5x", R("wall8").Median <= 1.5);
        Add("O2", "client / raw time a call, 1 at a time", R("wall1").Show("F2", "x"), "<= 1.5x", R("wall1").Median <= 1.5);
        Add("O3", "client / raw CPU a call, 8 in flight", $"{R("cpu8").Show("F2", "x")}: {F("cpu8c").Median:F0} vs {F("cpu8r").Median:F0} us", "<= 1.5x", R("cpu8").Median <= 1.5);
        Add("O4", "client / raw bytes allocated a call", $"{R("alloc8").Show("F2", "x")}: {F("alloc8c").Median:F1} vs {F("alloc8r").Median:F1} KB", "<= 1.5x", R("alloc8").Median <= 1.5);
        Line("[info] 1 at a time: CPU client / raw", $"{R("cpu1").Show("F2", "x")}: {F("cpu1c").Median:F0} vs {F("cpu1r").Median:F0} us a call");
    }

    /// <summary>Runs <paramref name="count"/> calls with <paramref name="inFlight"/> at once; per call: wall us, CPU us, bytes.</summary>
    private static async Task<(double Wall, double Cpu, double Alloc)> Drive(Func<string, Task<ConnectUser>> call, string[] ids, int inFlight, int count, CancellationToken ct)
    {
        int next = -1;
        var cpu0 = Environment.CpuUsage.TotalTime;
        long alloc0 = GC.GetTotalAllocatedBytes(true);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                string id = ids[i % ids.Length];
                var user = await call(id).ConfigureAwait(false);
                if (user.Id != id) throw new InvalidOperationException($"asked for {id}, got {user.Id}");
            }
        }, ct)));
        double wall = watch.Elapsed.TotalMicroseconds / count * inFlight; // time a call takes a worker
        double cpu = (Environment.CpuUsage.TotalTime - cpu0).TotalMicroseconds / count;
        double alloc = (GC.GetTotalAllocatedBytes(true) - alloc0) / (double)count;
        return (wall, cpu, alloc);
    }
}
