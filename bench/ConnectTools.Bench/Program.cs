using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Auth;
using ConnectTools.Client;
using ConnectTools.Emulator;

namespace ConnectTools.Bench;

/// <summary>
/// Runs the scenarios against an in-process emulator and prints every figure measured in this run, then a summary
/// table with PASS/MISS per target. Usage: dotnet run -c Release --project bench/ConnectTools.Bench [-- A C E] [--quick]
/// </summary>
public static class BenchMain
{
    private static readonly (string Id, string Title, TimeSpan Limit, Func<bool, CancellationToken, Task> Run)[] All =
    [
        ("A", "Full-detail listing vs DescribeUser quota, vs a sequential loop", TimeSpan.FromMinutes(3), Scenarios.A),
        ("B", "Throughput as a share of the default DescribeUser quota", TimeSpan.FromMinutes(2), Scenarios.B),
        ("C", "-Summary listing: SearchUsers calls for 5,000 users", TimeSpan.FromMinutes(2), Scenarios.C),
        ("D", "Client overhead: ConnectClient vs raw HttpClient + System.Text.Json", TimeSpan.FromMinutes(5), Scenarios.D),
        ("E", "Streaming -Summary: time to first object, memory flatness", TimeSpan.FromMinutes(5), Scenarios.E),
    ];

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        bool quick = args.Any(a => a.Equals("--quick", StringComparison.OrdinalIgnoreCase));
        var wanted = args.Where(a => !a.StartsWith('-')).Select(a => a.ToUpperInvariant()).ToHashSet();
        var unknown = wanted.Where(w => All.All(s => s.Id != w)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine("Unknown scenario(s): " + string.Join(", ", unknown) + ". Use some of: " + string.Join(" ", All.Select(s => s.Id)) + " [--quick].");
            return 2;
        }

