using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Enumeration;
using static ConnectTools.Bench.Report;

namespace ConnectTools.Bench;

internal sealed record Options(int Runs, bool Quick);

/// <summary>
/// The benchmark the README quotes. Every row prints its figure (median and min..max of the runs), its goal and PASS or
/// MISS. The emulator always runs as a process of its own; PowerShell rows use the pinned pwsh and the built module.
/// </summary>
public static class BenchMain
{
    private sealed record RowDef(string Letter, string Name, string Title);

    private static readonly RowDef[] All =
    [
        new("P", "pacing", "Pacing: quota used and 429s caused, on a grid of quotas and latencies"),
        new("C", "summary", "-Summary of 5,000 users: SearchUsers calls"),
        new("S", "speedup", "Full listing vs the sequential loop, against the quota's bound"),
        new("M", "memory", "Memory at 100k users: live heap and process peak"),
        new("O", "overhead", "Per-call cost: ConnectClient vs raw HttpClient + System.Text.Json"),
        new("E", "pwsh", "PowerShell end to end vs the core, same listing"),
        new("I", "import", "Import-Module vs a bare pwsh start"),
        new("F", "first", "First object in a fresh pwsh after Import-Module"),
    ];

    private const string Usage = """
        Usage: dotnet run -c Release --project bench/ConnectTools.Bench [-- [ROW...] [--runs N] [--quick]]

          ROW       letters or names of the rows to run (default: all):
                    P pacing, C summary, S speedup, M memory, O overhead, E pwsh, I import, F first
          --runs N  runs of each timed row (paired rounds; median and min..max are printed); default 3
          --quick   smaller sizes and one run: a smoke test of the benchmark, not the figures the README quotes

        Needs the module built (dotnet publish src/ConnectTools -c Release) and the local pwsh tool (dotnet tool restore)
        for rows E, I and F.
        """;

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        if (args.Length == 4 && args[0] == "--child-memory") return await ClientRows.MemoryChild(args[1], args[2], args[3]);
        if (args.Length == 4 && args[0] == "--child-listing") return await ClientRows.ListingChild(args[1], args[2], args[3]);

        bool quick = false;
        int runs = 3;
        bool runsGiven = false;
        var wanted = new HashSet<string>();
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (a is "-h" or "--help" or "-?") { Console.WriteLine(Usage); return 0; }
            if (a == "--quick") { quick = true; continue; }
            if (a == "--runs")
            {
                if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs < 1 || runs > 50)
                {
                    Console.Error.WriteLine("--runs needs a whole number from 1 to 50, e.g. --runs 5.");
                    return 2;
                }