        ThreadPool.GetMinThreads(out int minWorkers, out _);
        Console.WriteLine($"ConnectTools benchmark{(quick ? " (--quick: smaller sizes, a smoke run; figures are not the targets' sizes)" : "")}");
        Console.WriteLine($"  {DateTime.UtcNow:u}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, " +
                          $"Server GC {System.Runtime.GCSettings.IsServerGC}, min pool threads {minWorkers}; emulator in-process on 127.0.0.1 (HTTP/1.1).");
        Console.WriteLine("  Every figure below is measured in this run; the machine is shared, so figures are noisy.");
        Console.WriteLine("  Source measured: " + Bench.SourceState());

        var total = Stopwatch.StartNew();
        await Bench.WarmUpAsync();
        Console.WriteLine($"  JIT warm-up done in {total.Elapsed.TotalSeconds:F1} s (a small listing of each kind on a throwaway emulator).");

        foreach (var s in All.Where(s => wanted.Count == 0 || wanted.Contains(s.Id)))
        {
            Console.WriteLine();
            Console.WriteLine($"== {s.Id}: {s.Title} ==");
            using var cts = new CancellationTokenSource(s.Limit);
            var run = Task.Run(() => s.Run(quick, cts.Token));
            try
            {
                if (await Task.WhenAny(run, Task.Delay(s.Limit + TimeSpan.FromSeconds(30))) != run)
                    throw new TimeoutException($"the scenario did not end within {s.Limit.TotalSeconds + 30:F0} s");
                await run;
            }
            catch (Exception e)
            {
                string why = e is OperationCanceledException ? $"timed out after {s.Limit.TotalSeconds:F0} s" : e.GetType().Name + ": " + e.Message;
                Console.WriteLine($"  SCENARIO FAILED: {why}");
                Bench.Fail(s.Id, "scenario completed", why);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"== Summary ({total.Elapsed.TotalSeconds:F0} s in all{(quick ? ", --quick sizes" : "")}) ==");
        Console.WriteLine($"  {"Id",-4} {"Target",-58} {"Measured",-26} {"Result",-6}");
        foreach (var r in Bench.Rows)
            Console.WriteLine($"  {r.Id,-4} {r.Target,-58} {r.Measured,-26} {(r.Pass ? "PASS" : "MISS"),-6}");
        int missed = Bench.Rows.Count(r => !r.Pass);
        Console.WriteLine($"  {Bench.Rows.Count - missed} PASS, {missed} MISS.");
        return 0;
    }
}

/// <summary>Shared helpers: emulator and clients, printing, targets.</summary>
internal static class Bench
{
    internal sealed record Row(string Id, string Target, string Measured, bool Pass);

    internal static readonly List<Row> Rows = [];

    internal static void Line(string label, string value) => Console.WriteLine($"  {label,-52} {value}");

    /// <summary>Prints a target line and records it for the summary.</summary>
    internal static void Target(string id, string what, double measured, bool atMost, double bound, string format, string unit = "")
    {
        bool pass = atMost ? measured <= bound : measured >= bound;
        string m = measured.ToString(format, CultureInfo.InvariantCulture) + unit;
        string target = $"{what} {(atMost ? "<=" : ">=")} {bound.ToString(format, CultureInfo.InvariantCulture)}{unit}";
        Console.WriteLine($"  TARGET {id}: {target}: measured {m} -> {(pass ? "PASS" : "MISS")}");
        lock (Rows) Rows.Add(new Row(id, target, m, pass));
    }

    internal static void Fail(string id, string what, string why)
    {
        lock (Rows) Rows.Add(new Row(id, what, why.Length > 26 ? why[..26] : why, false));
    }

    internal static async Task<ConnectEmulator> StartEmulatorAsync(int users, Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { GeneratedInstances = 1, GeneratedUsers = users };
        configure?.Invoke(options);
        var watch = Stopwatch.StartNew();
        var emulator = await ConnectEmulator.StartAsync(options);
        Line("emulator", $"{users:N0} users, latency {options.Latency.TotalMilliseconds:F0} ms, " +
                         (options.DisableQuotas ? "quotas OFF" : "quotas ON") + $", signatures {(options.RequireSignature ? "verified" : "not checked")} " +
                         $"(started in {watch.Elapsed.TotalSeconds:F1} s)");
        return emulator;
    }

    /// <summary>
    /// A client the way the cmdlets make one, through a ConnectSession with explicit keys (the emulator's demo key):
    /// shared (cached, as commands in one PowerShell session reuse it) or the session's own (with its own rate gate).
    /// The environment is an empty dictionary so AWS_MAX_ATTEMPTS etc. of this shell cannot change the figures.
    /// </summary>
    internal static ConnectClient NewClient(ConnectEmulator emulator, bool cached)
    {
        var settings = new AwsSettings
        {
            AccessKey = EmulatorOptions.DemoAccessKeyId,
            SecretKey = EmulatorOptions.DemoSecretKey,
            Region = emulator.Options.Region,
            Environment = new DictionaryEnvironment(new Dictionary<string, string?>()),
        };
        settings.EndpointUrl = emulator.Url.ToString();
        return new ConnectSession(settings, new HttpSettings(), verbose: null, shareClients: cached).ClientFor();
    }

    /// <summary>Runs a blocking listing on its own thread, as PowerShell's pipeline thread would (not a pool thread).</summary>
    internal static Task<T> OnOwnThread<T>(Func<T> body) =>
        Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The commit and any uncommitted change under src/, so a figure can be tied to the code it measured.</summary>
    internal static string SourceState()
    {
        try
        {
            var dir = new System.IO.DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "ConnectTools.sln"))) dir = dir.Parent;
            if (dir == null) return "unknown (no ConnectTools.sln above the binary)";
            string Git(string arguments)
            {
                var psi = new ProcessStartInfo("git", arguments) { WorkingDirectory = dir.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
                using var p = Process.Start(psi)!;
                string output = p.StandardOutput.ReadToEnd();
                return p.WaitForExit(5000) ? output.Trim() : "";
            }
            string changed = string.Join(", ", Git("status --porcelain -- src").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
            return "commit " + Git("rev-parse --short HEAD") + (changed.Length == 0 ? ", src/ clean" : ", uncommitted in src/: " + changed);
        }
        catch (Exception e)
        {
            return "unknown (" + e.GetType().Name + ")";
        }
    }

    internal static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:F0} ms";

    internal static string S(TimeSpan t) => $"{t.TotalSeconds:F2} s";

    internal static string MB(double bytes) => $"{bytes / (1024.0 * 1024.0):F1} MB";

    /// <summary>Runs every code path once on a throwaway emulator so the scenarios do not pay for JIT compilation.</summary>
    internal static async Task WarmUpAsync()
    {
        await using var emulator = await ConnectEmulator.StartAsync(new EmulatorOptions { GeneratedInstances = 1, GeneratedUsers = 1100, DisableQuotas = true });
        var client = NewClient(emulator, cached: false);
        string instanceId = emulator.Data.Instances[0].Id;
        await OnOwnThread(() =>
        {
            var options = new Enumeration.ListingOptions();
            foreach (var _ in Enumeration.Listings.Users(client, instanceId, null, null, options, new Enumeration.ListingMonitor(), CancellationToken.None)) { }
            var plan = Enumeration.UserSearchPlanner.Plan(new Enumeration.UserFilter());
            foreach (var _ in Enumeration.Listings.UserSummaries(client, instanceId, plan, null, new Enumeration.ListingOptions(), new Enumeration.ListingMonitor(), CancellationToken.None)) { }
            return 0;
        });
        using var raw = new RawConnect(emulator.Url, emulator.Options.Region);
        foreach (var u in emulator.Data.Instances[0].Users.Take(50))
        {
            await raw.DescribeUserAsync(instanceId, u.Id, CancellationToken.None);
            await client.DescribeUserAsync(instanceId, u.Id);
        }
    }
}