                runsGiven = true;
                continue;
            }

            var row = All.FirstOrDefault(r => r.Letter.Equals(a, StringComparison.OrdinalIgnoreCase) || r.Name.Equals(a, StringComparison.OrdinalIgnoreCase));
            if (row == null)
            {
                Console.Error.WriteLine($"Unknown argument '{a}'. Rows: {string.Join(", ", All.Select(r => r.Letter + " " + r.Name))}; options --runs N, --quick, --help.");
                return 2;
            }

            wanted.Add(row.Letter);
        }

        if (quick && !runsGiven) runs = 1;
        var options = new Options(runs, quick);
        var selected = All.Where(r => wanted.Count == 0 || wanted.Contains(r.Letter)).ToList();

        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Stop the children now (emulators, pwsh): the run is abandoned, nothing is left behind.
            e.Cancel = true;
            cts.Cancel();
            Children.StopAll();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Children.StopAll();

        ThreadPool.GetMinThreads(out int minWorkers, out _);
        Console.WriteLine($"ConnectTools benchmark{(quick ? " (--quick: smaller sizes, a smoke run; not the figures the README quotes)" : "")}");
        Console.WriteLine($"  {DateTime.UtcNow:u}, .NET {Environment.Version}, {Environment.ProcessorCount} cores, Server GC {System.Runtime.GCSettings.IsServerGC}, min pool threads {minWorkers}");
        Console.WriteLine($"  machine at start: {Machine.Load()}");
        Console.WriteLine($"  source measured: {Repo.SourceState()}");
        Console.WriteLine($"  module: {Repo.ModuleState(out _)}");
        Console.WriteLine($"  emulator: {Repo.EmulatorDll}, started as its own process (`dotnet ConnectTools.Emulator.dll`) for each row, on 127.0.0.1");
        Console.WriteLine($"  rows: {string.Join(" ", selected.Select(r => r.Letter))}; --runs {runs} (timed rows: median and min..max of the runs)");
        Console.WriteLine("  Every figure is measured in this run; the machine may be shared, so read the load lines with the figures.");

        var total = Stopwatch.StartNew();
        try
        {
            await WarmUpAsync(cts.Token);
            Console.WriteLine($"  JIT warm-up done in {total.Elapsed.TotalSeconds:F1} s (a small listing of each kind and raw calls, throwaway emulator).");
            bool efDone = false;
            foreach (var row in selected)
            {
                if (row.Letter is "E" or "F" && efDone) continue;
                Console.WriteLine();
                Console.WriteLine($"== {row.Letter} ({row.Name}): {row.Title} ==");
                Console.WriteLine($"  machine: {Machine.Load()}");
                var watch = Stopwatch.StartNew();
                try
                {
                    switch (row.Letter)
                    {
                        case "P": await QuotaRows.Pacing(options, cts.Token); break;
                        case "C": await QuotaRows.Summary(options, cts.Token); break;
                        case "S": await QuotaRows.Speedup(options, cts.Token); break;
                        case "M": await ClientRows.Memory(options, cts.Token); break;
                        case "O": await ClientRows.Overhead(options, cts.Token); break;
                        case "I": await PwshRows.Import(options, cts.Token); break;
                        case "E" or "F":
                            // One fresh pwsh a run serves both rows.
                            efDone = true;
                            bool e = selected.Any(r => r.Letter == "E"), f = selected.Any(r => r.Letter == "F");
                            if (e && f) Console.WriteLine("  (rows E and F share their pwsh processes)");
                            await PwshRows.EndToEndAndFirst(options, e, f, cts.Token);
                            break;
                    }
                }
                catch (Exception ex) when (!cts.IsCancellationRequested)
                {
                    Failed(row.Letter, row.Title, ex.GetType().Name + ": " + ex.Message);
                }

                Console.WriteLine($"  ({row.Letter} took {watch.Elapsed.TotalSeconds:F0} s)");
            }
        }
        catch (Exception) when (cts.IsCancellationRequested)
        {
            Console.WriteLine();
            Console.WriteLine("Stopped (Ctrl+C); the emulators and pwsh processes were stopped. Rows so far:");
        }
        finally
        {
            Children.StopAll();
        }

        Console.WriteLine();
        Console.WriteLine($"== Summary ({total.Elapsed.TotalSeconds:F0} s in all{(quick ? ", --quick sizes" : "")}, --runs {runs}) ==");
        Console.WriteLine($"  machine at end: {Machine.Load()}");
        PrintTable();
        return cts.IsCancellationRequested ? 130 : 0;
    }

    /// <summary>Runs every code path once on a throwaway emulator so the rows do not pay for JIT compilation.</summary>
    private static async Task WarmUpAsync(CancellationToken ct)
    {
        await using var emulator = await EmulatorProcess.StartAsync(1100, 0, quotas: false, null, ct);
        var client = emulator.NewClient();
        string instance = emulator.Instances[0];
        await Listing.Users(client, instance, new ListingOptions(), ct);
        await Listing.Summaries(client, instance, ct);
        var ids = (await client.ListUsersAsync(instance, null, 50, ct)).Items.Select(u => u.Id!).ToList();
        using var raw = new RawConnect(emulator.Url, emulator.Region);
        foreach (var id in ids)
        {
            await raw.DescribeUserAsync(instance, id, ct);
            await client.DescribeUserAsync(instance, id, ct);
        }

        await emulator.RequestsAsync(ct);
        await emulator.CountsAsync("DescribeUser", ct);
    }
}
